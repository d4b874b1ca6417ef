"""Reads py-spy raw (collapsed) stack files and prints where the samples went: the functions
with the most samples on the stack (inclusive) and at its top (self), idle excluded.

  python bench/pyspy_top.py /tmp/diennha-http-*/pyspy-usage_monthly_24-*.txt [--limit 40]"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

IDLE = ("select (selectors.py", "_run_once (asyncio/base_events.py", "run_forever")
_LINE = re.compile(r":\d+\)")


def frames(stack: str) -> list[str]:
    # "name (file.py:123)" -> "name (file.py)": one entry per function, not per line
    return [_LINE.sub(")", f) for f in stack.split(";")]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--limit", type=int, default=40)
    p.add_argument("--match", default="", help="only stacks through this text")
    args = p.parse_args()
    inclusive, self_, total = Counter(), Counter(), 0
    for path in args.files:
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not stack or (args.match and args.match not in stack):
                continue
            fs = frames(stack)
            if any(idle in fs[-1] for idle in IDLE):
                continue
            n = int(count)
            total += n
            self_[fs[-1]] += n
            for f in set(fs):
                inclusive[f] += n
    print(f"{total} busy samples")
    print("-- inclusive --")
    for f, n in inclusive.most_common(args.limit):
        print(f"{n / total:6.1%}  {f}")
    print("-- self --")
    for f, n in self_.most_common(args.limit):
        print(f"{n / total:6.1%}  {f}")


if __name__ == "__main__":
    main()
