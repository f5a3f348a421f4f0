#!/usr/bin/env python3
"""`kickoff serve` in a real browser: starts the app on a free port of 127.0.0.1 over a copy of the sample book,
drives headless Chromium with selenium (Debian's chromium-driver) to open the book, follow an account, click a
step done, and checks that the profile changed by exactly that one line and the page reloaded with it; then
edits a profile on disk and waits for the open page to show the change. Stops the app at the end.

Usage: check_serve.py KICKOFF PLANS FLOWS TEMPLATES [--screenshots DIR]
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from tally import check, finish

KICKOFF, PLANS, FLOWS, TEMPLATES = (os.path.abspath(p) for p in sys.argv[1:5])
SCREENSHOTS = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None



def wait_for(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except Exception:
            pass
        time.sleep(0.1)
    return False


root = tempfile.mkdtemp(prefix="kickoff-serve-check-")
server = driver = None
try:
    shutil.copytree(PLANS, f"{root}/plans")
    shutil.copytree(FLOWS, f"{root}/flows")
    server = subprocess.Popen([KICKOFF, "serve", f"{root}/plans", "--out", f"{root}/out", "--port", "0", "--templates", TEMPLATES,
                               "--as-of", "2026-12-02"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    check(match is not None, "kickoff serve prints its address on 127.0.0.1", line)
    url = match.group(0)

    options = webdriver.ChromeOptions()
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)

    driver.get(url)
    check("The book" in driver.page_source, "the book opens")
    frame = driver.find_element(By.CSS_SELECTOR, "iframe[title=Dashboard]")
    driver.switch_to.frame(frame)
    check("Onboarding book" in driver.page_source, "the dashboard shows inside the book page")
    driver.switch_to.default_content()
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        driver.save_screenshot(f"{SCREENSHOTS}/serve-book.png")

    driver.find_element(By.LINK_TEXT, "Acme Outdoor Co.").click()
    check(wait_for(lambda: driver.current_url.endswith("/accounts/acme-outdoor")), "following an account opens its page", driver.current_url)
    profile = f"{root}/plans/acme-outdoor.yaml"
    before = open(profile, encoding="utf-8").read()
    driver.find_element(By.CSS_SELECTOR, "button[data-step=create-account]").click()
    check(wait_for(lambda: "✓ 2026-12-02" in driver.page_source), "after the click the page shows the step done")
    after = open(profile, encoding="utf-8").read()
    added = [l for l in after.splitlines() if l not in before.splitlines()]
    check(after.startswith(before), "every line of the profile is kept (comments, order)")
    check(added == ["progress:", "  create-account: 2026-12-02"], "the profile gained exactly the step's entry", added)
    # A second step: now that progress: exists, the click adds exactly one line.
    driver.find_element(By.CSS_SELECTOR, "button[data-step=verify-domain]").click()
    check(wait_for(lambda: len(driver.find_elements(By.XPATH, "//td[contains(., '✓ 2026-12-02')]")) == 2), "the second step shows done")
    second = open(profile, encoding="utf-8").read()
    check(len(second.splitlines()) == len(after.splitlines()) + 1 and "  verify-domain: 2026-12-02" in second.splitlines(),
          "the second click added exactly one line", [l for l in second.splitlines() if l not in after.splitlines()])
    after = second
    if SCREENSHOTS:
        driver.save_screenshot(f"{SCREENSHOTS}/serve-account.png")

    # An edit on disk: the open page reloads by itself and shows it.
    with open(profile, "w", encoding="utf-8") as f:
        f.write(after.replace("account: Acme Outdoor Co.", "account: Acme Outdoor Group"))
    started = time.time()
    shown = wait_for(lambda: "<h1>Acme Outdoor Group</h1>" in driver.page_source, 5)
    check(shown, "an edit on disk reloads the open page")
    print(f"serve: an edit on disk showed in the open page after {time.time() - started:.2f} s")

    # A broken edit: the page shows the error with its file and line; the last good handout stays.
    handout = open(f"{root}/out/acme-outdoor/plan.html", encoding="utf-8").read()
    with open(profile, "w", encoding="utf-8") as f:
        f.write(after.replace("start: 2026-12-01", "start: 2026-13-01"))
    check(wait_for(lambda: "is not a date" in driver.page_source, 5), "a broken edit shows its error in the page")
    check(re.search(r"acme-outdoor\.yaml:4: start:", driver.page_source) is not None, "the error names file, line and field")
    check(open(f"{root}/out/acme-outdoor/plan.html", encoding="utf-8").read() == handout, "the last good handout is left as it was")

    console = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    check(not console, "no console error on the app's pages", console)
finally:
    if driver:
        driver.quit()
    if server:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=10)
            check(code == 0, "kickoff serve stops cleanly on SIGINT", code)
        except subprocess.TimeoutExpired:
            server.kill()
            check(False, "kickoff serve stops within 10 s of SIGINT")
    shutil.rmtree(root, ignore_errors=True)

finish("serve")
