"""Benchmark: MB/s of raw text through segmentation + place inference + figure extraction.

Builds a corpus of the shipped raw files repeated to at least 20 MB (in memory, one "file" per copy,
as the pipeline sees them) and times the steps on one core. Prints figures; asserts nothing.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.clean import extract, places, report_meta, segment  # noqa: E402
from helpers.clean.numerals import fold_width  # noqa: E402
from helpers.ingest import manifest, textio  # noqa: E402


def main(target_mb: float = 20.0) -> None:
    texts = [textio.load_text(p) for p in manifest.report_files(ROOT / "data" / "raw")]
    one_round = sum(len(t.encode("utf-8")) for t in texts)
    rounds = int(target_mb * 1e6 // one_round) + 1
    places.index()  # gazetteer load (once per process, ~0.5 s) is not part of the throughput
    t0, cpu0 = time.perf_counter(), time.process_time()
    nfig = nrep = 0
    t_seg = t_place = t_fig = 0.0
    c_seg = c_fig = 0.0
    for r in range(rounds):
        for base in texts:
            text = f"{base}\n{r}\n"  # a distinct string per copy: no cache can serve a repeat
            a, ca = time.perf_counter(), time.process_time()
            segs = segment.segment_text(text)
            junk = segment.junk_spans(text)
            b, cb = time.perf_counter(), time.process_time()
            kinds = []
            for s in segs:
                body = s.text(text)
                kinds.append(report_meta.kind(s, body))
                if report_meta.scope(body)[0]:
                    places.infer_place(body)
            c, cc = time.perf_counter(), time.process_time()
            norm = fold_width(text)
            for s, k in zip(segs, kinds):
                nfig += len(extract.extract_report(text, s.start, s.end, kind=k, junk=junk, norm=norm))
            d, cd = time.perf_counter(), time.process_time()
            nrep += len(segs)
            t_seg, t_place, t_fig = t_seg + b - a, t_place + c - b, t_fig + d - c
            c_seg, c_fig = c_seg + cb - ca, c_fig + cd - cc
    total, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    mb = one_round * rounds / 1e6
    print(f"corpus: {mb:.1f} MB of raw text ({rounds} copies of {len(texts)} files), {nrep} segments, {nfig} figures")
    print(f"segmentation      {t_seg:6.2f} s  {mb / t_seg:7.1f} MB/s")
    print(f"place inference   {t_place:6.2f} s  {mb / t_place:7.1f} MB/s")
    print(f"figure extraction {t_fig:6.2f} s  {mb / t_fig:7.1f} MB/s")
    se = t_seg + t_fig
    print(f"segmentation + extraction {se:6.2f} s  {mb / se:7.1f} MB/s  (the target: >= 3.5 MB/s on one core)")
    print(f"all cleaning steps        {total:6.2f} s  {mb / total:7.1f} MB/s  (with place inference and scope)")
    sec = c_seg + c_fig
    print(f"CPU time (process_time, less noisy on a shared machine): segmentation + extraction {sec:6.2f} s "
          f"{mb / sec:7.1f} MB/s, all steps {cpu:6.2f} s {mb / cpu:7.1f} MB/s")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 20.0)
