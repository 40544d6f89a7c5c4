"""Benchmarks: throughput, memory and quality figures for each stage and the whole pipeline.

``python -m benchmarks`` runs them all; ``python -m benchmarks NAME [args]`` runs one
(``pipeline``, ``normalize``, ``dedup``, ``tag``, ``fetch``). Timings are wall-clock on a shared
machine: compare the ratios within one run, not absolute numbers across runs.
"""
