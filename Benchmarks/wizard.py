#!/usr/bin/env python3
"""Benchmark of the wizard's terminal output (issue: ncurses wizard).

Side by side in one run, on an 80x24 pseudo-terminal:
  - time to the first frame of `pftls demo` (release build) against the time
    `dialog --infobox` takes to draw its box; target: pftls <= 100 ms;
  - bytes written for one arrow key in the file list; target: <= 400 bytes,
    against the size of a full repaint (the first frame).

Usage: python3 Benchmarks/wizard.py [--runs N]   (needs `dialog`: apt-get install dialog)
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PTYRUN = os.path.join(ROOT, "Benchmarks", "ptyrun.py")


def ptyrun(marker, keys, command, env=None):
    out = subprocess.run([sys.executable, PTYRUN, "--settle", "0.3", "--first-frame-marker", marker, "--keys", keys, "--"] + command,
                         capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    subprocess.run(["swift", "build", "-c", "release", "--product", "pftls"], cwd=ROOT, check=True)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip() + "/pftls"
    dialog = shutil.which("dialog")
    if not dialog:
        sys.exit("dialog is not installed: apt-get install dialog")
    pftls_first, dialog_first, arrow_bytes, frame_bytes = [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, TMPDIR=tmp)
            report = ptyrun("Set up a certificate", "enter,enter,tab,tab,down,up", [binary, "demo"], env)
        pftls_first.append(report["first_frame_seconds"] * 1000)
        frame_bytes.append(report["first_frame_bytes"])
        arrow_bytes += [k["bytes"] for k in report["keys"] if k["key"] in ("down", "up")]
        report = ptyrun("pftls benchmark", "", [dialog, "--infobox", "pftls benchmark", "6", "40"])
        dialog_first.append(report["first_frame_seconds"] * 1000)
    first = statistics.median(pftls_first)
    worst_arrow = max(arrow_bytes)
    rows = [
        ("pftls demo: time to first frame, median", f"{first:.1f} ms", first <= 100),
        ("dialog --infobox: time to its box, median", f"{statistics.median(dialog_first):.1f} ms", None),
        ("pftls: full first frame, median", f"{statistics.median(frame_bytes):.0f} bytes", None),
        ("pftls: one arrow key in the file list, worst", f"{worst_arrow} bytes", worst_arrow <= 400),
    ]
    print(f"\nruns: {runs}")
    for name, value, ok in rows:
        print(f"  {name:<50} {value:>12}  {'' if ok is None else ('PASS' if ok else 'FAIL')}")
    sys.exit(0 if all(ok is not False for _, _, ok in rows) else 1)


if __name__ == "__main__":
    main()
