"""Build ``data/clean/reports.csv``: one row per segment of every raw file.

Columns are the contract with the figure extraction and the analysis; see
``data/clean/README.md``. Analyst overrides (``data/raw/reports_overrides.csv``, keyed by
report_id) apply after inference and are recorded in ``overridden``.
"""
from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd

from . import compact, places, report_meta, segment
from .numerals import fold_width
from ..ingest import textio
from ..core.errors import InputFileError

COLUMNS = ["report_id", "source_file", "segment", "start", "end", "chars", "title", "in_scope", "scope_reason",
           "kind", "period", "period_detail", "year_reported", "year_masked", "admin_level", "province", "city",
           "county", "region_name", "region_en", "region_evidence", "region_confidence", "encoding", "container",
           "script", "duplicate_of", "overridden", "bytes_replaced"]
OVERRIDABLE = {"title", "in_scope", "kind", "period", "period_detail", "year_reported", "year_masked", "admin_level",
               "province", "city", "county", "region_name", "region_en", "duplicate_of"}


#: How much of the page before a report is read for its dateline (characters).
PAGE_HEAD = 300


def report_id(source_file: str, k: int) -> str:
    """Stable id from the file name with its suffix and the segment's order in it: ``<file name>#<k>``
    (1-based): ``a.txt#1`` and ``a.html#1`` never collide."""
    return f"{Path(source_file).name}#{k}"


def reports_for_file(path: Path, raw: textio.RawText | None = None, mask_years=frozenset()) -> list[dict]:
    raw = raw or textio.load_raw(path)
    # Segments, scope, period and place are read on the working copy (traditional characters
    # converted one for one), so their offsets are offsets into the decoded text.
    text = textio.working_copy(raw.text)
    script = "traditional" if text is not raw.text else "simplified"
    rows = []
    # Text extracted from a PDF, its lines wrapped mid-sentence, is segmented on its compact copy (lines
    # joined); offsets are mapped back to the decoded text. Any other text is segmented as it is.
    cm = compact.build(fold_width(text), join_wrapped=True, laid_out=raw.container in compact.LAID_OUT)
    wrapped = cm.joined_lines > 0
    seg_text = cm.apply(text) if wrapped else text
    segs = [_part_segment(seg_text, a, b) for a, b in raw.parts] if raw.parts else segment.segment_text(seg_text)
    for k, seg in enumerate(segs, start=1):
        # Scope, kind, period and place words are read on the compact copy (spaced-out PDF text joined).
        body = compact.compact_text(seg.text(seg_text))
        start, end = (cm.start(seg.start), cm.end(seg.end)) if wrapped else (seg.start, seg.end)
        title = _title_from_raw(seg, raw.text, cm if wrapped else None)
        in_scope, why = report_meta.scope(body)
        kind = report_meta.kind(seg, body)
        per, detail = report_meta.period(seg, body, kind)
        yr, masked = report_meta.year(seg, body, mask_years, seg_text[max(0, seg.start - PAGE_HEAD):seg.start])
        place = places.infer_place(body) if in_scope else places.PlaceResult()
        if in_scope and not place.region_name:
            # 全省…, and 来源：某省卫健委网站 in the page's furniture next to it: the publisher's place
            pubs = places.publisher_near(seg_text, seg.start, seg.end)
            if pubs:
                place = places.infer_place(body, publishers=pubs)
                if place.region_name:
                    place = replace(place, evidence=f"publisher line ({pubs[0]}): {place.evidence}")
        rows.append(dict(
            report_id=report_id(path.name, k), source_file=path.name, segment=k, start=start, end=end,
            chars=end - start, title=title, in_scope=in_scope, scope_reason=why, kind=kind,
            period=per, period_detail=detail, year_reported=yr, year_masked=masked,
            admin_level=place.admin_level, province=place.province, city=place.city, county=place.county,
            region_name=place.region_name, region_en=place.region_en, region_evidence=place.evidence,
            region_confidence=place.confidence, encoding=raw.encoding, container=raw.container, script=script,
            duplicate_of="", overridden="", bytes_replaced=raw.replaced,
        ))
    return rows


def _part_segment(text: str, a: int, b: int) -> segment.Segment:
    """A report the container delimits (a yearbook sheet's row), as one segment: its lines classified as
    segmentation classifies any line, offsets into the whole text."""
    lines = segment.split_lines(text[a:b])
    segment.classify(lines)
    for l in lines:
        l.start, l.end = l.start + a, l.end + a
    body = [l for l in lines if l.kind not in ("blank", "junk", "marker")] or lines
    seg = segment.Segment(start=body[0].start, end=body[-1].end, lines=lines, boundary="container")
    seg.title_line = body[0].kind == "title"
    seg.title = segment.title_text(body[0].text, seg.title_line)
    return seg


def _title_from_raw(seg, raw_text: str, cm: compact.Compact | None = None) -> str:
    """The title as written (traditional stays traditional): the segment's first content line cut
    from the decoded text — the whole line when it is a title, else its opening words."""
    first = next((l for l in seg.lines if l.kind not in ("blank", "junk", "marker")), None)
    if first is None:
        return seg.title
    a, b = (cm.start(first.start), cm.end(first.end)) if cm is not None else (first.start, first.end)
    return segment.title_text(raw_text[a:b], seg.title_line) or seg.title


def body_key(body: str) -> str:
    """What two reports with the same text share (whitespace left out): a duplicate is found by it."""
    import hashlib

    return hashlib.sha1(re.sub(r"\s+", "", body).encode("utf-8")).hexdigest()


def file_keys(text: str, rows: list[dict]) -> tuple[list[str], list[str]]:
    """For the reports of one file (``rows``, of its decoded ``text``): each one's :func:`body_key` and its first
    characters (:func:`segment_start`, what an override quotes) — all the later steps need of the text."""
    bodies = [text[r["start"]:r["end"]] for r in rows]
    return [body_key(b) for b in bodies], [segment_start(b) for b in bodies]


def mark_duplicates(df: pd.DataFrame, texts: dict[str, str] | None = None, keys: list[str] | None = None) -> pd.DataFrame:
    """A report whose text (whitespace-folded) equals an earlier one is marked duplicate_of it. ``keys``: each row's
    :func:`body_key` (else computed from ``texts``: source_file -> decoded text)."""
    if keys is None:
        keys = [body_key(texts[r.source_file][r.start:r.end]) for r in df.itertuples()]
    seen: dict[str, str] = {}
    dup = []
    for rid, key in zip(df["report_id"], keys):
        dup.append(seen.get(key, ""))
        seen.setdefault(key, rid)
    df["duplicate_of"] = dup
    return df


def read_overrides(path: Path) -> pd.DataFrame:
    if not Path(path).exists():
        return pd.DataFrame(columns=["report_id"])
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if "report_id" not in df.columns:
        raise InputFileError(Path(path).name, "has no report_id column")
    bad = sorted(set(df.columns) - OVERRIDABLE - {"report_id", "starts_with", "note"})
    if bad:
        raise InputFileError(Path(path).name, f"columns that cannot be overridden: {', '.join(bad)}")
    return df


#: Spellings of a yes/no override (compared lower-case); anything else stops the run.
BOOL_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


#: How many characters of a segment's text (whitespace left out) an override quotes in ``starts_with``.
STARTS_WITH = 12


def segment_start(text: str, n: int = STARTS_WITH) -> str:
    """The first ``n`` characters of a segment's text, whitespace left out (what ``starts_with`` quotes)."""
    out = []
    for c in text:
        if not c.isspace():
            out.append(c)
            if len(out) == n:
                break
    return "".join(out)


def check_overrides(df: pd.DataFrame, ov: pd.DataFrame, source: str = "reports_overrides.csv",
                    texts: dict[str, str] | None = None, starts: dict[str, str] | None = None) -> None:
    """Every override names a report of this run, quotes the segment's first characters (``starts_with``: an
    override keyed by position alone would land on another segment after a segmentation change) and gives a value
    its column can hold; the first problems are listed with their line, report id, column and value (nothing is
    applied otherwise). ``texts``: source_file -> decoded text, or ``starts``: report_id -> the segment's first
    characters (without either ``starts_with`` is not checked)."""
    from ..core.schemas import ADMIN_LEVELS, KINDS

    allowed = {"kind": KINDS, "admin_level": [a for a in ADMIN_LEVELS if a]}
    ids = set(df["report_id"])
    problems = []
    for n, (_, o) in enumerate(ov.iterrows(), start=2):  # line 1 is the header
        rid = o["report_id"]
        if rid not in ids:
            problems.append(f"line {n}: report id {rid!r} is not a report of this run")
            continue
        if texts is not None or starts is not None:
            if starts is not None:
                now = starts.get(rid, "")
            else:
                seg = df.loc[df["report_id"] == rid].iloc[0]
                now = segment_start(texts.get(seg["source_file"], "")[seg["start"]:seg["end"]])
            quoted = re.sub(r"\s+", "", str(o.get("starts_with", "") or ""))
            if not quoted:
                problems.append(f"line {n} ({rid}): starts_with is empty; quote the segment's first characters "
                                f"({now!r}) so the override cannot land on another segment")
                continue
            if not now.startswith(quoted[:STARTS_WITH]):
                problems.append(f"line {n} ({rid}): starts_with={quoted!r} no longer matches the segment, which starts "
                                f"{now!r} (the file or its segmentation changed: check the override)")
                continue
        for col, val in o.items():
            if col in ("report_id", "starts_with", "note") or val == "":
                continue
            if col in ("in_scope", "year_masked") and str(val).strip().lower() not in BOOL_WORDS:
                problems.append(f"line {n} ({rid}): {col}={val!r} must be true or false")
            elif col in allowed and val not in allowed[col]:
                problems.append(f"line {n} ({rid}): {col}={val!r} must be one of {', '.join(allowed[col])}")
            elif col == "duplicate_of" and (val not in ids or val == rid):
                problems.append(f"line {n} ({rid}): duplicate_of={val!r} must be another report id of this run")
    if problems:
        more = f" (and {len(problems) - 8} more)" if len(problems) > 8 else ""
        raise InputFileError(source, "overrides that cannot be applied: " + "; ".join(problems[:8]) + more)


def apply_overrides(df: pd.DataFrame, ov: pd.DataFrame, source: str = "reports_overrides.csv",
                    texts: dict[str, str] | None = None, starts: dict[str, str] | None = None) -> pd.DataFrame:
    check_overrides(df, ov, source, texts, starts)
    for _, o in ov.iterrows():
        idx = df.index[df["report_id"] == o["report_id"]][0]
        changed = []
        for col, val in o.items():
            if col in ("report_id", "starts_with", "note") or val == "":
                continue
            if col in ("in_scope", "year_masked"):
                val = BOOL_WORDS[str(val).strip().lower()]
            df.at[idx, col] = val
            changed.append(col)
        df.at[idx, "overridden"] = ";".join(changed)
    return df


def build(raw_files: list[Path], overrides: Path | None = None, on_error=None, masked_years=None) -> pd.DataFrame:
    """Reports of every file. A file that cannot be read is passed to ``on_error(path, exc)`` and skipped.
    ``masked_years``: file name -> years masked upstream in it (``core.masking``)."""
    rows, keys, starts = [], [], []
    for p in raw_files:
        try:
            raw = textio.load(p)
            got = reports_for_file(p, raw, (masked_years or {}).get(p.name, frozenset()))
        except InputFileError as e:
            if on_error is None:
                raise
            on_error(p, e)
            continue
        k, s = file_keys(raw.text, got)
        rows += got
        keys += k
        starts += s
    return finish(rows, keys, starts, overrides)


def finish(rows: list[dict], keys: list[str], starts: list[str], overrides: Path | None = None) -> pd.DataFrame:
    """The reports table from every file's rows in file order (with their :func:`file_keys`): duplicates marked,
    then the analyst's overrides applied (a bad one raises InputFileError naming the file and line)."""
    df = pd.DataFrame(rows, columns=COLUMNS)
    if len(df):
        df = mark_duplicates(df, keys=keys)
    if overrides is not None:
        df = apply_overrides(df, read_overrides(overrides), Path(overrides).name,
                             starts=dict(zip(df["report_id"], starts)))
    return df


def write_empty_overrides(path: Path) -> None:
    if not path.exists():
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerow(["report_id", "starts_with", *sorted(OVERRIDABLE), "note"])
