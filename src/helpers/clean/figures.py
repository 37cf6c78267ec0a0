"""Build ``data/clean/figures.csv`` from the reports table: one row per figure mention."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core import catalog
from . import compact, report_meta, segment
from ..ingest import sheets, textio
from ..core.errors import ValidationError
from .extract import extract_report
from .numerals import fold_width

COLUMNS = ["figure_id", "report_id", "source_file", "start", "end", "raw", "quote", "indicator", "indicator_en",
           "area", "qualifier", "value", "value_high", "unit", "raw_value", "raw_unit", "role", "approx", "flags",
           "in_plan_section", "matched_by", "sentence_start", "sentence_end", "page", "cell"]


def figures_for_file(path: Path, reps: pd.DataFrame, mask_years=frozenset()) -> list[tuple]:
    raw = textio.load(path)
    return figures_for_text(raw.text, reps, mask_years, raw)


def figures_for_text(text: str, reps: pd.DataFrame, mask_years=frozenset(), raw=None) -> list[tuple]:
    """Figure rows of the reports ``reps`` (report_id, source_file, start, end, kind; title, year_reported,
    year_masked and period where known) of one decoded text.

    Cues are matched on the working copy (traditional → simplified, one character for one, then
    full-width folded); ``raw`` and ``quote`` are cut from ``text`` itself. Rows are tuples in the order
    of ``COLUMNS`` (a dict per figure costs four times the memory on a 50 MB file). ``raw``: the file as read
    (``textio.RawText``), for the page of a PDF's figures and the ``ocr`` flag of a scanned page's."""
    work = textio.working_copy(text)
    norm = fold_width(work)
    junk = segment.junk_spans(work)
    cm = compact.build(norm, join_wrapped=True, laid_out=raw is not None and raw.container in compact.LAID_OUT)
    if not cm.identity:
        # Spaced-out characters, entities …: cues are matched on the compact copy, offsets mapped back.
        work, norm = cm.apply(work), cm.apply(norm)
        junk = [(cm.to_compact(a), cm.to_compact(b), why) for a, b, why in junk]
    inds = catalog.indicators()
    damaged = DAMAGE in text
    cell_starts = [a for a, _, _ in raw.cells] if raw is not None and raw.cells else []
    rows = []
    for r in reps.itertuples():
        seen: dict[int, int] = {}
        lo, hi = (r.start, r.end) if cm.identity else (cm.to_compact(r.start), cm.to_compact(r.end))
        figs = extract_report(norm if not cm.identity else text, lo, hi, kind=_role_kind(r), mask_years=mask_years,
                              junk=junk, norm=norm, work=work, year=_year(r))
        if not cm.identity:
            for f in figs:
                _map_back(f, cm, text)
                if f.unit == "permille" and f.raw.endswith("%。"):
                    f.flags.append("garbled_permille")  # read as ‰ (compact.GARBLED_PERMILLE)
        if damaged:
            for f in figs:
                if near_damage(text, f.start, f.end):
                    f.flags.append("damaged")
        pages = [raw.page_of(f.start) for f in figs] if raw is not None and raw.pages else [""] * len(figs)
        cells = [sheets.cell_of(raw.cells, cell_starts, f.start) for f in figs] if cell_starts else [""] * len(figs)
        if raw is not None and raw.ocr_pages:
            for f, p in zip(figs, pages):
                if int(p) in raw.ocr_pages:
                    f.flags.append("ocr")
        for f, page, cell in zip(figs, pages, cells):
            ind = inds.get(f.indicator)
            k = seen[f.start] = seen.get(f.start, 0) + 1  # a value shared by two indicators: @start, @start.2
            rows.append((
                f"{r.report_id}@{f.start}" + (f".{k}" if k > 1 else ""), r.report_id, r.source_file, f.start, f.end, f.raw, f.quote, f.indicator,
                ind.en if ind else "", ind.area if ind else "", f.qualifier, f.value, f.value_high, f.unit,
                f.raw_value, f.raw_unit, f.role, f.approx, ";".join(f.flags), f.in_plan, f.how,
                f.sentence[0], f.sentence[1], page, cell))
    return rows


def _role_kind(r) -> str:
    """The kind the roles are read with: a text taken for a plan only because most of its sentences speak of the
    future (a news item, an untitled excerpt) is read as a summary — its figures are targets only where their own
    words set a goal (力争, 将, 到2030年); a plan by its title keeps its kind."""
    kind = r.kind
    if kind == "plan" and not report_meta.PLAN_TITLE.search(str(getattr(r, "title", "") or "")):
        return "summary"
    return kind


def _year(r) -> int | None:
    """The report's year when the text states it (none when blank or masked, or for a review of several years)."""
    y = getattr(r, "year_reported", None)
    if y is None or pd.isna(y) or getattr(r, "year_masked", False) is True or getattr(r, "period", "") == "multi_year":
        return None
    try:
        return int(y)
    except (TypeError, ValueError):
        return None


#: The character a byte that could not be decoded became (``ingest.decoding``).
DAMAGE = "\ufffd"
#: A figure within this many characters of a replaced byte, on its line, is inside a damaged stretch.
DAMAGE_REACH = 12


def near_damage(text: str, start: int, end: int) -> bool:
    """Is a replacement character (an undecodable byte) in the figure or within DAMAGE_REACH characters of it on
    its line? Its value, unit or cue may have lost a byte: the figure is flagged ``damaged``."""
    a = max(text.rfind("\n", 0, start) + 1, start - DAMAGE_REACH)
    nl = text.find("\n", end)
    b = min(nl if nl >= 0 else len(text), end + DAMAGE_REACH)
    return DAMAGE in text[a:b]


def _map_back(f, cm: "compact.Compact", text: str) -> None:
    """Offsets, raw and quote of a figure found on the compact copy, as they are in ``text``."""
    f.start, f.end = cm.start(f.start), cm.end(f.end)
    f.raw = text[f.start:f.end]
    sa, sb = cm.start(f.sentence[0]), cm.end(f.sentence[1])
    f.sentence = (sa, sb)
    quote = text[sa:sb].strip()
    f.quote = quote if len(quote) <= 300 else text[max(sa, f.start - 120):min(sb, f.end + 120)].strip()


def build(raw_dir: Path, reports: pd.DataFrame, masked_years=None) -> pd.DataFrame:
    rows = []
    inscope = reports[reports["in_scope"]]
    for source, reps in inscope.groupby("source_file", sort=True):
        rows.extend(figures_for_file(Path(raw_dir) / source, reps.sort_values("start"),
                                     (masked_years or {}).get(source, frozenset())))
    return frame(rows)


def frame(rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows, columns=COLUMNS)
    df["value"] = df["value"].astype(float)
    df["value_high"] = df["value_high"].astype(float)
    return df


def check_provenance(df: pd.DataFrame, raw_dir: Path, texts: dict[str, str] | None = None) -> None:
    """Every row: offsets inside its file and ``raw == text[start:end]``; catalog ids only. ``texts``: the decoded
    texts by file name where the caller holds them (else each file is read again)."""
    bad = []
    ids = set(catalog.indicators())
    for source, g in df.groupby("source_file"):
        text = texts[source] if texts and source in texts else textio.load_text(Path(raw_dir) / source)
        n = len(text)
        for i, a, b, raw in zip(g.index, g["start"].to_numpy(), g["end"].to_numpy(), g["raw"].to_numpy()):
            if not (0 <= a < b <= n) or text[a:b] != raw:
                bad.append(i)
    bad_ids = df.index[(df["indicator"] != "") & ~df["indicator"].isin(ids)].tolist()
    rows = df.loc[sorted(set(bad) | set(bad_ids))]
    if len(rows):
        ex = "; ".join(f"{r.figure_id} raw={r.raw!r} indicator={r.indicator!r}" for r in rows.head(5).itertuples())
        raise ValidationError("figures", f"{len(rows)} row(s) fail provenance or catalog checks: {ex}", rows=rows)
