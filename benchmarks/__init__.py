"""Benchmarks: `python -m analytics bench` (benchmarks/bench.py)."""
