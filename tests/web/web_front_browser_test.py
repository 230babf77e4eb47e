#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The web front in a real browser: Debian's chromium driven by chromedriver through Selenium
types a lab domain into /, submits, waits for the result, compares the verdicts on the page with
the JSON's, follows the permalink, opens /site/…, /standards/dmarc and /observatory, checks that
the browser logged no console error (a CSP violation is one), and keeps a screenshot of every
page in --out.

Run inside the lab namespace (ctest does). Exit status 0 when every check holds."""
import argparse
import json
import os
import re
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from serve_harness import Server, check, summary



def browser(chromium, chromedriver):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600", "--no-first-run", "--disable-quic"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def shot(driver, out, name):
    # What a person sees first (the window), then the whole page (the window made as tall as
    # the document).
    driver.save_screenshot(os.path.join(out, name + ".png"))
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 12000))
    path = os.path.join(out, name + "-full.png")
    driver.save_screenshot(path)
    driver.set_window_size(1280, 1600)
    return path


def page_verdicts(driver):
    """Standard id -> verdict class shown on the page (the report's glance list badges)."""
    found = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "[data-standard]"):
        found[row.get_attribute("data-standard")] = row.get_attribute("data-verdict")
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--out", required=True)
    parser.add_argument("--domain", default="mail-good.lab")
    parser.add_argument("--db", help="a store with scans, for /observatory")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    server = Server(args.baseline, db=args.db)
    if not args.db:
        # A small observatory in the same store, for /observatory: one list scanned once.
        listfile = os.path.join(server.dir, "list.txt")
        with open(listfile, "w") as f:
            f.write("secure.lab\nunsigned.lab\nweb-good.lab\nmail-good.lab\n")
        scan = [a for a in server.command()[2:] if a not in ("--listen", f"127.0.0.1:{server.port}")]
        scan = [args.baseline, "scan", listfile, "--list", "browser", "--progress", "none", *scan]
        done = subprocess.run(scan, capture_output=True, text=True, timeout=300)
        check(done.returncode == 0, f"scan into the store: {done.stderr[-500:]}")
    server.start()
    driver = browser(args.chromium, args.chromedriver)
    try:
        run(driver, server, args)
    finally:
        driver.quit()
        server.kill()
    return summary()


def run(driver, server, args):
    wait = WebDriverWait(driver, 240)
    driver.get(server.base + "/")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "lang on /")
    field = driver.find_element(By.ID, "domain")
    label = driver.find_element(By.CSS_SELECTOR, "label[for=domain]")
    check(label.is_displayed(), "the field has a visible label")
    shot(driver, args.out, "01-home")
    field.send_keys(args.domain)
    field.submit()
    wait.until(lambda d: "/test/" in d.current_url)
    permalink = driver.current_url
    test_id = permalink.rsplit("/", 1)[1]
    shot(driver, args.out, "02-progress")
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "section.domain")))
    shot(driver, args.out, "03-result")
    check(args.domain in driver.page_source, "the result names the domain")

    _, _, raw = server.request("GET", f"/test/{test_id}.json")
    result = json.loads(raw)
    shown = page_verdicts(driver)
    expected = {s["id"]: s["verdict"] for s in result["standards"]}
    check(len(shown) >= 5, f"the page shows the standards' verdicts: {shown}")
    for standard, verdict in shown.items():
        check(expected.get(standard) == verdict,
              f"{standard}: page says {verdict}, JSON says {expected.get(standard)}")
    for standard, verdict in expected.items():
        if standard not in shown:
            check(verdict not in ("pass", "fail", "error"),
                  f"{standard} ({verdict}) is in the JSON but not on the page")
    score = driver.find_element(By.CSS_SELECTOR, ".score-number").text
    check(str(result["score"]) == score.strip(), f"score on the page {score} = JSON {result['score']}")

    driver.get(permalink)
    check(driver.find_elements(By.CSS_SELECTOR, "section.domain"), "the permalink shows the result")
    driver.get(server.base + "/site/" + args.domain)
    check(test_id in driver.page_source, "the site history links the test")
    shot(driver, args.out, "04-site")
    driver.get(server.base + "/standards/dmarc")
    check("DMARC" in driver.page_source and "Procurement clause" in driver.page_source,
          "/standards/dmarc shows the procurement clause")
    shot(driver, args.out, "05-standard-dmarc")
    driver.get(server.base + "/standards")
    shot(driver, args.out, "06-standards")
    driver.get(server.base + "/observatory")
    check("Observatory" in driver.page_source and "browser" in driver.page_source,
          "/observatory shows the scanned list")
    shot(driver, args.out, "07-observatory")
    errors = console_errors(driver)
    check(not errors, f"no console errors: {errors}")
    # Bad input in the form: a clear message on the same page (answered 400, which the browser
    # logs; that is the only entry allowed).
    driver.get(server.base + "/")
    field = driver.find_element(By.ID, "domain")
    field.send_keys("192.0.2.1")
    field.submit()
    alert = WebDriverWait(driver, 20).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    check("IP address" in alert.text, f"an IP address is refused clearly: {alert.text}")
    shot(driver, args.out, "08-bad-input")
    errors = [e for e in console_errors(driver)
              if not ("/test - " in e["message"] and "status of 400" in e["message"])]
    check(not errors, f"no console errors besides the bad input's 400: {errors}")


if __name__ == "__main__":
    sys.exit(main())
