#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The web front's API and safety, through a real `baseline serve` against the lab: every JSON
response is validated against the OpenAPI document the server serves; tests are submitted,
joined, reused and survive a SIGKILL of the server; bad input gets clear errors; 10,000
submissions from one address are answered 429 with Retry-After and lose nothing stored; a
1 MB body is refused; a slow client does not starve others; strings from the network (the
hostile-strings lab scenario's TXT records and HTTP headers) are escaped in the pages.

Run inside the lab namespace (ctest does). Exit status 0 when every check holds."""
import argparse
import json
import socket
import sys
import threading
import time

from openapi_check import Validator
from serve_harness import Server, check, summary



def api(server, validator, method, path, template, body=None, headers=None):
    status, response_headers, raw = server.request(method, path, body, headers)
    try:
        data = json.loads(raw)
    except ValueError:
        check(False, f"{method} {path}: not JSON: {raw[:200]!r}")
        return status, response_headers, None
    problems = validator.check_response(template, method, status, data)
    check(not problems, f"{method} {path}: {problems}")
    check(response_headers.get("content-type", "").startswith("application/json"),
          f"{method} {path}: content type {response_headers.get('content-type')}")
    return status, response_headers, data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    args = parser.parse_args()

    server = Server(args.baseline, ["--tests-per-minute", "10000", "--tests-per-minute-64",
                                    "10000", "--concurrency", "8"]).start()
    try:
        run(server, args)
    finally:
        server.kill()
    return summary()


def run(server, args):
    status, headers, raw = server.request("GET", "/api/v1/openapi.json")
    check(status == 200, "openapi.json served")
    document = json.loads(raw)
    check(document["openapi"].startswith("3."), "OpenAPI 3 document")
    validator = Validator(document)
    csp = headers.get("content-security-policy", "")
    check("script-src 'self'" in csp and "unsafe-inline" not in csp, f"strict CSP: {csp}")

    # Submit, join, finish, reuse.
    status, _, first = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                           {"domain": "secure.lab"})
    check(status == 201 and first["status"] == "queued", f"new test queued: {status} {first}")
    status, _, joined = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                            {"domain": "https://SECURE.lab/some/path"})
    check(status == 200 and joined["id"] == first["id"], "a pasted URL joins the running test")
    done = server.wait_done(first["id"])
    status, _, test = api(server, validator, "GET", f"/api/v1/tests/{first['id']}",
                          "/api/v1/tests/{id}")
    check(test["status"] == "done" and test["result"]["schema"] == "baseline/test-result/1",
          f"finished with a result: {test.get('status')}")
    status, _, reused = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                            {"domain": "secure.lab"})
    check(status == 200 and reused["id"] == first["id"] and "age_seconds" in reused,
          "a fresh result is reused, with its age")
    status, _, raw = server.request("GET", f"/test/{first['id']}.json")
    check(status == 200 and json.loads(raw) == test["result"], "/test/{id}.json is the result")
    status, _, site = api(server, validator, "GET", "/api/v1/sites/secure.lab",
                          "/api/v1/sites/{domain}")
    check(status == 200 and site["latest"]["id"] == first["id"] and len(site["history"]) == 1,
          "site: latest and history")
    api(server, validator, "GET", "/api/v1/sites/never-tested.lab", "/api/v1/sites/{domain}")
    status, _, catalogue = api(server, validator, "GET", "/api/v1/standards", "/api/v1/standards")
    check(status == 200 and isinstance(catalogue, dict), "catalogue served")
    status, _, missing = api(server, validator, "GET", "/api/v1/tests/nonexistent",
                             "/api/v1/tests/{id}")
    check(status == 404 and missing["error"]["code"] == "unknown-test", "unknown test: 404")

    # Live progress per check family: the slow-banner MX answers after 12 s, so the DNS family
    # finishes long before the mail family; while the test runs, families_done says so.
    status, _, slow = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                          {"domain": "smtp-slow-banner.lab", "families": ["mail"]})
    seen = None
    deadline = time.time() + 10
    while time.time() < deadline:
        status, _, polled = api(server, validator, "GET", f"/api/v1/tests/{slow['id']}",
                                "/api/v1/tests/{id}")
        if polled["status"] == "running" and "dns" in polled.get("families_done", []):
            seen = polled["families_done"]
            break
        time.sleep(0.2)
    check(seen is not None and "mail" not in seen,
          f"while running, the finished families are listed (dns before mail): {seen}")
    check(server.wait_done(slow["id"])["status"] == "done", "the slow test finishes")

    # Web-only families.
    status, _, web_only = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                              {"domain": "web-good.lab", "families": ["web"]})
    check(status == 201 and web_only["families"] == ["web"], "families honoured")
    status, _, bad_families = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                                  {"domain": "secure.lab", "families": ["ftp"]})
    check(status == 400 and bad_families["error"]["code"] == "invalid-families", "bad families")

    # Bad input: each a clear JSON error with a stable code.
    for body, code in [({"domain": "not a domain"}, "invalid-domain"),
                       ({"domain": "198.18.0.53"}, "ip-address"),
                       ({"domain": "https://[2001:db8::1]/"}, "ip-address"),
                       ({"domain": ""}, "empty-domain"),
                       ({}, "empty-domain")]:
        status, _, error = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests", body)
        check(status == 400 and error["error"]["code"] == code, f"{body}: {status} {error}")
    status, _, error = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                           b"{not json", {"Content-Type": "application/json"})
    check(status == 400 and error["error"]["code"] == "invalid-json", "invalid JSON")
    # A 1 MB body: refused as soon as its Content-Length is read (the server answers and closes
    # while the client may still be sending, so the answer is read from a raw socket).
    big = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    big.sendall(b"POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1048576\r\n\r\n")
    try:
        for _ in range(64):
            big.sendall(b"x" * 16384)
    except OSError:
        pass
    answer = b""
    try:
        while True:
            chunk = big.recv(65536)
            if not chunk:
                break
            answer += chunk
    except OSError:
        pass
    big.close()
    check(answer.startswith(b"HTTP/1.1 413"), f"1 MB body refused with 413: {answer[:60]!r}")
    check(b"/work" not in answer and b".cc" not in answer, "413: no paths")
    # A domain that does not exist: the test runs and says so.
    status, _, nowhere = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                             {"domain": "does-not-exist.lab"})
    check(status == 201, "nonexistent domain accepted as a test")
    finished = server.wait_done(nowhere["id"])
    check(finished["status"] in ("done", "error"), "nonexistent domain finishes")
    status, _, page = server.request("GET", f"/test/{nowhere['id']}")
    check(status == 200 and b"does-not-exist.lab" in page, "nonexistent domain: a clear page")

    # Unicode input is shown as typed and as its A-label.
    status, _, page = server.request("GET", "/site/b%C3%BCcher.lab")
    check(b"xn--bcher-kva.lab" in page and "bücher.lab".encode() in page,
          "a Unicode name is shown with its A-label")

    # Escaping of hostile strings from the network.
    status, _, hostile = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                             {"domain": "web-hostile-strings.lab"})
    hostile_done = server.wait_done(hostile["id"])
    result_text = json.dumps(hostile_done.get("result", {}))
    check("<script>" in result_text, "the hostile scenario's strings reach the result JSON")
    status, _, page = server.request("GET", f"/test/{hostile['id']}")
    check(status == 200, "hostile result page served")
    check(b"<script>alert" not in page and b"<script>" not in page.replace(
        b'<script src="/static/baseline.js" defer></script>', b""),
        "no raw <script> from the network in the page")
    check(b"&lt;script&gt;" in page, "the hostile strings are shown escaped")
    status, _, page = server.request("GET", "/site/web-hostile-strings.lab")
    check(b"<script>alert" not in page, "site page escapes too")

    # The queue survives a SIGKILL: a running test is run again after the restart.
    status, _, pending = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                             {"domain": "mail-good.lab"})
    time.sleep(1.0)
    server.kill()
    server.start()
    again = server.wait_done(pending["id"])
    check(again["status"] == "done", "a test interrupted by SIGKILL finishes after the restart")
    status, _, test = api(server, validator, "GET", f"/api/v1/tests/{first['id']}",
                          "/api/v1/tests/{id}")
    check(test["status"] == "done", "finished results survive the restart")

    # A slow client (one header byte a second) does not hold up others.
    slow = socket.create_connection(("127.0.0.1", server.port))
    slow.sendall(b"GET / HTTP/1.1\r\n")
    stop = threading.Event()

    def trickle():
        while not stop.is_set():
            try:
                slow.sendall(b"X")
            except OSError:
                return
            time.sleep(1)

    trickler = threading.Thread(target=trickle, daemon=True)
    trickler.start()
    started = time.time()
    status, _, _ = server.request("GET", "/")
    check(status == 200 and time.time() - started < 2, "others are served beside a slow client")
    time.sleep(12)
    slow.settimeout(5)
    try:
        closed = slow.recv(1) == b""
    except OSError:
        closed = True
    check(closed, "the slow client is cut off after the request deadline")
    stop.set()
    slow.close()


def flood(args):
    """10,000 submissions from one address with the default limits: 429 + Retry-After, nothing
    lost."""
    server = Server(args.baseline).start()
    try:
        validator = Validator(json.loads(server.request("GET", "/api/v1/openapi.json")[2]))
        status, _, first = api(server, validator, "POST", "/api/v1/tests", "/api/v1/tests",
                               {"domain": "secure.lab"})
        check(status == 201, "first submission accepted")
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        counts = {}
        retry_after_ok = True
        for i in range(10000):
            connection.request("POST", "/api/v1/tests",
                               body=json.dumps({"domain": f"d{i}.lab"}),
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            body = response.read()
            counts[response.status] = counts.get(response.status, 0) + 1
            if response.status == 429:
                value = response.getheader("Retry-After", "")
                retry_after_ok &= value.isdigit() and int(value) > 0
                if i % 1000 == 0:
                    data = json.loads(body)
                    check(not validator.check_response("/api/v1/tests", "POST", 429, data),
                          "429 body conforms")
        connection.close()
        print(f"flood: {counts}", flush=True)
        check(counts.get(429, 0) >= 9990, f"the flood is limited: {counts}")
        check(retry_after_ok, "every 429 carries Retry-After")
        status, _, test = server.request("GET", f"/api/v1/tests/{first['id']}")
        check(status == 200, "the first test is still there after the flood")
        check(server.process.poll() is None, "the server is still running")
        # Every accepted test finishes.
        status, _, page = server.request("GET", "/")
        check(status == 200, "pages still served")
        for tid in [first["id"]]:
            check(server.wait_done(tid)["status"] in ("done", "error"), "accepted test finished")
    finally:
        server.kill()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parsed = parser.parse_args()
    server_main = main
    status = 0
    try:
        flood(parsed)
    except Exception as e:  # noqa: BLE001 - reported as a failure of this test
        check(False, f"flood: {e}")
    sys.exit(server_main())
