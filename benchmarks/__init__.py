"""Benchmarks against the limits of shared/PERFORMANCE.md: `python -m benchmarks.run --size S`."""
