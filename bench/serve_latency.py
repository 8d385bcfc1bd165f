#!/usr/bin/env python3
"""Time `ragtime serve` from a saved edit to the page showing it.

    serve_latency.py RAGTIME ROOT PLAN_FILE LINE PAGE RUNS LOG

Starts `RAGTIME serve --root ROOT --port 0` (loopback), waits until it serves,
then RUNS times: appends a marker word unique to the run to line LINE of
PLAN_FILE (one write of the whole file, as an editor saves it) and, from the
moment that write is complete, fetches PAGE (a path such as plans/x/) every
10 ms until its HTML holds the marker. Prints one line:

    startup_s peak_rss_kb
    ms_run1 ms_run2 ...          (edit saved to page showing it)
    ms ms ...                    (the server's own "rebuilt ... in N ms" lines)

PLAN_FILE is put back and the server stopped however it ends; the server's
output goes to LOG.
"""
import os
import re
import subprocess
import sys
import time
import urllib.request

POLL = 0.010
TIMEOUT = 900.0


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except OSError:
        return b""


def peak_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    ragtime, root, plan, line, page, runs, log = sys.argv[1:8]
    line, runs = int(line), int(runs)
    with open(plan, "rb") as f:
        original = f.read()
    lines = original.split(b"\n")
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [ragtime, "serve", "--root", root, "--port", "0"],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        started = time.monotonic()
        url = None
        while url is None:
            if server.poll() is not None:
                sys.exit(f"ragtime serve stopped (exit {server.returncode}); see {log}")
            if time.monotonic() - started > TIMEOUT:
                sys.exit(f"ragtime serve did not start within {TIMEOUT:.0f} s; see {log}")
            with open(log, "rb") as f:
                found = re.search(rb"serving .* at (http://\S+/)", f.read())
            if found:
                url = found.group(1).decode()
            else:
                time.sleep(0.05)
        startup = time.monotonic() - started
        # Served and ready: the page is there without the marker.
        if not fetch(url + page):
            sys.exit(f"ragtime serve does not serve {url + page}; see {log}")
        times = []
        for run in range(1, runs + 1):
            marker = f"servebenchmark{os.getpid()}run{run}".encode()
            edited = lines[:]
            edited[line - 1] = edited[line - 1] + b" " + marker
            with open(plan, "wb") as f:
                f.write(b"\n".join(edited))
            written = time.monotonic()
            while marker not in fetch(url + page):
                if server.poll() is not None:
                    sys.exit(f"ragtime serve stopped (exit {server.returncode}); see {log}")
                if time.monotonic() - written > TIMEOUT:
                    sys.exit(f"the edit did not show in {url + page} within {TIMEOUT:.0f} s; see {log}")
                time.sleep(POLL)
            times.append((time.monotonic() - written) * 1000)
            # Let the watcher go quiet before the next edit.
            time.sleep(0.5)
        rss = peak_rss_kb(server.pid)
        with open(log, "rb") as f:
            rebuilt = re.findall(rb"^rebuilt .* in (\d+) ms$", f.read(), re.M)[1:]
        print(f"{startup:.2f} {rss}")
        print(" ".join(f"{t:.0f}" for t in times))
        print(" ".join(r.decode() for r in rebuilt))
    finally:
        with open(plan, "wb") as f:
            f.write(original)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
