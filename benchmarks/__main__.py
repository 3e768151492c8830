"""`make bench` / `python -m benchmarks`: the figures of issue 17 against their goals (see figures.py).

`python -m benchmarks --quick` is the CI-sized run (a 20k-post store, under two minutes). The older,
narrower tools stay runnable alone: `python -m benchmarks.bench_sync`, `python -m benchmarks.bench_insights`.
"""

from __future__ import annotations

import sys

from benchmarks.figures import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
