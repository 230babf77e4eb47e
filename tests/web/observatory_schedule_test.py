# SPDX-License-Identifier: Apache-2.0
"""A scheduled scan runs by itself (run inside the lab namespace): `baseline scan` stores a first
scan of a small lab list, `baseline schedule --every '* * * * *'` asks for a rescan, a running
`baseline serve` starts and runs it with nobody asking, once per due time, and survives being
killed and restarted. Then the command line's comply-or-explain and exports read the result:
`explain import --db`, `report --overview` (CSV columns of interface.md) and `report --xlsx`,
opened with openpyxl."""
import argparse
import csv
import sqlite3
import subprocess
import sys
import time

from serve_harness import Server, check, lab_env, summary

DOMAINS = ["secure.lab", "web-good.lab", "unsigned.lab"]


def sql(db, query):
    with sqlite3.connect(db, timeout=30) as c:
        return c.execute(query).fetchall()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    args = parser.parse_args()
    env = lab_env()
    server = Server(args.baseline, extra=["--concurrency", "4"])
    db = server.db
    url = "sqlite:" + db
    lab_options = ["--root-hints", env["LAB_ROOT_HINTS"], "--trust-anchor", env["LAB_TRUST_ANCHOR"],
                   "--ca-file", env["LAB_CA_FILE"], "--vrps", env["LAB_VRPS"], "--rib",
                   env["LAB_RIB_TEXT"], "--allow-private", "--probe-timeout", "3", "--timeout", "60"]
    listfile = server.dir + "/gov.csv"
    with open(listfile, "w") as f:
        f.write("domain,organisation,sector\n")
        for i, d in enumerate(DOMAINS):
            f.write(f"{d},Org {i % 2},gov\n")
    first = subprocess.run([args.baseline, "scan", listfile, "--db", url, "--list", "gov",
                            "--progress", "none", *lab_options], capture_output=True, text=True)
    check(first.returncode == 0, "the first scan ran: " + first.stderr[-500:])

    bad = subprocess.run([args.baseline, "schedule", "--list", "gov", "--every", "61 * * * *",
                          "--db", url], capture_output=True, text=True)
    check(bad.returncode == 2 and "minute" in bad.stderr, "a bad cron expression is refused: "
          + bad.stderr)
    missing = subprocess.run([args.baseline, "schedule", "--list", "nope", "--every", "weekly",
                              "--db", url], capture_output=True, text=True)
    check(missing.returncode == 2, "an unknown list is refused")
    scheduled = subprocess.run([args.baseline, "schedule", "--list", "gov", "--every",
                                "* * * * *", "--db", url], capture_output=True, text=True)
    check(scheduled.returncode == 0 and "next run" in scheduled.stdout,
          "schedule --every '* * * * *': " + scheduled.stdout + scheduled.stderr)
    listed = subprocess.run([args.baseline, "schedule", "list", "--db", url],
                            capture_output=True, text=True)
    check("gov\t* * * * *" in listed.stdout, "schedule list shows it: " + listed.stdout)

    server.start()
    deadline = time.time() + 240
    while time.time() < deadline:
        rows = sql(db, "SELECT s.id, s.finished, ss.after_scan_claimed FROM server_scans ss "
                       "JOIN scans s ON s.id = ss.scan_id ORDER BY s.id")
        if rows and rows[0][1] and rows[0][2] == 1:
            break
        time.sleep(1)
    rows = sql(db, "SELECT s.id, s.finished, ss.after_scan_claimed, ss.origin FROM server_scans ss "
                   "JOIN scans s ON s.id = ss.scan_id ORDER BY s.id")
    check(len(rows) >= 1, "serve started the scheduled scan by itself")
    if rows:
        check(rows[0][1] is not None and rows[0][2] == 1 and rows[0][3] == "schedule",
              f"the scheduled scan finished and its after-scan actions were claimed: {rows[0]}")
        done = sql(db, f"SELECT COUNT(*) FROM scan_domains WHERE scan_id = {rows[0][0]} "
                       "AND state = 2")[0][0]
        check(done == len(DOMAINS), f"every domain of the scheduled scan was tested ({done})")

    # Killed and restarted: no due time runs twice.
    server.kill()
    server.start()
    time.sleep(75)  # the next due minute comes and goes
    server.kill()
    dues = sql(db, "SELECT due, COUNT(*) FROM server_scans GROUP BY due")
    check(all(n == 1 for _, n in dues), f"each due time started one scan: {dues}")
    unfinished = sql(db, "SELECT COUNT(*) FROM scans WHERE finished IS NULL")[0][0]
    check(unfinished <= 1, "at most the scan interrupted by the kill is unfinished")
    removed = subprocess.run([args.baseline, "schedule", "remove", "gov", "--db", url],
                             capture_output=True, text=True)
    check(removed.returncode == 0, "schedule remove: " + removed.stderr)

    # Comply or explain from the command line, into the same store.
    yaml_file = server.dir + "/explained.yaml"
    with open(yaml_file, "w") as f:
        f.write("format: baseline/explanations/1\nexplanations:\n"
                "  - domain: unsigned.lab\n    standard: dnssec\n"
                "    explanation: \"Registrar move first\"\n    until: 2099-12-31\n")
    imported = subprocess.run([args.baseline, "explain", "import", yaml_file, "--db", url],
                              capture_output=True, text=True)
    check(imported.returncode == 0 and "1 explanation(s) recorded" in imported.stdout,
          "explain import --db: " + imported.stdout + imported.stderr)
    overview = server.dir + "/overview.csv"
    made = subprocess.run([args.baseline, "report", "--db", url, "--list", "gov", "--overview",
                           overview], capture_output=True, text=True)
    check(made.returncode == 0, "report --overview: " + made.stderr)
    with open(overview, newline="") as f:
        table = list(csv.DictReader(f))
    check(table and list(table[0].keys()) == ["organisation", "domain", "standard", "status",
                                              "until"], "the overview's columns")
    by_key = {(r["domain"], r["standard"]): r for r in table}
    unsigned = by_key.get(("unsigned.lab", "dnssec"), {})
    check(unsigned.get("status") == "explained" and unsigned.get("until") == "2099-12-31",
          f"unsigned.lab's DNSSEC is explained until 2099-12-31: {unsigned}")
    secure = by_key.get(("secure.lab", "dnssec"), {})
    check(secure.get("status") == "complies", f"secure.lab's DNSSEC complies: {secure}")
    html = open(overview.replace(".csv", ".html"), encoding="utf-8").read()
    check("explained until 2099-12-31" in html, "the HTML overview says explained until")

    workbook = server.dir + "/report.xlsx"
    exported = subprocess.run([args.baseline, "report", "--db", url, "--list", "gov", "--xlsx",
                               workbook], capture_output=True, text=True)
    check(exported.returncode == 0, "report --xlsx: " + exported.stderr)
    try:
        import openpyxl
        book = openpyxl.load_workbook(workbook, read_only=True)
        check(book.sheetnames[:2] == ["Domains", "Adoption"], f"sheets: {book.sheetnames}")
        domains = list(book["Domains"].iter_rows(values_only=True))
        check(domains[0][:6] == ("domain", "organisation", "sector", "country", "score", "change"),
              f"the domain sheet's header: {domains[0]}")
        check(sorted(r[0] for r in domains[1:]) == sorted(DOMAINS), "every domain in the workbook")
        row = next((r for r in domains[1:] if r[0] == "unsigned.lab"), None)
        dnssec = domains[0].index("dnssec") if "dnssec" in domains[0] else None
        check(row is not None and dnssec is not None and "explained until 2099-12-31" in
              str(row[dnssec]), f"the workbook shows the explanation: {row}")
    except ImportError:
        check(False, "python3-openpyxl is not installed (scripts/install-deps)")
    if summary():
        print(server.read_log()[-3000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
