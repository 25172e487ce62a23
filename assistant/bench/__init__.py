"""Scaling benchmark: index build time, query latency, memory and cold start at corpus sizes
1×, 100×, 1000× (synthetic corpora, kept in a temporary folder), against the naive baseline.

`python -m assistant.bench --help` runs it; docs/bench/ holds the last results.
"""
