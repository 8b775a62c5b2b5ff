#!/usr/bin/env python3
"""kioskctl(1) from swift-argument-parser's own description of the commands
(`kioskctl --experimental-dump-help`, JSON): every subcommand with its options, as troff.
    scripts/kioskctl-manpage.py PATH/TO/kioskctl > kioskctl.1   (debian/rules)"""
import json
import subprocess
import sys


def esc(text):
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + ln) if ln.startswith((".", "'")) else ln for ln in text.splitlines())


def synopsis_name(arg):
    names = arg.get("names") or []
    if not names:
        return "<" + arg.get("valueName", "value") + ">"
    best = sorted(names, key=lambda n: n.get("kind") != "long")[0]
    dash = "\\-\\-" if best.get("kind") in ("long", "longWithSingleDash") else "\\-"
    out = dash + best["name"].replace("-", "\\-")
    if arg.get("kind") == "option":
        out += " <" + arg.get("valueName", "value") + ">"
    return out


def command(cmd, path, out):
    name = " ".join(path)
    out.append(f".SH \"{name.upper()}\"" if len(path) > 1 else ".SH DESCRIPTION")
    if cmd.get("abstract"):
        out.append(esc(cmd["abstract"]))
    if cmd.get("discussion"):
        out.append(".PP")
        out.append(esc(cmd["discussion"]))
    args = [a for a in cmd.get("arguments") or [] if a.get("shouldDisplay", True)]
    if args and len(path) > 1:
        out.append(".PP")
        out.append(".B " + esc(name) + " " + " ".join(synopsis_name(a) for a in args))
    for a in args:
        out.append(".TP")
        out.append(synopsis_name(a))
        out.append(esc(a.get("abstract", "")))
    for sub in cmd.get("subcommands") or []:
        if sub.get("commandName") == "help":
            continue
        command(sub, path + [sub["commandName"]], out)


def main():
    dump = json.loads(subprocess.run([sys.argv[1], "--experimental-dump-help"], check=True,
                                     capture_output=True, text=True).stdout)
    root = dump["command"]
    version = subprocess.run([sys.argv[1], "--version"], capture_output=True, text=True).stdout.strip()
    out = [f'.TH KIOSKCTL 1 "" "kioskctl {version}" "Bhumiseba Kiosk"', ".SH NAME",
           "kioskctl \\- " + esc(root.get("abstract", "")), ".SH SYNOPSIS",
           ".B kioskctl", "<command> [options]"]
    command(root, ["kioskctl"], out)
    out += [".SH FILES", ".TP", "/etc/bhumiseba/kiosk.conf, /etc/bhumiseba/kiosk.conf.d/*.conf",
            "The centre's settings (kioskctl reads them through BHUMISEBA_CONFIG).", ".TP",
            "/var/lib/bhumiseba", "The kiosk's data: drafts, ledger and its key, audit log.",
            ".SH EXIT STATUS", "0 done; 1 the work failed (a check, a printer, a store, a config mistake);",
            "64 the command line is wrong. With \\-\\-json a failure is a JSON object on standard output.",
            ".SH SEE ALSO", "bhumiseba\\-kiosk.service, systemd\\-analyze(1)"]
    print("\n".join(out))


main()
