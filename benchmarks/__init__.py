"""Benchmarks of reeltui at archive scale: `python -m benchmarks` (or `make bench`).

Each benchmark measures its own baseline in the same run and prints one `ratio ...` line per
figure against its goal; the table goes to benchmarks/RESULTS.md.
"""
