"""Benchmarks: a synthetic England and timed figures against baselines measured in the same run."""
