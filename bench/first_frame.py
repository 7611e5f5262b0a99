#!/usr/bin/env python3
"""Time from starting `dossier` in a pseudo terminal to its first frame.

Usage: first_frame.py DOSSIER [RUNS] [-- ARGS...]

Each run forks a 120x40 pseudo terminal, execs DOSSIER, and reads its
output until the frame's tab bar ("Overview", one run of one style) has arrived, or the text in
$FIRST_FRAME_MARK; then it types `q`, and the browser quits as a reader
would (release builds have no hook to stop them after a frame). The clock
starts just before the fork. The same is done for `printf Overview` and its time is
subtracted: what remains is dossier's own start-up. `script` could not be
used: it delivers output on a 10 ms tick, longer than the start-up.
Prints one markdown row: median and mean in ms, and the runs.
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from open_frame import once  # noqa: E402  (the same pty driver)

MARK = os.environ.get("FIRST_FRAME_MARK", "Overview").encode()


def took(argv):
    """Seconds from the fork to the mark, `q` typed then."""
    return once(argv, MARK, MARK, b"q", None, 600)[1] / 1000


def main():
    args = sys.argv[1:]
    extra = args[args.index("--") + 1 :] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    if not args:
        sys.exit(__doc__)
    dossier, runs = args[0], int(args[1]) if len(args) > 1 else 40
    printf = ["/usr/bin/printf", MARK.decode()]
    for _ in range(3):
        took([dossier, *extra])
        took(printf)
    own, base = [], []
    for _ in range(runs):
        own.append(took([dossier, *extra]))
        base.append(took(printf))
    diff = [(a - b) * 1000 for a, b in zip(own, base)]
    print(f"{statistics.median(diff):.1f} | {statistics.mean(diff):.1f} | {runs}")


main()
