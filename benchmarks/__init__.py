"""Benchmarks: ``python -m benchmarks.bench_insights`` and friends print timings on large generated stores."""
