#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The observatory in a real browser (Selenium driving headless Chromium, inside the lab
namespace): log in, create a list from pasted CSV with tags, scan now, watch the monitor until
the scan is done, scan again, compare the two scans, record an explanation and see it on the
report, export the XLSX and open it with openpyxl, publish a public link and open it logged out,
revoke it and see it gone. Screenshots go to --out. Exit status 0 when every check holds."""
import argparse
import io
import os
import re
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from serve_harness import Server, check, summary
from web_front_browser_test import browser, console_errors, shot

LIST_CSV = """domain,organisation,sector
secure.lab,Ministry of <Tests>,gov
unsigned.lab,Ministry of <Tests>,gov
web-good.lab,Water Board,water
"""


def add_user(baseline, db, name, password):
    done = subprocess.run([baseline, "users", "add", name, "--db", "sqlite:" + db],
                          input=password + "\n", text=True, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"users add {name}: {done.stderr}")


def wait_scan_done(driver, url, out, name):
    deadline = time.time() + 300
    first = True
    while time.time() < deadline:
        driver.get(url)
        text = driver.find_element(By.ID, "monitor").text
        if first:
            check("done" in text or "finished" in text, f"the monitor shows progress: {text}")
            shot(driver, out, name + "-monitor")
            first = False
        if "finished" in text:
            return True
        time.sleep(2)
    return False


def fetch(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read()


def run(driver, server, args):
    wait = WebDriverWait(driver, 60)
    driver.get(server.base + "/lists")
    check("/login" in driver.current_url or "Log in" in driver.page_source,
          "the lists need a login")
    driver.get(server.base + "/login")
    driver.find_element(By.ID, "name").send_keys("chidi")
    driver.find_element(By.ID, "password").send_keys("correct horse battery")
    driver.find_element(By.ID, "password").submit()
    wait.until(lambda d: "/login" not in d.current_url)
    driver.get(server.base + "/lists")
    shot(driver, args.out, "01-lists")
    driver.find_element(By.ID, "name").send_keys("Ministries")
    # The CSV arrives as a file, as a person uploads it; the page reads it into the form.
    upload = os.path.join(args.out, "ministries.csv")
    with open(upload, "w", encoding="utf-8") as f:
        f.write(LIST_CSV)
    driver.find_element(By.ID, "domains_file").send_keys(upload)
    wait.until(lambda d: "domain" in d.find_element(By.ID, "domains").get_attribute("value"))
    driver.find_element(By.ID, "domains").submit()
    wait.until(lambda d: re.search(r"/lists/\d+$", d.current_url))
    list_url = driver.current_url
    check("Ministry of &lt;Tests&gt;" in driver.page_source or
          "Ministry of <Tests>" in driver.find_element(By.TAG_NAME, "body").text,
          "the tags were stored and are shown as text")
    check("<Tests>" not in driver.page_source, "the tag is escaped in the page source")
    Select(driver.find_element(By.ID, "every")).select_by_value("monthly")
    driver.find_element(By.ID, "every").submit()
    wait.until(lambda d: "Next run" in d.page_source)
    check("Next run" in driver.page_source, "the monthly schedule shows its next run")
    shot(driver, args.out, "02-list")

    scans = []
    for n in range(2):
        driver.get(list_url)
        driver.find_element(By.ID, "scan-now").click()
        wait.until(lambda d: re.search(r"/scans/\d+$", d.current_url))
        scan_url = driver.current_url
        check(wait_scan_done(driver, scan_url, args.out, f"03-scan{n + 1}"),
              f"scan {n + 1} finished")
        scans.append(scan_url)
    shot(driver, args.out, "04-report")
    first_id = scans[0].rsplit("/", 1)[1]
    Select(driver.find_element(By.ID, "compare")).select_by_value(first_id)
    driver.find_element(By.ID, "compare").submit()
    wait.until(lambda d: "compare=" in d.current_url)
    comparison = driver.find_element(By.ID, "comparison").text
    check(re.search(r"\d+ improved, \d+ regressed, \d+ unchanged", comparison) is not None,
          f"the comparison: {comparison}")
    rows = driver.find_elements(By.CSS_SELECTOR, "#domains tbody tr")
    check(len(rows) == 3, f"three domains in the table ({len(rows)})")
    shot(driver, args.out, "05-comparison")
    Select(driver.find_element(By.ID, "sort")).select_by_value("score")
    driver.find_element(By.ID, "filter").send_keys("unsigned")
    driver.find_element(By.ID, "filter").submit()
    wait.until(lambda d: "filter=unsigned" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#domains tbody tr")
    check(len(rows) == 1 and "unsigned.lab" in rows[0].text, "the filter keeps unsigned.lab")

    driver.get(list_url + "/overview")
    driver.find_element(By.ID, "domain").send_keys("unsigned.lab")
    Select(driver.find_element(By.ID, "standard")).select_by_value("dnssec")
    driver.execute_script("document.getElementById('until').value = '2099-12-31'")
    driver.find_element(By.ID, "reason").send_keys("Registrar move <first>")
    driver.find_element(By.ID, "reason").submit()
    wait.until(lambda d: d.current_url.endswith("/overview"))
    check("explained until 2099-12-31" in driver.page_source, "the overview shows the explanation")
    shot(driver, args.out, "06-overview")
    driver.get(scans[1])
    cells = [c for c in driver.find_elements(By.CSS_SELECTOR, "td.explained")]
    check(any("explained until 2099-12-31" in c.text for c in cells),
          "the report shows 'explained until 2099-12-31'")
    check(any(c.get_attribute("title") == "Registrar move <first>" for c in cells),
          "with the reason, as text")

    cookie = "baseline_session=" + driver.get_cookie("baseline_session")["value"]
    xlsx_url = driver.find_element(By.PARTIAL_LINK_TEXT, "XLSX").get_attribute("href")
    status, body = fetch(xlsx_url, cookie)
    check(status == 200 and body[:2] == b"PK", "the XLSX export downloads")
    try:
        import openpyxl
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        domains = list(book["Domains"].iter_rows(values_only=True))
        check(sorted(r[0] for r in domains[1:]) == ["secure.lab", "unsigned.lab", "web-good.lab"],
              "the workbook lists the three domains")
        check(any("explained until 2099-12-31" in str(v) for r in domains for v in r),
              "the workbook carries the explanation")
    except ImportError:
        check(False, "python3-openpyxl is not installed (scripts/install-deps)")

    driver.find_element(By.XPATH, "//button[text()='Make a public link']").click()
    wait.until(lambda d: d.find_elements(By.ID, "public-link"))
    public_url = driver.find_element(By.ID, "public-link").get_attribute("href")
    shot(driver, args.out, "07-published")
    driver.delete_all_cookies()
    driver.get(public_url)
    check("unsigned.lab" in driver.page_source and "csrf" not in driver.page_source,
          "the public link shows the report logged out, without the owner's forms")
    shot(driver, args.out, "08-public")
    driver.get(scans[1])
    check("/login" in driver.current_url or "Log in" in driver.page_source or
          "needs an account" in driver.page_source, "logged out, the report itself is closed")

    driver.get(server.base + "/login")
    driver.find_element(By.ID, "name").send_keys("chidi")
    driver.find_element(By.ID, "password").send_keys("correct horse battery")
    driver.find_element(By.ID, "password").submit()
    wait.until(lambda d: "/login" not in d.current_url)
    driver.get(scans[1])
    driver.find_element(By.XPATH, "//button[text()='Revoke']").click()
    wait.until(lambda d: "(revoked)" in d.page_source)
    driver.delete_all_cookies()
    driver.get(public_url)
    check("does not exist" in driver.page_source, "after the revocation the link is gone")

    # The list and its report in Dutch and Brazilian Portuguese (the switcher's ?lang= link).
    driver.get(server.base + "/login")
    driver.find_element(By.ID, "name").send_keys("chidi")
    driver.find_element(By.ID, "password").send_keys("correct horse battery")
    driver.find_element(By.ID, "password").submit()
    wait.until(lambda d: "/login" not in d.current_url)
    for language, words in (("nl", ("Planning", "Nu scannen", "Domeinen")),
                            ("pt-BR", ("Agendamento", "Varrer agora", "Domínios"))):
        driver.get(list_url + "?lang=" + language)
        html_lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        body = driver.find_element(By.TAG_NAME, "body").text
        check(html_lang == language and all(w in body for w in words),
              f"the list page in {language}: lang={html_lang}, words {words}")
        check("Scan now" not in body and "Next run" not in body,
              f"no English left on the list page in {language}")
        shot(driver, args.out, f"09-list-{language}")
        driver.get(scans[1] + "?lang=" + language)
        shot(driver, args.out, f"10-report-{language}")
    driver.get(list_url + "?lang=en")
    # The 401 and 404 this test asks for on purpose are logged as network errors; anything else
    # (a CSP violation, a script error) is a failure.
    errors = [e for e in console_errors(driver) if e.get("source") != "network"]
    check(not errors, f"no console errors: {errors}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    server = Server(args.baseline, extra=["--concurrency", "4"])
    add_user(args.baseline, server.db, "chidi", "correct horse battery")
    server.start()
    driver = browser(args.chromium, args.chromedriver)
    try:
        run(driver, server, args)
    finally:
        driver.quit()
        server.kill()
    if summary():
        print(server.read_log()[-3000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
