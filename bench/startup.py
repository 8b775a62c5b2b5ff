"""Cold start to first painted frame: the kiosk against a bare C GTK 4 window, interleaved, under
the same display, for both GSK renderers. Reports medians and peak RSS (from wait4's rusage).

    python3 bench/startup.py KIOSK_BIN BARE_BIN [RUNS]"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

kiosk, bare = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
data = tempfile.mkdtemp(prefix="bench-kiosk-")


def once(argv, renderer):
    env = dict(os.environ, GSK_RENDERER=renderer, XDG_DATA_HOME=data)
    start = time.monotonic() * 1000.0
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().split()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if status != 0 or not line or line[0] != "first-frame-ms":
        raise SystemExit(f"{argv[0]} did not report a first frame (status {status}, {line})")
    return float(line[1]) - start, usage.ru_maxrss / 1024.0, line[3]


rows = []
for renderer in ("gl", "cairo"):
    results = {"kiosk": [], "bare": []}
    names = {}
    once([kiosk, "--exit-after-first-frame"], renderer)  # warm the page cache for both
    once([bare], renderer)
    for _ in range(runs):
        for name, argv in (("kiosk", [kiosk, "--exit-after-first-frame"]), ("bare", [bare])):
            ms, rss, used = once(argv, renderer)
            results[name].append((ms, rss))
            names[name] = used
    k_ms = statistics.median(r[0] for r in results["kiosk"])
    b_ms = statistics.median(r[0] for r in results["bare"])
    k_rss = max(r[1] for r in results["kiosk"])
    b_rss = max(r[1] for r in results["bare"])
    rows.append((renderer, names["kiosk"], k_ms, b_ms, k_ms / b_ms, k_rss, b_rss, k_rss / b_rss))

print(f"cold start to first painted frame, medians of {runs} interleaved runs; peak RSS is the largest of the runs")
print("| GSK_RENDERER | renderer used | kiosk ms | bare C ms | ratio | kiosk RSS MiB | bare RSS MiB | ratio |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]:.0f} | {r[3]:.0f} | {r[4]:.2f}× | {r[5]:.0f} | {r[6]:.0f} | {r[7]:.2f}× |")
