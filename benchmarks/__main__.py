"""`make bench` / `python -m benchmarks`: every benchmark, one after the other, printing numbers.

`python -m benchmarks --quick` skips the 20k-topic sandbox sync (the longest part).
"""

from __future__ import annotations

import sys

from benchmarks import bench_insights, bench_review, bench_sync


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    print("== sync and ingest (benchmarks/bench_sync.py) ==", flush=True)
    status = bench_sync.main(["--quick"] if quick else [])
    print("\n== the three views (benchmarks/bench_insights.py) ==", flush=True)
    status = status or bench_insights.main(["--runs", "3"] if quick else [])
    print("\n== the moderation queue (benchmarks/bench_review.py) ==", flush=True)
    return status or bench_review.main([])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
