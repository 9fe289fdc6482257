#!/usr/bin/env python3
"""Runs a program on a pseudo-terminal of a given size and reports, as JSON,
exactly what it writes: the first frame (bytes and time) and the bytes written
in answer to each key of a script.

Usage: ptyrun.py [--cols 80] [--rows 24] [--settle 0.4] --keys KEY,KEY,... -- PROGRAM ARGS...
Keys: enter, tab, down, up, esc, or literal text prefixed with "text:".
Used by the wizard tests (bytes per arrow key) and Benchmarks/run.py.
"""
import argparse, fcntl, json, os, pty, select, signal, struct, sys, termios, time

KEYS = {"enter": b"\r", "tab": b"\t", "down": b"\x1bOB", "up": b"\x1bOA", "esc": b"\x1b", "f10": b"\x1b[21~"}


def read_until_quiet(fd, settle, limit=10.0):
    """Reads until nothing arrives for `settle` seconds; returns (bytes, seconds to first byte)."""
    data = b""
    start = time.perf_counter()
    first = None
    deadline = start + limit
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], settle)
        if not ready:
            if data:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        if first is None:
            first = time.perf_counter() - start
        data += chunk
    return data, first


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--settle", type=float, default=0.4)
    parser.add_argument("--keys", default="")
    parser.add_argument("--first-frame-marker", default="")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command and args.command[0] == "--" else args.command
    env = dict(os.environ, TERM=os.environ.get("PTY_TERM", "xterm-256color"), LANG="C.UTF-8")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", args.rows, args.cols, 0, 0))
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", args.rows, args.cols, 0, 0))
    # The first frame: everything until the marker shows (or output settles).
    frame = b""
    first_frame_time = None
    marker = args.first_frame_marker.encode()
    while True:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        frame += chunk
        if marker and marker in frame:
            first_frame_time = time.perf_counter() - start
            break
    rest, _ = read_until_quiet(fd, args.settle)
    frame += rest
    result = {"first_frame_seconds": first_frame_time, "first_frame_bytes": len(frame), "keys": []}
    for key in [k for k in args.keys.split(",") if k]:
        os.write(fd, key[5:].encode() if key.startswith("text:") else KEYS[key])
        data, _ = read_until_quiet(fd, args.settle)
        result["keys"].append({"key": key, "bytes": len(data)})
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except OSError:
        pass
    print(json.dumps(result))


if __name__ == "__main__":
    main()
