# SPDX-License-Identifier: Apache-2.0
"""The digest after a scheduled scan, end to end in the lab (run inside the lab namespace): an
account made with `users add --email` owns a list with a stored first scan; a running `baseline
serve --digest-from` rescans it on its schedule and the digest arrives in the lab's Postfix
mailbox, where this test reads it: the subject, the link to the report compared with the first
scan, a regressed and an improved domain (the first scan's verdicts are set so that one domain
improved and one regressed). Then the owner unticks the digest on the account page (refused
without the CSRF token) and the next scheduled scan sends nothing."""
import argparse
import email
import email.policy
import mailbox
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse

from serve_harness import Server, check, lab_env, summary

DOMAINS = ["secure.lab", "web-good.lab", "unsigned.lab"]
OWNER = "erin@owner.lab"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def sql(db, query, params=()):
    with sqlite3.connect(db, timeout=30) as c:
        return c.execute(query, params).fetchall()


def digests(path):
    if not os.path.exists(path):  # the mbox is made by the first delivery
        return []
    box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(
        f, policy=email.policy.default), create=False)
    return [m for m in box if m["X-Original-To"] == OWNER]


def claimed_scans(db):
    return [r[0] for r in sql(db, "SELECT s.id FROM server_scans ss JOIN scans s ON "
                                  "s.id = ss.scan_id WHERE s.finished IS NOT NULL AND "
                                  "ss.after_scan_claimed = 1 ORDER BY s.id")]


def wait_for(condition, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(1)
    return condition()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    args = parser.parse_args()
    env = lab_env()
    inbox = env["LAB_MAILBOX"]
    server = Server(args.baseline, extra=["--concurrency", "4"])
    db, url = server.db, "sqlite:" + server.db
    server.extra += ["--public-url", server.base, "--digest-from", "digest@notices-sender.lab",
                     "--notices-sendmail", env["LAB_MAILBOX_SENDMAIL"]]
    lab_options = ["--root-hints", env["LAB_ROOT_HINTS"], "--trust-anchor", env["LAB_TRUST_ANCHOR"],
                   "--ca-file", env["LAB_CA_FILE"], "--vrps", env["LAB_VRPS"], "--rib",
                   env["LAB_RIB_TEXT"], "--allow-private", "--probe-timeout", "3", "--timeout", "60"]
    bad = subprocess.run([args.baseline, "users", "add", "mallory", "--email",
                          "m@x.lab\r\nBcc: v@evil.lab", "--db", url], input="pw\n", text=True,
                         capture_output=True)
    check(bad.returncode == 2, "users add refuses an address with a line break")
    added = subprocess.run([args.baseline, "users", "add", "erin", "--email", OWNER, "--db", url],
                           input="erin's password\n", text=True, capture_output=True)
    check(added.returncode == 0, "users add erin --email: " + added.stderr)
    erin = sql(db, "SELECT id, email FROM accounts WHERE name_key = 'erin'")
    check(erin and erin[0][1] == OWNER, f"the address is stored: {erin}")
    listfile = server.dir + "/gov.csv"
    with open(listfile, "w") as f:
        f.write("domain,organisation\n" + "".join(f"{d},Org\n" for d in DOMAINS))
    first = subprocess.run([args.baseline, "scan", listfile, "--db", url, "--list", "gov-digest",
                            "--progress", "none", *lab_options], capture_output=True, text=True)
    check(first.returncode == 0, "the first scan ran: " + first.stderr[-500:])
    first_id = sql(db, "SELECT MAX(id) FROM scans")[0][0]
    # The list belongs to erin and its scans test websites; in the first scan web-good.lab failed
    # every standard and unsigned.lab passed every one, so the rescan improves the one (it passes
    # some) and regresses the other (it fails some).
    with sqlite3.connect(db, timeout=30) as c:
        c.execute("INSERT INTO list_settings (list_id, owner_account, scan_type) "
                  "SELECT id, ?, 'web' FROM lists WHERE name = 'gov-digest'", (erin[0][0],))
        c.execute("UPDATE standard_results SET verdict = 'fail' WHERE scan_id = ? AND "
                  "domain = 'web-good.lab' AND verdict = 'pass'", (first_id,))
        c.execute("UPDATE standard_results SET verdict = 'pass' WHERE scan_id = ? AND "
                  "domain = 'unsigned.lab'", (first_id,))
    scheduled = subprocess.run([args.baseline, "schedule", "--list", "gov-digest", "--every",
                                "* * * * *", "--db", url], capture_output=True, text=True)
    check(scheduled.returncode == 0, "schedule every minute: " + scheduled.stderr)

    before = len(digests(inbox))
    server.start()
    try:
        scans = wait_for(lambda: claimed_scans(db), 300)
        check(len(scans) >= 1, "serve ran the scheduled scan")
        arrived = wait_for(lambda: digests(inbox)[before:], 60)
        check(len(arrived) == 1, f"one digest arrived for {OWNER} ({len(arrived)})")
        if arrived and scans:
            m = arrived[0]
            scan = scans[0]
            subject = str(m["Subject"])
            check(subject.startswith("Baseline digest: gov-digest, scan of "), "subject: " + subject)
            text = m.get_body(("plain",)).get_content()
            html = m.get_body(("html",)).get_content()
            link = f"{server.base}/scans/{scan}?compare={first_id}"
            check(link in text and f'href="{link}"' in html, f"the report's link {link}:\n{text}")
            regressed = text.split("Regressed (", 1)[-1].split("Improved (", 1)[0]
            improved = text.split("Improved (", 1)[-1]
            check("unsigned.lab" in regressed, "unsigned.lab regressed:\n" + text)
            check("web-good.lab" in improved, "web-good.lab improved:\n" + text)
            check("<strong>unsigned.lab</strong>" in html, "the HTML part lists it too")
            check(str(m["From"]).endswith("<digest@notices-sender.lab>"), "From: " + str(m["From"]))
            status, _, page = server.request("GET", urllib.parse.urlsplit(link).path)
            check(status == 401, f"the report's link needs the owner's login ({status})")

        # The owner unticks the digest on the account page.
        status, headers, _ = server.request("POST", "/login",
                                            b"name=erin&password=erin%27s+password", FORM)
        session = headers.get("set-cookie", "").split(";", 1)[0]
        status, _, page = server.request("GET", "/account", headers={"Cookie": session})
        check(status == 200 and OWNER.encode() in page and b"checked" in page,
              "the account page shows the address and the digest on")
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page)
        csrf = csrf.group(1).decode() if csrf else ""
        body = f"email={urllib.parse.quote(OWNER)}".encode()
        status, _, _ = server.request("POST", "/account/digest", body, {**FORM, "Cookie": session})
        check(status == 403, f"without the CSRF token: 403 ({status})")
        check(sql(db, "SELECT COUNT(*) FROM digest_optouts")[0][0] == 0, "nothing changed")
        status, _, _ = server.request("POST", "/account/digest", body + f"&csrf={csrf}".encode(),
                                      {**FORM, "Cookie": session})
        check(status == 303, f"opt-out saved ({status})")
        check(sql(db, "SELECT COUNT(*) FROM digest_optouts WHERE account_id = ?",
                  (erin[0][0],))[0][0] == 1, "the opt-out is stored")
        count = len(digests(inbox))
        later = wait_for(lambda: [s for s in claimed_scans(db) if s > max(scans or [0])], 300)
        check(len(later) >= 1, "a later scheduled scan ran")
        time.sleep(3)
        check(len(digests(inbox)) == count, "no digest after the opt-out")
        check(any("opted out" in line for line in server.read_log().splitlines()
                  if "digest after scan" in line), "the log says why")
    finally:
        server.kill()
    for line in server.read_log().splitlines():
        if "digest after scan" in line:
            print(line)
    if summary():
        print(server.read_log()[-4000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
