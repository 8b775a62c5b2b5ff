"""Cold start to first painted frame: the kiosk against a bare C GTK 4 window, interleaved, under
the same display, for both GSK renderers (cairo with and without GTK's GL set-up). Reports medians
and peak RSS (from wait4's rusage).

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


def once(argv, extra):
    env = dict(os.environ, XDG_DATA_HOME=data, **extra)
    start = time.monotonic() * 1000.0
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().split()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if status != 0 or not line or line[0] != "first-frame-ms":
        raise SystemExit(f"{argv[0]} did not report a first frame (status {status}, {line})")
    return float(line[1]) - start, usage.ru_maxrss / 1024.0, line[3]


# (what, the kiosk's environment, the bare window's environment). The kiosk itself turns GTK's
# GL set-up off when cairo draws (GDK_DEBUG=gl-disable; an explicit GDK_DEBUG, even empty, stops it).
configurations = [
    ("gl, GTK's defaults", {"GSK_RENDERER": "gl"}, {"GSK_RENDERER": "gl"}),
    ("cairo, GL set up but unused in both (GTK's default)", {"GSK_RENDERER": "cairo", "GDK_DEBUG": ""},
     {"GSK_RENDERER": "cairo"}),
    ("cairo, no GL set-up in both (the kiosk without a GPU)", {"GSK_RENDERER": "cairo"},
     {"GSK_RENDERER": "cairo", "GDK_DEBUG": "gl-disable"}),
]

rows = []
for what, kiosk_env, bare_env in configurations:
    results = {"kiosk": [], "bare": []}
    names = {}
    runs_of = (("kiosk", [kiosk, "--exit-after-first-frame"], kiosk_env), ("bare", [bare], bare_env))
    for _name, argv, extra in runs_of:
        once(argv, extra)  # warm the page cache
    for _ in range(runs):
        for name, argv, extra in runs_of:
            ms, rss, used = once(argv, extra)
            results[name].append((ms, rss))
            names[name] = used
    k_ms = statistics.median(r[0] for r in results["kiosk"])
    b_ms = statistics.median(r[0] for r in results["bare"])
    k_rss = max(r[1] for r in results["kiosk"])
    b_rss = max(r[1] for r in results["bare"])
    rows.append((what, names["kiosk"], k_ms, b_ms, k_ms / b_ms, k_rss, b_rss, k_rss / b_rss))

print(f"cold start to first painted frame, medians of {runs} interleaved runs; peak RSS is the largest of the runs")
print("| configuration | renderer used | kiosk ms | bare C ms | ratio | kiosk RSS MiB | bare RSS MiB | ratio |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]:.0f} | {r[3]:.0f} | {r[4]:.2f}× | {r[5]:.0f} | {r[6]:.0f} | {r[7]:.2f}× |")
