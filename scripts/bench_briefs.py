"""Benchmark of the brief batch (placeholder until the briefs issue): prints nothing but a note."""
print("bench_briefs: the brief batch benchmark is not written yet (see the briefs issue)")
