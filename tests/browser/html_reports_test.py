#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Browser test of the HTML reports: the real binary tests lab domains, headless Chromium renders
the pages, and what must be visible is checked in what Chromium actually rendered.

For every domain it checks the printed page (Chromium's --print-to-pdf, i.e. the print
stylesheet, read back with pdftotext): the domain, the test date, the catalogue version, the score,
every unmet standard with its plain explanation, its technical fix and its reference URL (printed
after the link by the print stylesheet), the "explained until" state, and that the narrative for
decision makers starts on a page of its own. It saves a screenshot of the screen rendering of each
page, and the PDFs, in --out. It also runs the comply-or-explain round trip through the binary:
export a template from the JSON result, fill it in, import it, test again.

The same checks run on the Dutch and Brazilian Portuguese reports (--lang nl, --lang pt-BR), with
the catalogue and the labels in that language (po/LANG.po): every page of the narrative for
decision makers must still fit on one printed page, the report must print at the scale of the same
report in English (Chromium shrinks a layout wider than the paper, so a translation that
overflows shows as smaller type), and no English text that has a translation may be left in the
printed report or in the terminal report.

Needs root (the lab namespace), chromium and pdftotext. Exit status 0 when every check holds.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "i18n"))
from po_file import read_po  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message)
    return condition


def squash(text):
    """Text as comparable between the catalogue and a rendered page: line breaks fall anywhere,
    pdftotext drops the hyphen where it joins a word broken at a line end, and `code spans` of
    the catalogue are rendered as <code> without the backticks."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u00ad", "")
    return re.sub(r"[\s`-]+", "", text)


class Lab:
    def __init__(self, args):
        self.args = args
        env = {}
        with open(os.path.join(args.lab_run, "env")) as f:
            for line in f:
                if "=" in line:
                    key, value = line.strip().split("=", 1)
                    env[key] = value.strip("'\"")
        self.root_hints = env["LAB_ROOT_HINTS"]
        self.trust_anchor = env["LAB_TRUST_ANCHOR"]

    def baseline(self, *arguments, in_lab=True, expect=0):
        command = [self.args.baseline, *arguments]
        if in_lab:
            command = ["ip", "netns", "exec", self.args.lab_ns, *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        check(done.returncode == expect,
              f"{' '.join(arguments)}: exit {done.returncode}, expected {expect}: {done.stderr}")
        return done

    def test(self, domains, *extra, expect=0):
        return self.baseline("test", "--root-hints", self.root_hints, "--trust-anchor",
                             self.trust_anchor, "--allow-private", *domains, *extra, expect=expect)


class Chromium:
    FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]

    def __init__(self, binary):
        self.binary = binary

    def run(self, *arguments):
        profile = tempfile.mkdtemp(prefix="baseline-chromium-")
        try:
            done = subprocess.run([self.binary, *self.FLAGS, f"--user-data-dir={profile}",
                                   *arguments], capture_output=True, text=True, timeout=120)
            return done
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    def screenshot(self, page, png):
        self.run(f"--screenshot={png}", "--window-size=1280,2000", "file://" + page)
        return check(os.path.exists(png) and os.path.getsize(png) > 20000,
                     f"screenshot {png} was not written")

    def print_pages(self, page, pdf):
        """The page as printed: a list of the text of each PDF page."""
        self.run(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", "file://" + page)
        if not check(os.path.exists(pdf), f"{pdf} was not printed"):
            return []
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        return text.split("\f")


def print_scale(pdf):
    """The median height of the printed words. Chromium shrinks a page whose layout is wider
    than the paper until it fits, so content that overflows the print layout shows up as smaller
    type than the same report has in another language."""
    done = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True)
    heights = sorted(float(y_max) - float(y_min) for y_min, y_max in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', done.stdout))
    return heights[len(heights) // 2] if heights else 0.0


def first_line(page):
    return next((line for line in page.splitlines() if line.strip()), "")


def check_self_contained(html, name):
    for marker in ("<script", "<link", " src=", "url(", "@import"):
        check(marker not in html, f"{name}: page refers to an external asset ({marker})")


class Labels:
    """The report's fixed texts in one language (identity for English)."""

    def __init__(self, po=None):
        self.table = po or {}

    def __call__(self, text):
        return self.table.get(text, text)


def check_no_english(text, po, what, ignore=()):
    """No English msgid with a different translation may appear in `text` (long ones only: short
    words such as "mail" are the same in several languages)."""
    flat = squash(text)
    for msgid, msgstr in po.items():
        if msgstr == msgid or len(msgid.split()) < 4 or "{" in msgid or msgid in ignore:
            continue
        check(squash(msgid) not in flat, f"{what}: English left untranslated: '{msgid[:60]}'")


def check_domain_page(chromium, out_dir, name, html_path, results, catalogue, t=Labels()):
    with open(html_path, encoding="utf-8") as f:
        check_self_contained(f.read(), name)
    chromium.screenshot(html_path, os.path.join(out_dir, name + ".png"))
    pages = chromium.print_pages(html_path, os.path.join(out_dir, name + ".pdf"))
    printed = squash("".join(pages))
    check(len(pages) >= 2, f"{name}: the printed report has {len(pages)} page(s)")
    for result in results:
        domain = result["domain"]
        what = f"{name}/{domain}"
        check(squash(domain) in printed, f"{what}: domain not visible")
        check(squash(result["started"][:10]) in printed, f"{what}: test date not visible")
        check(squash(t("version") + " " + result["catalog_version"]) in printed,
              f"{what}: catalogue version not visible")
        # The score is a large number beside a small "/100": in the PDF they are separate runs.
        score = result["score"]
        check(re.search(rf"^\s*{score}\s*$", "\n".join(pages), re.MULTILINE) and "/100" in printed,
              f"{what}: score {score}/100 not visible")
        check(squash(t("Technical details, for the operator")) in printed,
              f"{what}: technical section missing")
        for standard in result["standards"]:
            entry = catalogue[standard["id"]]
            if standard["verdict"] == "pass":
                check(squash(entry["name"]) in printed, f"{what}: met standard {standard['id']} not shown")
            if standard["verdict"] not in ("fail", "error"):
                continue
            explanation = standard.get("explanation")
            if explanation and explanation["status"] == "explained":
                label = t("Explained until {date}").replace("{date}", explanation["until"])
                check(squash(explanation["text"]) in printed,
                      f"{what}: explanation of {standard['id']} not visible")
            elif explanation:
                label = t("Does not meet (explanation expired {date})").replace(
                    "{date}", explanation["until"])
            else:
                label = t("Does not meet")
            check(squash(label) in printed, f"{what}: '{label}' for {standard['id']} not visible")
            check(squash(entry["failure"]) in printed,
                  f"{what}: plain explanation of {standard['id']} not visible")
            check(squash(entry["fix"]) in printed,
                  f"{what}: technical fix of {standard['id']} not visible")
            check(squash(entry["documents"][0]["url"]) in printed,
                  f"{what}: reference URL of {standard['id']} not printed")
    # The narrative for decision makers starts on its own printed page, and each standard's page
    # of it fits on one printed page: the next one starts at the top of the following page.
    heading = squash(t("Why this matters to your organisation"))
    starts = [i for i, page in enumerate(pages) if heading in squash(page)]
    if check(starts, f"{name}: narrative for decision makers not printed"):
        check(squash(first_line(pages[starts[0]])).startswith(heading),
              f"{name}: narrative does not start a printed page "
              f"(page begins '{first_line(pages[starts[0]])}')")
        titles = [squash(t("{standard}: why this matters to your organisation").replace(
                  "{standard}", entry["name"])) for entry in catalogue.values() if "narrative" in entry]
        for first, second in zip(titles, titles[1:]):
            at = [i for i, page in enumerate(pages) if first in squash(page)]
            following = [i for i, page in enumerate(pages) if second in squash(page)]
            if not (at and following):
                continue  # several domains: checked per domain section below
            check(following[0] == at[0] + 1 and squash(pages[following[0]]).startswith(second),
                  f"{name}: the page on {first[:20]}… does not fit on one printed page")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--lab-ns", required=True)
    parser.add_argument("--lab-run", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--po-dir", default=os.path.join(os.path.dirname(__file__), "../../po"),
                        help="the translations (po/), for the Dutch and Portuguese reports")
    args = parser.parse_args()
    args.out = os.path.abspath(args.out)  # Chromium needs file:// URLs of absolute paths
    args.baseline = os.path.abspath(args.baseline)
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="baseline-browser-")
    lab = Lab(args)
    chromium = Chromium(args.chromium)

    catalogue_json = json.loads(lab.baseline("catalog", "export", "--format", "json",
                                             in_lab=False).stdout)
    catalogue = {s["id"]: s for s in catalogue_json["standards"]}

    # Comply or explain through the binary: unsigned.lab's DNSSEC is explained until 2099;
    # expired.lab's explanation ran out in 2020, so its fail must show again.
    store = os.path.join(work, "explanations.yaml")
    first = lab.test(["unsigned.lab"], "--json", "--explanations", "/nonexistent", expect=2)
    check("cannot read explanations file /nonexistent" in first.stderr, "missing store not reported")
    first = lab.test(["unsigned.lab"], "--json")
    result_file = os.path.join(work, "unsigned.json")
    with open(result_file, "w") as f:
        f.write(first.stdout)
    template = lab.baseline("explain", "export", result_file, in_lab=False).stdout
    check('standard: "dnssec"' in template, "explain export does not list the failing DNSSEC")
    # Keep only the DNSSEC entry (the template says: delete entries you do not explain).
    head, _, entries = template.partition("explanations:\n")
    kept = [e for e in entries.split("  - ")[1:] if 'standard: "dnssec"' in e]
    check(len(kept) == 1, "explain export has no single DNSSEC entry")
    filled = head + "explanations:\n  - " + kept[0]
    filled = filled.replace('explanation: ""', 'explanation: "Registrar migration; signing follows the move"', 1)
    filled = filled.replace('until: ""', 'until: "2099-06-30"', 1)
    filled += ('  - domain: expired.lab\n    standard: dnssec\n'
               '    explanation: "Key rollover in progress"\n    until: 2020-01-01\n')
    filled_file = os.path.join(work, "filled.yaml")
    with open(filled_file, "w") as f:
        f.write(filled)
    lab.baseline("explain", "import", filled_file, "--store", store, in_lab=False)
    before = open(store).read()
    # A bad file is refused with file and line, and changes nothing.
    bad_file = os.path.join(work, "bad.yaml")
    with open(bad_file, "w") as f:
        f.write(filled.replace("standard: \"dnssec\"", "standard: \"dnssex\"", 1))
    bad = lab.baseline("explain", "import", bad_file, "--store", store, in_lab=False, expect=2)
    check(re.search(re.escape(bad_file) + r":\d+: field 'standard': unknown standard 'dnssex'",
                    bad.stderr), f"bad explanations file not refused with line: {bad.stderr}")
    check(open(store).read() == before, "a refused import changed the store")

    domains = ["secure.lab", "unsigned.lab", "expired.lab", "no-ipv6-ns.lab"]
    for domain in domains:
        html_path = os.path.join(args.out, domain + ".html")
        done = lab.test([domain], "--json", "--html", html_path, "--explanations", store)
        result = json.loads(done.stdout)
        check_domain_page(chromium, args.out, domain, html_path, [result], catalogue)
    dnssec = {s["id"]: s for s in json.loads(
        lab.test(["unsigned.lab"], "--json", "--explanations", store).stdout)["standards"]}["dnssec"]
    check(dnssec.get("explanation", {}).get("status") == "explained", "unsigned.lab not explained")

    # Several domains on one page, one section each.
    html_path = os.path.join(args.out, "several.html")
    results = json.loads(lab.test(domains[:3], "--json", "--html", html_path,
                                  "--explanations", store).stdout)
    check_domain_page(chromium, args.out, "several", html_path, results, catalogue)

    # The catalogue export renders too, with every standard visible.
    catalogue_html = os.path.join(args.out, "catalogue.html")
    lab.baseline("catalog", "export", "--format", "html", "--output", catalogue_html, in_lab=False)
    with open(catalogue_html, encoding="utf-8") as f:
        check_self_contained(f.read(), "catalogue")
    chromium.screenshot(catalogue_html, os.path.join(args.out, "catalogue.png"))
    printed = squash("".join(chromium.print_pages(catalogue_html,
                                                  os.path.join(args.out, "catalogue.pdf"))))
    for standard in catalogue.values():
        check(squash(standard["name"]) in printed, f"catalogue: {standard['id']} not visible")
        check(squash(standard["procurement_clause"]["requirement"]) in printed,
              f"catalogue: procurement clause of {standard['id']} not visible")

    # The reports in Dutch and Brazilian Portuguese: the same checks with the catalogue and the
    # labels of that language, and no English text left that has a translation.
    # The same report in English: the scale the translated ones must print at.
    english_html = os.path.join(args.out, "report-en.html")
    lab.test(domains[:2], "--json", "--html", english_html, "--explanations", store, "--lang", "en")
    english_pdf = os.path.join(args.out, "report-en.pdf")
    chromium.print_pages(english_html, english_pdf)
    for lang, po_name in (("nl", "nl.po"), ("pt-BR", "pt_BR.po")):
        po = read_po(os.path.join(args.po_dir, po_name))
        t = Labels(po)
        translated = json.loads(lab.baseline("catalog", "export", "--format", "json", "--lang",
                                             lang, in_lab=False).stdout)
        translated = {s["id"]: s for s in translated["standards"]}
        check(translated["dmarc"]["name"] == po[catalogue["dmarc"]["name"]],
              f"{lang}: the catalogue export is not translated")
        name = f"report-{lang}"
        html_path = os.path.join(args.out, name + ".html")
        results = json.loads(lab.test(domains[:2], "--json", "--html", html_path,
                                      "--explanations", store, "--lang", lang).stdout)
        check_domain_page(chromium, args.out, name, html_path, results, translated, t)
        pdf = os.path.join(args.out, name + ".pdf")
        pages = chromium.print_pages(html_path, pdf)
        check_no_english("".join(pages), po, f"{name}.pdf")
        # Longer words (Dutch compounds, Portuguese phrases) must still fit the printed page: the
        # translated report prints at the English report's scale.
        scale, english_scale = print_scale(pdf), print_scale(english_pdf)
        check(scale >= 0.97 * english_scale,
              f"{name}: the print layout overflows the page (shrunk to fit: type {scale:.1f} pt "
              f"high against {english_scale:.1f} pt in English)")
        with open(html_path, encoding="utf-8") as f:
            check(f'<html lang="{lang}">' in f.read(), f"{name}: <html lang> is not {lang}")
        terminal = lab.test(domains[:2], "--lang", lang, "--color", "never").stdout
        check(t("Checks") in terminal and t("Standards") in terminal,
              f"{lang}: terminal report headings not translated")
        check_no_english(terminal, po, f"{lang} terminal report")

    shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots and PDFs in {args.out}")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
