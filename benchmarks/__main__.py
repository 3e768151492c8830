"""`make bench` / `python -m benchmarks`: the figures of issue 17 against their goals (see figures.py).

`python -m benchmarks --quick` is the CI-sized run (a 20k-post store, under two minutes). The older,
narrower tools stay runnable alone: `python -m benchmarks.bench_sync`, `python -m benchmarks.bench_insights`,
`python -m benchmarks.bench_humhub`, `python -m benchmarks.bench_vivaengage`. Viva Engage runs under its rate
budget: the real 30 s window in a full run (its first sync alone takes about 10 minutes at that pace), a 3 s
window with `--quick`.
"""

from __future__ import annotations

import sys

from benchmarks import bench_answerers, bench_humhub, bench_review, bench_vivaengage
from benchmarks.figures import main as figures_main


def main(argv: list[str]) -> int:
    """The issue-17 figures against their goals, then HumHub's, the moderation queue's and Viva Engage's own."""
    quick = "--quick" in argv
    status = figures_main(argv)
    print("\n== HumHub sync and replies (benchmarks/bench_humhub.py) ==", flush=True)
    status = status or bench_humhub.main(["--posts", "300"] if quick else [])
    print("\n== the moderation queue (benchmarks/bench_review.py) ==", flush=True)
    status = status or bench_review.main([])
    print("\n== who could answer this? hit rate (benchmarks/bench_answerers.py) ==", flush=True)
    status = status or bench_answerers.main(
        ["--scale", "2", "--topical-members", "600", "--skip-all-topics"] if quick else []
    )
    print("\n== Viva Engage under its rate budget (benchmarks/bench_vivaengage.py) ==", flush=True)
    return status or bench_vivaengage.main(["--window", "3"] if quick else [])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
