# SPDX-License-Identifier: Apache-2.0
"""A client of the Internet.nl batch API v2, written from shared/reference/internetnl-batch-api.md
alone, run against `baseline serve` in the lab: the whole lifecycle of a web and a mail request of
lab domains (polling until done), results and technical results checked field by field, a
cancelled request, and the errors (bad type, empty domains, unknown request, another account's
request, no credentials)."""
import argparse
import base64
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from serve_harness import Server, check, summary  # noqa: E402

API = "/api/batch/v2"
VERSION = "2.7.0"
STATUSES = {"registering", "running", "generating", "done", "cancelled", "error"}
CATEGORY_STATUSES = {"passed", "info", "warning", "failed", "error"}
TEST_STATUSES = {"passed", "failed", "warning", "info", "not_tested", "error"}
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)$")

# The reference's category and test names, section "Category and test names".
WEB_TESTS = {
    "web_ipv6": ["web_ipv6_ns_address", "web_ipv6_ns_reach", "web_ipv6_ws_address",
                 "web_ipv6_ws_reach", "web_ipv6_ws_similar"],
    "web_dnssec": ["web_dnssec_exist", "web_dnssec_valid"],
    "web_https": ["web_https_http_available", "web_https_http_redirect",
                  "web_https_http_compress", "web_https_http_hsts", "web_https_tls_version",
                  "web_https_tls_ciphers", "web_https_tls_cipherorder",
                  "web_https_tls_keyexchange", "web_https_tls_keyexchangehash",
                  "web_https_tls_compress", "web_https_tls_secreneg", "web_https_tls_clientreneg",
                  "web_https_tls_extendedmastersecret", "web_https_tls_0rtt", "web_https_tls_ocsp",
                  "web_https_tls_caa", "web_https_cert_chain", "web_https_cert_pubkey",
                  "web_https_cert_sig", "web_https_cert_domain", "web_https_dane_exist",
                  "web_https_dane_valid"],
    "web_appsecpriv": ["web_appsecpriv_x_frame_options", "web_appsecpriv_x_content_type_options",
                       "web_appsecpriv_csp", "web_appsecpriv_referrer_policy",
                       "web_appsecpriv_securitytxt"],
    "web_rpki": ["web_rpki_exists", "web_rpki_valid", "web_ns_rpki_exists", "web_ns_rpki_valid"],
}
MAIL_TESTS = {
    "mail_ipv6": ["mail_ipv6_ns_address", "mail_ipv6_ns_reach", "mail_ipv6_mx_address",
                  "mail_ipv6_mx_reach"],
    "mail_dnssec": ["mail_dnssec_mailto_exist", "mail_dnssec_mailto_valid", "mail_dnssec_mx_exist",
                    "mail_dnssec_mx_valid"],
    "mail_auth": ["mail_auth_dmarc_exist", "mail_auth_dmarc_policy", "mail_auth_dkim_exist",
                  "mail_auth_spf_exist", "mail_auth_spf_policy"],
    "mail_starttls": ["mail_starttls_tls_available", "mail_starttls_tls_version",
                      "mail_starttls_tls_ciphers", "mail_starttls_tls_cipherorder",
                      "mail_starttls_tls_keyexchange", "mail_starttls_tls_keyexchangehash",
                      "mail_starttls_tls_compress", "mail_starttls_tls_secreneg",
                      "mail_starttls_tls_clientreneg", "mail_starttls_tls_extendedmastersecret",
                      "mail_starttls_tls_0rtt", "mail_starttls_tls_caa",
                      "mail_starttls_cert_chain", "mail_starttls_cert_pubkey",
                      "mail_starttls_cert_sig", "mail_starttls_cert_domain",
                      "mail_starttls_dane_exist", "mail_starttls_dane_valid",
                      "mail_starttls_dane_rollover"],
    "mail_rpki": ["mail_rpki_exists", "mail_rpki_valid", "mail_ns_rpki_exists",
                  "mail_ns_rpki_valid", "mail_mx_ns_rpki_exists", "mail_mx_ns_rpki_valid"],
}

# What the lab's scenario descriptions say about these domains, in the API's words.
WEB_EXPECT = {
    "web-good.lab": {"web_dnssec_exist": "passed", "web_dnssec_valid": "passed",
                     "web_https_http_available": "passed", "web_https_tls_version": "passed",
                     "web_https_http_hsts": "passed", "web_https_dane_valid": "passed",
                     "web_appsecpriv_securitytxt": "passed"},
    "web-legacy-versions.lab": {"web_https_tls_version": "failed"},
    "web-hsts-missing.lab": {"web_https_http_hsts": "failed"},
}
MAIL_EXPECT = {
    "mail-good.lab": {"mail_auth_dmarc_exist": "passed", "mail_auth_spf_exist": "passed",
                      "mail_auth_dkim_exist": "passed", "mail_dnssec_mx_exist": "passed",
                      "mail_starttls_dane_valid": "passed", "mail_ipv6_mx_address": "passed"},
    "dmarc-missing.lab": {"mail_auth_dmarc_exist": "failed", "mail_auth_spf_exist": "passed"},
    "mx-no-ipv6.lab": {"mail_ipv6_mx_address": "failed"},
}


class Client:
    def __init__(self, server, user=None, password=None):
        self.server, self.auth = server, None
        if user is not None:
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            self.auth = "Basic " + token

    def call(self, method, path, body=None):
        headers = {"Authorization": self.auth} if self.auth else {}
        data = json.dumps(body).encode() if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/json"
        status, response_headers, raw = self.server.request(method, API + path, data, headers)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return status, response_headers, parsed, raw


def add_user(baseline, db, name, password):
    done = subprocess.run([baseline, "users", "add", name, "--db", "sqlite:" + db],
                          input=password + "\n", text=True, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"users add {name}: {done.stderr}")


def check_request_object(request, name, request_type):
    check(isinstance(request, dict), "a request object")
    check(re.fullmatch(r"[a-zA-Z0-9]{1,35}", request.get("request_id", "")) is not None,
          f"request_id matches the route's pattern: {request.get('request_id')}")
    check(request.get("name") == name, f"name kept: {request.get('name')}")
    check(request.get("request_type") == request_type, "request_type")
    check(request.get("status") in STATUSES, f"status is a lifecycle word: {request.get('status')}")
    check(ISO.match(request.get("submit_date") or "") is not None, "submit_date is ISO 8601")
    finished = request.get("finished_date")
    check(finished is None or ISO.match(finished) is not None, "finished_date null or ISO 8601")


def error_of(parsed):
    return (parsed or {}).get("error", {}) if isinstance(parsed, dict) else {}


def wait_done(client, request_id, timeout):
    seen, deadline = [], time.time() + timeout
    while time.time() < deadline:
        status, _, parsed, _ = client.call("GET", f"/requests/{request_id}?progress=true")
        request = (parsed or {}).get("request", {})
        if not seen or seen[-1] != request.get("status"):
            seen.append(request.get("status"))
        progress = request.get("progress", "")
        check(re.fullmatch(r"\d+/\d+", progress) is not None, f"progress is n/m: {progress}")
        if request.get("status") in ("done", "error", "cancelled"):
            return request, seen
        time.sleep(1)
    raise RuntimeError(f"request {request_id} not done after {timeout} s; seen {seen}")


def check_addr(addr, where):
    check(isinstance(addr, dict) and isinstance(addr.get("address"), str),
          f"{where}: an Addr with an address")
    if "reachable" in addr:
        check(isinstance(addr["reachable"], bool), f"{where}: reachable is a bool")
    for route in addr.get("routing", []):
        check(route.get("rov_state", "").split(" ")[0] in ("valid", "invalid", "not-found"),
              f"{where}: rov_state {route.get('rov_state')}")


def check_results(server, client, request_id, request_type, expected):
    status, _, parsed, raw = client.call("GET", f"/requests/{request_id}/results")
    check(status == 200 and parsed and parsed.get("api_version") == VERSION,
          f"results: 200 with api_version ({status})")
    check(parsed["request"]["status"] == "done", "results carry the done request")
    domains = parsed.get("domains", {})
    check(set(domains) == set(expected), f"results for exactly the domains asked: {sorted(domains)}")
    names = WEB_TESTS if request_type == "web" else MAIL_TESTS
    for domain, want in expected.items():
        result = domains.get(domain, {})
        check(result.get("status") == "ok", f"{domain}: status ok ({result.get('status')})")
        if result.get("status") != "ok":
            continue
        url = result.get("report", {}).get("url", "")
        check(url.startswith("http"), f"{domain}: report.url is a URL: {url}")
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else url
        page_status, _, page = server.request("GET", path)
        check(page_status == 200 and domain.encode() in page,
              f"{domain}: report.url opens the domain's report without credentials")
        percentage = result.get("scoring", {}).get("percentage")
        check(isinstance(percentage, int) and 0 <= percentage <= 100,
              f"{domain}: scoring.percentage 0-100 ({percentage})")
        categories = result.get("results", {}).get("categories", {})
        tests = result.get("results", {}).get("tests", {})
        check(set(categories) == set(names), f"{domain}: every category, no other ({sorted(categories)})")
        for category, entry in categories.items():
            check(entry.get("status") in CATEGORY_STATUSES,
                  f"{domain}: category {category} status {entry.get('status')}")
            check(isinstance(entry.get("verdict"), str), f"{domain}: category {category} verdict")
        every = {t for listed in names.values() for t in listed}
        check(set(tests) == every, f"{domain}: every test, no other "
              f"(missing {sorted(every - set(tests))}, extra {sorted(set(tests) - every)})")
        for test, entry in tests.items():
            check(entry.get("status") in TEST_STATUSES, f"{domain}: {test} status {entry.get('status')}")
            check(isinstance(entry.get("verdict"), str) and entry["verdict"],
                  f"{domain}: {test} verdict")
        for test, status_word in want.items():
            check(tests.get(test, {}).get("status") == status_word,
                  f"{domain}: {test} is {status_word} ({tests.get(test)})")
        custom = result.get("results", {}).get("custom", {})
        check(custom.get("tls_1_3_support") in ("yes", "no", "undetermined"),
              f"{domain}: custom.tls_1_3_support {custom.get('tls_1_3_support')}")
        if request_type == "mail":
            check(isinstance(custom.get("mail_non_sending_domain"), bool),
                  f"{domain}: custom.mail_non_sending_domain is a bool")
            check(custom.get("mail_servers_testable_status") in
                  ("no_mx", "unreachable", "untestable", "ok"),
                  f"{domain}: custom.mail_servers_testable_status")


def check_technical(client, request_id, request_type, expected):
    status, _, parsed, _ = client.call("GET", f"/requests/{request_id}/results_technical")
    check(status == 200 and parsed.get("api_version") == VERSION, "results_technical: 200")
    domains = parsed.get("domains", {})
    check(set(domains) == set(expected), "technical results for exactly the domains asked")
    for domain in expected:
        t = domains.get(domain, {})
        check(t.get("status") == "ok", f"{domain}: technical status ok")
        dnssec = t.get("domain", {}).get("dnssec", {}).get("status")
        check(dnssec in ("secure", "insecure", "bogus", "unknown_ds_algo", "error", "not tested"),
              f"{domain}: domain.dnssec.status {dnssec}")
        for ns, families in t.get("nameservers", {}).items():
            for family in ("ipv4", "ipv6"):
                for addr in families.get(family, {}).get("addresses", []):
                    check_addr(addr, f"{domain}: name server {ns} {family}")
        if request_type == "web":
            servers = t.get("webservers", {})
            check("ipv4" in servers or "ipv6" in servers, f"{domain}: webservers per family")
            for family in ("ipv4", "ipv6"):
                if family not in servers:
                    continue
                server = servers[family]
                for addr in server.get("addresses", []):
                    check_addr(addr, f"{domain}: web server {family}")
                for key in ("server_reachable", "https_enabled"):
                    if key in server:
                        check(isinstance(server[key], bool), f"{domain}: {family} {key} bool")
                if "details" in server:
                    check(server.get("server_reachable") is True and server.get("https_enabled") is True,
                          f"{domain}: {family} details only when reachable with HTTPS")
            if domain == "web-legacy-versions.lab":
                protocols = [p for family in ("ipv4", "ipv6")
                             for p in servers.get(family, {}).get("details", {}).get("protocols_bad", [])]
                check(any("1.0" in p or "1.1" in p for p in protocols),
                      f"{domain}: protocols_bad names TLS 1.0/1.1 ({protocols})")
        else:
            mail = t.get("domain", {})
            check(isinstance(mail.get("dkim", {}).get("discovered"), bool), f"{domain}: dkim.discovered")
            for record in ("dmarc", "spf"):
                check(isinstance(mail.get(record, {}).get("records"), list),
                      f"{domain}: {record}.records is a list")
            if domain == "dmarc-missing.lab":
                check(mail.get("dmarc", {}).get("records") == [] and
                      "policy_status" not in mail.get("dmarc", {}),
                      f"{domain}: no DMARC record, so no policy_status")
            if domain == "mail-good.lab":
                check(any("v=spf1" in r for r in mail.get("spf", {}).get("records", [])),
                      f"{domain}: the SPF record is shown")
            mx = t.get("receiving_mailservers", {})
            check(len(mx) >= 1, f"{domain}: receiving mail servers listed")
            for host, entry in mx.items():
                addresses = entry.get("addresses", {})
                for family in ("ipv4", "ipv6"):
                    for addr in addresses.get(family, []):
                        check_addr(addr, f"{domain}: MX {host} {family}")


def lifecycle(server, alice, request_type, domains, expected, timeout):
    name = f"{request_type} test - lab"
    status, _, parsed, _ = alice.call("POST", "/requests",
                                      {"type": request_type.upper(), "domains": domains, "name": name})
    check(status in (200, 201) and parsed and parsed.get("api_version") == VERSION,
          f"register {request_type}: {status}")
    request = parsed["request"]
    check_request_object(request, name, request_type)
    check(request["status"] == "registering", "a new request is registering")
    check(request.get("finished_date") is None, "finished_date null while unfinished")
    request_id = request["request_id"]
    status, _, parsed, _ = alice.call("GET", f"/requests/{request_id}/results")
    check(status == 400 and error_of(parsed).get("label") == "bad-request",
          "results before done: 400 bad-request")
    final, seen = wait_done(alice, request_id, timeout)
    check(final["status"] == "done", f"{request_type} request done ({seen})")
    check(set(seen) <= STATUSES and seen[-1] == "done", f"statuses seen: {seen}")
    order = ["registering", "running", "generating", "done"]
    check([s for s in order if s in seen] == [s for s in seen if s in order], "statuses move forward")
    check(final.get("progress") == f"{len(expected)}/{len(expected)}" and
          final.get("num_domains") == len(expected), f"progress when done: {final.get('progress')}")
    check(ISO.match(final.get("finished_date") or "") is not None, "finished_date set when done")
    check_results(server, alice, request_id, request_type, expected)
    check_technical(alice, request_id, request_type, expected)
    return request_id


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    server = Server(args.baseline, extra=["--concurrency", "8", "--batch-max-running", "3"])
    add_user(args.baseline, server.db, "alice", "alice password 1")
    add_user(args.baseline, server.db, "bob", "bob password 2")
    server.start()
    try:
        alice = Client(server, "alice", "alice password 1")
        bob = Client(server, "bob", "bob password 2")
        nobody = Client(server)

        # No credentials, wrong password: 401 with an empty body.
        status, headers, _, raw = nobody.call("GET", "/requests")
        check(status == 401 and raw == b"", f"no credentials: 401, empty body ({status})")
        check(headers.get("www-authenticate", "").startswith("Basic"), "a Basic challenge")
        status, _, _, raw = Client(server, "alice", "wrong").call("GET", "/requests")
        check(status == 401 and raw == b"", "wrong password: 401")
        status, _, parsed, _ = alice.call("GET", "/requests")
        check(status == 200 and parsed == {"api_version": VERSION, "requests": []},
              "an empty list at first")

        # Errors of registration.
        status, _, parsed, _ = alice.call("POST", "/requests", {"type": "ftp", "domains": ["a.lab"]})
        check(status == 400 and error_of(parsed).get("label") == "bad-request",
              "bad type: 400 bad-request")
        check("type" in error_of(parsed).get("msg", ""), "bad type: the message names type")
        status, _, parsed, _ = alice.call("POST", "/requests", {"type": "web", "domains": []})
        check(status == 400 and error_of(parsed).get("label") == "bad-request", "empty domains: 400")
        status, _, parsed, _ = alice.call("POST", "/requests", {"domains": ["a.lab"]})
        check(status == 400 and "'type' is missing" in error_of(parsed).get("msg", ""),
              "missing type: 400 with the reference's message")
        status, _, parsed, _ = alice.call("GET", "/requests/0123456789abcdef0123456789abcdef")
        check(status == 404 and error_of(parsed).get("label") == "unknown-request",
              "unknown request: 404 unknown-request")
        status, _, parsed, _ = alice.call("GET", "/nonsense/path")
        check(status == 400 and error_of(parsed).get("label") == "invalid-url", "unknown path: invalid-url")
        status, _, _, raw = nobody.call("GET", "/nonsense/path")
        check(status == 401, "unknown path without credentials: 401 first")

        # metadata/report: the hierarchy has every category of both types.
        status, _, parsed, _ = alice.call("GET", "/metadata/report")
        check(status == 200 and "report" in parsed, "metadata/report")
        hierarchy = parsed["report"]["hierarchy"]
        check({h["name"] for h in hierarchy.get("web", [])} == set(WEB_TESTS), "web hierarchy")
        check({h["name"] for h in hierarchy.get("mail", [])} == set(MAIL_TESTS), "mail hierarchy")

        # A request to cancel: bob cannot see or cancel it; alice can, once.
        status, _, parsed, _ = alice.call("POST", "/requests",
                                          {"type": "web", "domains": ["web-hostile-trickle.lab"],
                                           "name": "to cancel"})
        cancel_id = parsed["request"]["request_id"]
        status, _, parsed, _ = bob.call("GET", f"/requests/{cancel_id}")
        check(status == 404 and error_of(parsed).get("label") == "unknown-request",
              "another account's request: 404 unknown-request")
        status, _, parsed, _ = bob.call("PATCH", f"/requests/{cancel_id}", {"status": "cancelled"})
        check(status == 404, "another account cannot cancel it")
        status, _, parsed, _ = bob.call("GET", f"/requests/{cancel_id}/results")
        check(status == 404, "another account cannot read its results")
        status, _, parsed, _ = bob.call("GET", "/requests")
        check(parsed.get("requests") == [], "another account's list does not show it")
        status, _, parsed, _ = alice.call("PATCH", f"/requests/{cancel_id}", {"status": "done"})
        check(status == 400 and "cancelled" in error_of(parsed).get("msg", ""),
              "PATCH with another status: 400")
        status, _, parsed, _ = alice.call("PATCH", f"/requests/{cancel_id}", {"status": "Cancelled"})
        check(status == 200 and parsed["request"]["status"] == "cancelled", "cancelled")
        check(ISO.match(parsed["request"].get("finished_date") or "") is not None,
              "a cancelled request has a finished_date")
        status, _, parsed, _ = alice.call("GET", f"/requests/{cancel_id}")
        check(parsed["request"]["status"] == "cancelled", "it stays cancelled")
        status, _, parsed, _ = alice.call("GET", f"/requests/{cancel_id}/results")
        check(status == 400, "a cancelled request has no results")

        # The lifecycle of a web and a mail request (with a duplicate, a capital and an
        # invalid name among the domains).
        web_id = lifecycle(server, alice, "web",
                           ["web-good.lab", "WEB-GOOD.lab", "web-legacy-versions.lab",
                            "web-hsts-missing.lab", "not a domain"],
                           WEB_EXPECT, args.timeout)
        mail_id = lifecycle(server, alice, "mail", list(MAIL_EXPECT), MAIL_EXPECT, args.timeout)

        # The list: newest first, limit, progress.
        status, _, parsed, _ = alice.call("GET", "/requests?limit=2&progress=true")
        listed = parsed.get("requests", [])
        check([r["request_id"] for r in listed] == [mail_id, web_id],
              "the list is newest first and limited")
        check(all("progress" in r and "num_domains" in r for r in listed), "progress=true adds both")
        status, _, parsed, _ = alice.call("GET", "/requests?limit=0")
        check(len(parsed.get("requests", [])) == 3, "limit=0: every request")
        check(all("progress" not in r for r in parsed["requests"]), "no progress unless asked")
        status, _, parsed, _ = bob.call("GET", f"/requests/{web_id}/results_technical")
        check(status == 404, "another account cannot read technical results")
    finally:
        server.kill()
    if os.environ.get("BASELINE_KEEP_LOG"):
        print(server.read_log())
    return summary()


if __name__ == "__main__":
    sys.exit(main())
