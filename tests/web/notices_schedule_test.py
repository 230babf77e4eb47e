# SPDX-License-Identifier: Apache-2.0
"""Notices after scheduled scans, end to end in the lab (run inside the lab namespace): a running
`baseline serve --notices-dir` scans a list on its schedule; while the list has not opted in, each
scan leaves a dry run for a person to review and sends nothing; once it opts in, the next scan's
notices arrive in the lab mailbox (read back), the hostile security.txt files give records and no
mail, an address that opts out through the page of its List-Unsubscribe link (RFC 8058 one-click
POST) gets nothing again, later scans send nothing new, and the hall of fame page shows the lab's
good domain. Prints the numbers of the closing note: notices per scan, suppressed, time to send."""
import argparse
import email
import email.policy
import json
import mailbox
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from serve_harness import Server, check, lab_env, summary

DOMAINS = [("web-notice-mailto.lab", "Mailto Org"), ("web-notice-https.lab", "Https Org"),
           ("web-notice-none.lab", "Lab Org"), ("web-notice-crlf.lab", "Lab Org"),
           ("web-notice-many.lab", "Lab Org"), ("web-notice-huge.lab", "Lab Org"),
           ("web-good.lab", "Good Org")]


def messages(path):
    if not os.path.exists(path):  # the mbox is made by the first delivery
        return []
    box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(
        f, policy=email.policy.default), create=False)
    return list(box)


def notices_log(baseline, url):
    out = subprocess.run([baseline, "notices", "list", "--list", "cert", "--json", "--db", url],
                         capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else []


def finished_scans(baseline, db):
    import sqlite3
    with sqlite3.connect(db, timeout=30) as c:
        return c.execute("SELECT s.id FROM server_scans ss JOIN scans s ON s.id = ss.scan_id "
                         "WHERE s.finished IS NOT NULL AND ss.after_scan_claimed = 1 "
                         "ORDER BY s.id").fetchall()


def wait_for_scans(baseline, db, count, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = finished_scans(baseline, db)
        if len(done) >= count:
            time.sleep(2)  # the after-scan action runs right after the claim
            return [r[0] for r in done]
        time.sleep(1)
    return [r[0] for r in finished_scans(baseline, db)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    args = parser.parse_args()
    env = lab_env()
    inbox = env["LAB_MAILBOX"]
    review = None
    server = Server(args.baseline, extra=["--concurrency", "4"])
    review = os.path.join(server.dir, "notices")
    server.extra += ["--notices-dir", review, "--notices-sendmail", env["LAB_MAILBOX_SENDMAIL"]]
    url = "sqlite:" + server.db
    base = server.base
    lab_options = ["--root-hints", env["LAB_ROOT_HINTS"], "--trust-anchor", env["LAB_TRUST_ANCHOR"],
                   "--ca-file", env["LAB_CA_FILE"], "--vrps", env["LAB_VRPS"], "--rib",
                   env["LAB_RIB_TEXT"], "--allow-private", "--probe-timeout", "3", "--timeout", "60"]
    listfile = os.path.join(server.dir, "cert.csv")
    with open(listfile, "w") as f:
        f.write("domain,organisation\n")
        for d, o in DOMAINS:
            f.write(f"{d},{o}\n")
    first = subprocess.run([args.baseline, "scan", listfile, "--db", url, "--list", "cert",
                            "--progress", "none", *lab_options], capture_output=True, text=True)
    check(first.returncode == 0, "the first scan ran: " + first.stderr[-500:])
    settings = subprocess.run(
        [args.baseline, "notices", "settings", "--list", "cert", "--db", url, "--sender",
         "notices@notices-sender.lab", "--sender-name", "Lab CERT", "--mandate",
         "The lab CERT warns the owners of the domains on this list under its legal task.",
         "--base-url", base], capture_output=True, text=True)
    check(settings.returncode == 0, "notices settings: " + settings.stderr)
    with open(os.path.join(server.dir, "contacts.csv"), "w") as f:
        f.write("organisation,contact\nLab Org,cert@org.lab\n")
    subprocess.run([args.baseline, "notices", "contacts", "--list", "cert", "--db", url,
                    os.path.join(server.dir, "contacts.csv")], check=True, capture_output=True)
    # The list's scans test websites only, like the notices_lab test (a list without a settings
    # row is scanned for everything; this one has a row, owned by nobody: the command line's).
    import sqlite3
    with sqlite3.connect(server.db, timeout=30) as c:
        c.execute("INSERT INTO list_settings (list_id, owner_account, scan_type) "
                  "SELECT id, 0, 'web' FROM lists WHERE name = 'cert'")
    scheduled = subprocess.run([args.baseline, "schedule", "--list", "cert", "--every",
                                "* * * * *", "--db", url], capture_output=True, text=True)
    check(scheduled.returncode == 0, "schedule every minute: " + scheduled.stderr)

    before = len(messages(inbox))
    server.start()
    # 1. Not opted in: the scheduled scan leaves a dry run to review and sends nothing.
    scans = wait_for_scans(args.baseline, server.db, 1)
    check(len(scans) >= 1, "serve ran the scheduled scan")
    if not scans:
        print(server.read_log()[-3000:])
        return summary()
    dry = Path(review) / "cert" / f"scan-{scans[0]}"
    check((dry / "summary.txt").exists(), f"the dry run for review is in {dry}")
    would = json.loads((dry / "summary.json").read_text()) if (dry / "summary.json").exists() else {}
    states = {n["domain"]: n["state"] for n in would.get("notices", [])}
    check(states.get("web-notice-mailto.lab") == "would-send", f"dry run states: {states}")
    check(len(messages(inbox)) == before, "nothing was sent while the list has not opted in")
    check(notices_log(args.baseline, url) == [], "a dry run records nothing")

    # 2. The list opts in: the next scheduled scan sends.
    subprocess.run([args.baseline, "notices", "settings", "--list", "cert", "--enable", "--db",
                    url], check=True, capture_output=True)
    opted_at = time.time()
    scans = wait_for_scans(args.baseline, server.db, len(scans) + 1)
    # Every notice the log calls sent has arrived (they leave at the bounded rate).
    deadline = time.time() + 60
    while time.time() < deadline:
        sent_now = sum(1 for n in notices_log(args.baseline, url) if n["state"] == "sent")
        if sent_now and len(messages(inbox)) >= before + sent_now:
            break
        time.sleep(0.5)
    arrived = messages(inbox)[before:]
    to = sorted(m["X-Original-To"] for m in arrived)
    check(to == ["cert@org.lab", "security@web-notice-mailto.lab"], f"the notices arrived: {to}")
    log = notices_log(args.baseline, url)
    by_domain = {}
    for n in log:
        by_domain.setdefault(n["domain"], n)
    for hostile in ("web-notice-crlf.lab", "web-notice-many.lab", "web-notice-huge.lab"):
        check(by_domain.get(hostile, {}).get("state") == "skipped",
              f"{hostile}: a record, not a mail: {by_domain.get(hostile)}")
    check(by_domain.get("web-notice-https.lab", {}).get("state") == "review",
          "the https: contact waits in the review queue")
    mail_log = Path(env["LAB_MAILBOX_LOG"]).read_text(errors="replace")
    for hostile in ("@web-notice-crlf.lab", "@web-notice-many.lab", "@web-notice-huge.lab",
                    "evil"):
        check(hostile not in mail_log, f"no mail for the hostile files ({hostile})")
    sent = [n for n in log if n["state"] == "sent"]
    suppressed = [n for n in log if n["state"] in ("skipped", "review")]
    print(f"numbers: {len(sent)} notices sent by scan {scans[-1]}, {len(suppressed)} suppressed or "
          f"for review ({', '.join(sorted(set(n['reason'][:40] for n in suppressed)))}), "
          f"first mail {time.time() - opted_at:.0f} s after the opt-in (one scheduled scan)")

    # 3. cert@org.lab opts out through its List-Unsubscribe link, by one-click POST.
    notice = next((m for m in arrived if m["X-Original-To"] == "cert@org.lab"), None)
    unsubscribe = str(notice["List-Unsubscribe"]) if notice else ""
    link = re.search(r"<(http://[^>]+)>", unsubscribe)
    check(link is not None and link.group(1).startswith(base + "/notices/optout/"),
          f"List-Unsubscribe names the page: {unsubscribe}")
    if link:
        path = link.group(1)[len(base):]
        status, _, page = server.request("GET", path)
        check(status == 200 and b"cert@org.lab" in page, "the opt-out page shows the address")
        status, _, page = server.request(
            "POST", path, b"List-Unsubscribe=One-Click",
            {"Content-Type": "application/x-www-form-urlencoded"})
        check(status == 200, f"one-click POST: {status}")
        status, _, _ = server.request("GET", path[:-1] + ("0" if path[-1] != "0" else "1"))
        check(status == 404, "a forged token is not found")

    # 4. Later scheduled scans send nothing new, and nothing to the address that opted out.
    count = len(messages(inbox))
    scans = wait_for_scans(args.baseline, server.db, len(scans) + 1)
    time.sleep(3)
    check(len(messages(inbox)) == count, "a later scan sends nothing new")
    check(Path(env["LAB_MAILBOX_LOG"]).read_text(errors="replace").count("to=<cert@org.lab>") ==
          mail_log.count("to=<cert@org.lab>"), "nothing more to the address that opted out")

    # 5. The hall of fame shows the lab's good domain, with its date and permalink, as the
    # command line's report says.
    hall = subprocess.run([args.baseline, "report", "--db", url, "--hall-of-fame", "--json"],
                          capture_output=True, text=True)
    members = json.loads(hall.stdout)["lists"]["cert"]["members"] if hall.returncode == 0 else []
    check([m["domain"] for m in members] == ["web-good.lab"], f"the hall of fame: {members}")
    status, _, page = server.request("GET", "/hall-of-fame/cert")
    text = page.decode(errors="replace")
    for m in members:
        check(m["domain"] in text and m["since"] in text, f"the page shows {m}")
        check(re.search(r'href="/scan/\d+/' + re.escape(m["domain"]) + '"', text) is not None,
              "with its permalink")
    for line in server.read_log().splitlines():
        if "notices after scan" in line:
            print(line)
    server.kill()
    if summary():
        print(server.read_log()[-4000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
