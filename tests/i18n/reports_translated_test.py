#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The terminal and HTML reports in Dutch and Brazilian Portuguese leave no English behind.

Runs `baseline test` on a good lab domain and on bad ones (many findings: legacy TLS, bad headers,
a broken SPF record, MTA-STS without STARTTLS, routes without ROAs) with --lang nl and --lang
pt-BR, and scans the reports for every English text of the translations (po/LANG.po) that has a
different translation: the whole msgid when it has no placeholder, else each piece of fixed text
between its placeholders (three words or more). Technical tokens never come from a msgid, so
whatever English is found is a text that was not translated. It also checks that the JSON output
is the same in every language (summaries stay English: they are stored and compared).

Run inside the lab namespace (ctest does). Exit status 0 when every check holds.
"""
import argparse
import json
import os
import re
import subprocess
import sys

from po_file import english_pieces, read_po

GOOD = ["complete.lab"]
BAD = ["web-legacy-versions.lab", "web-bad-headers.lab", "spf-syntax.lab", "dmarc-syntax.lab",
       "mta-sts-no-starttls.lab", "rpki-not-found.lab", "nsec3-heavy.lab", "unsigned.lab"]
PO_FILES = {"nl": "nl.po", "pt-BR": "pt_BR.po"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message)
    return condition


def squash(text):
    return re.sub(r"\s+", " ", text)


def untranslated(text, pieces):
    flat = squash(text)
    return sorted({msgid for piece, msgid in pieces if piece in flat})


def html_text(html):
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    for entity, char in (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'),
                         ("&#39;", "'")):
        text = text.replace(entity, char)
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--lab-run", required=True)
    parser.add_argument("--po-dir", required=True)
    parser.add_argument("--out", required=True, help="where the reports are kept for a look")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    env = {}
    with open(os.path.join(args.lab_run, "env")) as f:
        for line in f:
            if "=" in line:
                key, value = line.strip().split("=", 1)
                env[key] = value.strip("'\"")
    common = ["test", "--root-hints", env["LAB_ROOT_HINTS"], "--trust-anchor",
              env["LAB_TRUST_ANCHOR"], "--ca-file", env["LAB_CA_FILE"], "--vrps", env["LAB_VRPS"],
              "--rib", env["LAB_RIB_TEXT"], "--allow-private", "--color", "never", *GOOD, *BAD]

    def baseline(*extra):
        done = subprocess.run([args.baseline, *common, *extra], capture_output=True, text=True,
                              timeout=300)
        check(done.returncode == 0, f"baseline {' '.join(extra)}: exit {done.returncode}: "
                                    f"{done.stderr[-300:]}")
        return done.stdout

    def json_facts(text):
        # What a language must not change: per check and target its verdict and English summary
        # (timings and days vary between runs, and so does the OpenSSL error a refused
        # renegotiation leaves behind).
        return {(r["domain"], c["id"], c["target"]): (
                    c["verdict"],
                    "" if c["id"].endswith("client_renegotiation") else re.sub(r"\d+", "N", c["summary"]))
                for r in json.loads(text) for c in r["checks"]}

    english = json_facts(baseline("--json", "--lang", "en"))
    for lang, po_name in PO_FILES.items():
        pieces = english_pieces(read_po(os.path.join(args.po_dir, po_name)),
                                lambda piece: len(piece.split()))
        check(len(pieces) > 400, f"{lang}: only {len(pieces)} English texts to look for")
        html_path = os.path.join(args.out, f"reports-{lang}.html")
        terminal = baseline("--lang", lang, "--html", html_path)
        with open(os.path.join(args.out, f"reports-{lang}.txt"), "w", encoding="utf-8") as f:
            f.write(terminal)
        for where, text in (("terminal", terminal),
                            ("HTML", html_text(open(html_path, encoding="utf-8").read()))):
            left = untranslated(text, pieces)
            check(not left, f"{lang} {where} report: {len(left)} English text(s) left: "
                            + "; ".join(f"'{m[:70]}'" for m in left[:8]))
        # The translated findings are there: a Dutch or Portuguese report of these domains
        # carries far more than a few translated sentences.
        check(terminal.count("\n") > 200, f"{lang}: the terminal report is short")
        check(json_facts(baseline("--json", "--lang", lang)) == english,
              f"{lang}: the JSON output differs from the English one")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"all checks passed; reports in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
