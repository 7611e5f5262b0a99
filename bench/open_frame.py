#!/usr/bin/env python3
"""Times a terminal program's first paint and its first usable frame, and
its peak memory, in a 120x40 pseudo terminal.

Usage: open_frame.py [options] -- PROGRAM ARGS...
  --paint TEXT    output that shows the first paint (default: "Opening");
                  escapes allowed: fzf's spinner is '\xe2\xa0' 
  --ready TEXT    output that shows the program is usable (required)
  --then KEYS     typed once ready, before quitting: the run ends at --done
  --done TEXT     output that shows --then's keys took effect (with --then)
  --quit KEYS     typed once ready (or done), to end the program (default: "q")
  --stdin FILE    the program's standard input (fzf reads its lines there;
                  its keys come from the terminal)
  --fresh DIR     removed before every run (an empty cache each time)
  --runs N        timed runs (default 5), after one untimed run unless
                  --fresh is given (a cold run stays cold)
  --timeout S     give up on a run after S seconds (default 600)

The clock starts just before the fork. A paint that comes with the ready
frame counts as both. With --then, the run also times the moment --done
shows after the keys were typed at the ready frame (a view that needs
what the ready frame did not). Peak memory is the child's maximum resident set
(wait4). Prints one JSON object: medians of paint, ready (and done) in ms,
the largest peak RSS in bytes, and every run.
"""
import argparse
import fcntl
import json
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import termios
import time


def send(fd, keys):
    try:
        os.write(fd, keys)
    except OSError:
        pass


def once(argv, paint, ready, then, finished, quit_keys, stdin, timeout):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        if stdin:
            file = os.open(stdin, os.O_RDONLY)
            os.dup2(file, 0)
            os.close(file)
        os.execvp(argv[0], argv)
    seen, painted, done, after = b"", None, None, None
    # What the program shows once the keys are typed: --done, or the ready
    # frame itself when there are no keys.
    goal = finished if then else ready
    while True:
        left = timeout - (time.perf_counter() - start)
        if left <= 0:
            os.kill(pid, 9)
            break
        readable, _, _ = select.select([fd], [], [], left)
        if not readable:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen = (seen + chunk)[-65536:]
        now = time.perf_counter() - start
        if painted is None and (paint in seen or ready in seen):
            painted = now
        if done is None and ready in seen:
            done = now
            if then:
                if finished in seen:
                    os.kill(pid, 9)
                    sys.exit(f"open_frame.py: {argv[0]} shows {finished!r} before the keys were typed")
                # Only output after the keys shows them taking effect.
                seen = b""
                send(fd, then)
        if done is not None and after is None and goal in seen:
            after = now
            send(fd, quit_keys)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    if after is None:
        sys.exit(f"open_frame.py: {argv[0]} never showed {ready if done is None else goal!r}:\n{seen[-2000:]!r}")
    # ru_maxrss is in KiB on Linux.
    return painted * 1000, done * 1000, usage.ru_maxrss * 1024, after * 1000


def main():
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("--paint", default="Opening")
    parser.add_argument("--ready", required=True)
    parser.add_argument("--then")
    parser.add_argument("--done")
    parser.add_argument("--quit", default="q")
    parser.add_argument("--stdin")
    parser.add_argument("--fresh")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("argv", nargs="+")
    args = parser.parse_args()
    if bool(args.then) != bool(args.done):
        parser.error("--then and --done go together")
    # Marks and keys may be written with escapes (\xe2\xa0, \x1b): as bytes.
    def raw(text):
        return text.encode().decode("unicode_escape").encode("latin-1")

    keys = raw(args.quit)

    def run():
        if args.fresh:
            shutil.rmtree(args.fresh, ignore_errors=True)
        then = raw(args.then) if args.then else None
        done = raw(args.done) if args.done else None
        return once(args.argv, raw(args.paint), raw(args.ready), then, done, keys, args.stdin, args.timeout)

    if not args.fresh:
        run()
    runs = [run() for _ in range(args.runs)]
    result = {
        "paint_ms": statistics.median(r[0] for r in runs),
        "ready_ms": statistics.median(r[1] for r in runs),
        "rss_bytes": max(r[2] for r in runs),
        "runs": runs,
    }
    if args.then:
        result["done_ms"] = statistics.median(r[3] for r in runs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
