# SPDX-License-Identifier: Apache-2.0
"""The account pages of `baseline serve` in the lab: log in (a Secure, HttpOnly, SameSite=Strict
session cookie), make an API token (shown once) and use it on the batch API as a bearer token,
CSRF refused without the session's token, revoke the token, log out; wrong passwords throttled
(429 with Retry-After) before the password is checked."""
import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from serve_harness import Server, check, summary  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def add_user(baseline, db, name, password):
    done = subprocess.run([baseline, "users", "add", name, "--db", "sqlite:" + db],
                          input=password + "\n", text=True, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"users add {name}: {done.stderr}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    args = parser.parse_args()
    server = Server(args.baseline)
    add_user(args.baseline, server.db, "carol", "carol's password")
    add_user(args.baseline, server.db, "dave", "dave's password")
    listed = subprocess.run([args.baseline, "users", "list", "--db", "sqlite:" + server.db],
                            capture_output=True, text=True).stdout
    check("carol" in listed and "dave" in listed, "users list names both accounts")
    server.start()
    try:
        status, headers, _ = server.request("GET", "/account")
        check(status == 401, f"the account page needs a login ({status})")
        status, headers, page = server.request("POST", "/login", b"name=carol&password=wrong", FORM)
        check(status == 401 and b"wrong" in page, "a wrong password: 401 and the form again")
        status, headers, _ = server.request("POST", "/login",
                                            b"name=carol&password=carol%27s+password", FORM)
        cookie = headers.get("set-cookie", "")
        check(status == 303 and headers.get("location") == "/account", "login: 303 to /account")
        for attribute in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
            check(attribute in cookie, f"the session cookie is {attribute}")
        session = cookie.split(";", 1)[0]
        status, _, page = server.request("GET", "/account", headers={"Cookie": session})
        check(status == 200 and b"Account carol" in page, "the account page")
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page)
        check(csrf is not None, "the page's forms carry a CSRF token")
        csrf = csrf.group(1).decode() if csrf else ""

        status, _, _ = server.request("POST", "/account/tokens", b"label=script",
                                      {**FORM, "Cookie": session})
        check(status == 403, "making a token without the CSRF token: 403")
        status, _, _ = server.request("POST", "/account/tokens", b"label=script&csrf=" +
                                      b"A" * 43, {**FORM, "Cookie": session})
        check(status == 403, "with another CSRF token: 403")
        status, headers, page = server.request("POST", "/account/tokens",
                                               f"label=script&csrf={csrf}".encode(),
                                               {**FORM, "Cookie": session})
        token = re.search(rb'<code class="token">([A-Za-z0-9_-]{43})</code>', page)
        check(status == 200 and token is not None, "a new token is shown")
        check(headers.get("cache-control") == "no-store", "the token page is not cached")
        token = token.group(1).decode() if token else ""
        status, _, page = server.request("GET", "/account", headers={"Cookie": session})
        check(token.encode() not in page, "the token is shown only once")

        bearer = {"Authorization": "Bearer " + token}
        status, _, body = server.request("GET", "/api/batch/v2/requests", headers=bearer)
        check(status == 200 and b'"requests"' in body, "the token works on the batch API")
        status, _, _ = server.request("POST", "/account/tokens", b"label=x", {**FORM, **bearer})
        check(status == 403, "a token cannot make tokens")
        dave = server.request("POST", "/login", b"name=dave&password=dave%27s+password", FORM)[1]
        dave_session = dave.get("set-cookie", "").split(";", 1)[0]
        dave_page = server.request("GET", "/account", headers={"Cookie": dave_session})[2]
        dave_csrf = re.search(rb'name="csrf" value="([^"]+)"', dave_page).group(1).decode()
        token_id = re.search(rb'action="/account/tokens/(\d+)/revoke"', page).group(1).decode()
        status, _, _ = server.request("POST", f"/account/tokens/{token_id}/revoke",
                                      f"csrf={dave_csrf}".encode(), {**FORM, "Cookie": dave_session})
        check(status == 404, "another account cannot revoke the token: 404")
        status, _, _ = server.request("POST", f"/account/tokens/{token_id}/revoke",
                                      f"csrf={csrf}".encode(), {**FORM, "Cookie": session})
        check(status == 303, "revoked")
        status, _, _ = server.request("GET", "/api/batch/v2/requests", headers=bearer)
        check(status == 401, "a revoked token no longer works")

        status, headers, _ = server.request("POST", "/logout", f"csrf={csrf}".encode(),
                                            {**FORM, "Cookie": session})
        check(status == 303 and "Max-Age=0" in headers.get("set-cookie", ""), "logout clears it")
        status, _, _ = server.request("GET", "/account", headers={"Cookie": session})
        check(status == 401, "the old session no longer works")

        # Five failures for dave's account: the sixth attempt is refused unchecked.
        for _ in range(5):
            server.request("POST", "/login", b"name=dave&password=nope", FORM)
        status, headers, _ = server.request("POST", "/login",
                                            b"name=dave&password=dave%27s+password", FORM)
        check(status == 429 and int(headers.get("retry-after", "0")) > 0,
              "throttled: 429 with Retry-After, even with the right password")
    finally:
        server.kill()
    return summary()


if __name__ == "__main__":
    sys.exit(main())
