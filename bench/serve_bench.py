#!/usr/bin/env python3
"""kickoff serve over a book: how long the dashboard takes to serve, and how long after an edit to a profile the
rebuilt handout is served. Usage: serve_bench.py KICKOFF PLANS TEMPLATES OUT"""
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

kickoff, plans, templates, out = sys.argv[1:5]
server = subprocess.Popen([kickoff, "serve", plans, "--out", out, "--port", "0", "--templates", templates, "--as-of", "2026-11-23"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    started = time.time()
    url = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline()).group(0)
    print(f"start (first build of the book included): {time.time() - started:.2f} s")

    def fetch(path):
        with urllib.request.urlopen(url + path, timeout=10) as response:
            return response.read()

    for path in ("", "out/index.html"):
        fetch(path)
        times = []
        for _ in range(20):
            begin = time.perf_counter()
            body = fetch(path)
            times.append(time.perf_counter() - begin)
        print(f"GET /{path:<16} {statistics.median(times) * 1000:7.1f} ms median, {max(times) * 1000:7.1f} ms worst of 20 ({len(body) // 1024} KiB)")

    names = sorted(n for n in os.listdir(plans) if n.endswith(".yaml"))
    profile = os.path.join(plans, names[len(names) // 2])
    slug = names[len(names) // 2][:-5]
    text = open(profile, encoding="utf-8").read()
    seen = []
    for attempt in range(5):
        marker = f"Edited Account {attempt}"
        edited = re.sub(r"(?m)^account: .*$", f"account: {marker}", text)
        begin = time.perf_counter()
        with open(profile, "w", encoding="utf-8") as f:
            f.write(edited)
        while marker.encode() not in fetch(f"out/{slug}/plan.html"):
            time.sleep(0.02)
            if time.perf_counter() - begin > 10:
                break
        seen.append(time.perf_counter() - begin)
    print(f"an edit to one profile served rebuilt: {statistics.median(seen):.2f} s median, {max(seen):.2f} s worst of 5")
    print("targets: the dashboard of 1,000 accounts served in under 200 ms; an edit visible in under 1 s")
finally:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=20)
