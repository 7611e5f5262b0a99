#!/usr/bin/env python3
"""Time from starting `dossier` in a pseudo terminal to its first frame.

Usage: first_frame.py DOSSIER [RUNS] [-- ARGS...]

Each run forks a 120x40 pseudo terminal, execs DOSSIER, and reads its
output until the frame's tab bar ("O Overview") has arrived, or the text in
$FIRST_FRAME_MARK; then it types `q`, and the browser quits as a reader
would (release builds have no hook to stop them after a frame). The clock
starts just before the fork. The same is done for `printf 'O Overview'` and its time is
subtracted: what remains is dossier's own start-up. `script` could not be
used: it delivers output on a 10 ms tick, longer than the start-up.
Prints one markdown row: median and mean in ms, and the runs.
"""
import fcntl
import os
import pty
import statistics
import struct
import sys
import termios
import time

MARK = os.environ.get("FIRST_FRAME_MARK", "O Overview").encode()


def once(argv):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execv(argv[0], argv)
    seen, took = b"", None
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if took is None and MARK in seen:
            took = time.perf_counter() - start
            try:
                os.write(fd, b"q")
            except OSError:
                pass
    os.waitpid(pid, 0)
    os.close(fd)
    if took is None:
        sys.exit(f"first_frame.py: no frame from {argv}:\n{seen[-2000:]!r}")
    return took


def main():
    args = sys.argv[1:]
    extra = args[args.index("--") + 1 :] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    if not args:
        sys.exit(__doc__)
    dossier, runs = args[0], int(args[1]) if len(args) > 1 else 40
    printf = ["/usr/bin/printf", MARK.decode()]
    for _ in range(3):
        once([dossier, *extra])
        once(printf)
    own, base = [], []
    for _ in range(runs):
        own.append(once([dossier, *extra]))
        base.append(once(printf))
    diff = [(a - b) * 1000 for a, b in zip(own, base)]
    print(f"{statistics.median(diff):.1f} | {statistics.mean(diff):.1f} | {runs}")


main()
