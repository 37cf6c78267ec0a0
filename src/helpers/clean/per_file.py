"""What one worker does with one raw file (or one chunk of files): the units of work of the cleaning steps
(:mod:`helpers.clean.steps`), run in worker processes (local, or a Dask cluster) or in the calling process.

Each takes a job (a dict of paths and small frames: picklable) and returns a small dict; what grows with a file (its
figures, its quality findings, its series values) is written to part files in the step's scratch folder, never sent
back, so the process that gathers the parts holds one part at a time. A unit never raises: a file that cannot be
read or cleaned comes back as ``error`` (the message names the file), a chunk that breaks its table's contract as
``invalid`` (the validation message), and the step goes on with the other files.
"""
from __future__ import annotations

import pickle
from collections import Counter
from pathlib import Path

import pandas as pd

from . import figures, quality, reports, series
from ..core import columnar, tables
from ..core.errors import InputFileError, ValidationError
from ..ingest import textio


def release() -> None:
    """Give the memory freed by a chunk back to the system (Arrow's pool, and glibc's heap where there is one), so
    that what the process holds does not creep up chunk after chunk with the allocators' leftovers."""
    import ctypes

    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _failed(name: str, e: Exception) -> str:
    if isinstance(e, InputFileError):
        return e.reason
    return f"could not be cleaned ({type(e).__name__}: {e})"


def dump(path: Path | str, obj) -> None:
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)


def undump(path: Path | str):
    with open(path, "rb") as f:
        return pickle.load(f)


#: What the figures of a file need of its reports: where each is, and what its roles are read with (its kind and
#: title, :func:`helpers.clean.figures._role_kind`; its year and period, :func:`helpers.clean.figures._year`).
FIGURE_REPORT_COLUMNS = ["report_id", "source_file", "start", "end", "kind", "title", "year_reported",
                         "year_masked", "period"]


def reports_of(job: dict) -> dict:
    """The reports of one raw file (``job``: ``path``, ``mask``: the years masked in it): their rows, and each one's
    duplicate key and first characters (:func:`helpers.clean.reports.file_keys`)."""
    p = Path(job["path"])
    try:
        raw = textio.load(p)
        rows = reports.reports_for_file(p, raw, frozenset(job["mask"]))
        keys, starts = reports.file_keys(raw.text, rows)
    except Exception as e:  # noqa: BLE001 - one file's problem is reported with its name; the batch goes on
        return dict(file=p.name, error=_failed(p.name, e))
    return dict(file=p.name, rows=rows, keys=keys, starts=starts, error=None)


def figures_of(job: dict) -> dict:
    """The figures of a chunk of raw files (``job``: ``files``, each a dict of ``file``, ``path``, ``reps`` — its
    in-scope reports in offset order, tuples of :data:`FIGURE_REPORT_COLUMNS` — and ``mask``; ``out``: the part's path without suffix), validated as a chunk
    of figures.csv (schema and provenance) and written as ``out.csv`` (its CSV rows) and ``out.arrow`` (the same
    rows typed as read back). Returns, per file, its error or the reports with figures."""
    rows, done, texts = [], {}, {}
    for f in job["files"]:
        p = Path(f["path"])
        try:
            raw = textio.load(p)
            texts[f["file"]] = raw.text
            reps = pd.DataFrame(f["reps"], columns=FIGURE_REPORT_COLUMNS)
            got = figures.figures_for_text(raw.text, reps, frozenset(f["mask"]), raw)
        except Exception as e:  # noqa: BLE001 - one file's problem is reported with its name; the batch goes on
            done[f["file"]] = dict(error=_failed(f["file"], e))
            continue
        rows += got
        done[f["file"]] = dict(error=None, with_figures=sorted({r[1] for r in got}))
    try:
        raw_dir = Path(job["files"][0]["path"]).parent if job["files"] else Path(".")
        df = tables.validate("figures", figures.frame(rows), lambda d: figures.check_provenance(d, raw_dir, texts))
    except ValidationError as e:
        return dict(files=done, invalid=str(e))
    del rows, texts
    out = Path(job["out"])
    _write_parts(out, df)
    n = len(df)
    del df
    release()
    return dict(files=done, invalid=None, rows=n)


def _write_parts(out: Path, df: pd.DataFrame) -> None:
    """A validated chunk as ``out.csv`` (its CSV rows) and ``out.arrow`` (the same rows parsed back, typed),
    rendered a row group at a time (a file of 150,000 figures is not copied three times over at once)."""
    import pyarrow as pa

    schema = columnar.schema(list(df.columns), {c: tables.kind_of(c) for c in df.columns})
    with open(out.with_suffix(".csv"), "w", encoding="utf-8", newline="") as csv, \
            pa.OSFile(str(out.with_suffix(".arrow")), "wb") as sink, pa.ipc.new_file(sink, schema) as w:
        for a in range(0, len(df), columnar.ROW_GROUP):
            text = tables.render_rows(df.iloc[a:a + columnar.ROW_GROUP])
            csv.write(text)
            w.write_table(columnar.from_frame(tables.parse_rows(text, list(df.columns)), schema))


def read_arrow(path: Path | str):
    import pyarrow as pa

    with pa.memory_map(str(path), "r") as src:
        return pa.ipc.open_file(src).read_all()


def _checks(figs: pd.DataFrame, reps: pd.DataFrame, texts: dict[str, str], mask_years: set[str]):
    return quality.run_checks(figs, reps, texts, mask_years), series.candidates(figs, reps)


def quality_of(job: dict) -> dict:
    """The quality findings and the series values of a chunk of raw files (``job``: ``figures``, the Parquet copy of
    figures.csv, and ``groups``, the row groups that hold these files' figures; ``files``; ``reps``: their reports;
    ``raw``: the raw folder; ``mask_years``: every year masked in the corpus; ``out``), as the whole corpus would
    give them (every check but those across reports reads one report). Written as ``out.quality`` and
    ``out.cands`` (pickled frames); returns how many series values each report gives and the files that failed
    (each checked alone to tell which)."""
    figs = columnar.read_row_groups(Path(job["figures"]), job["groups"])
    figs = figs[figs["source_file"].isin(set(job["files"]))]
    reps, mask_years, errors = job["reps"], set(job["mask_years"]), []
    texts = {}
    for f in job["files"]:
        try:
            texts[f] = textio.load_text(Path(job["raw"]) / f)
        except Exception as e:  # noqa: BLE001
            errors.append((f, _failed(f, e)))
    ok = [f for f in job["files"] if f in texts]
    try:
        q, c = _checks(figs[figs["source_file"].isin(ok)], reps[reps["source_file"].isin(ok)], texts, mask_years)
    except Exception:  # noqa: BLE001 - find the file that fails, keep the others
        found, cands = [], []
        for f in ok:
            try:
                qf, cf = _checks(figs[figs["source_file"] == f], reps[reps["source_file"] == f], {f: texts[f]},
                                 mask_years)
            except Exception as e:  # noqa: BLE001
                errors.append((f, _failed(f, e)))
                continue
            found.append(qf)
            cands.append(cf)
        q = _concat(found, quality.COLUMNS)
        c = _concat(cands, series.CANDIDATE_COLUMNS)
    out = Path(job["out"])
    dump(out.with_suffix(".quality"), q)
    dump(out.with_suffix(".cands"), c)
    cands = dict(Counter(c["report_id"]))
    del figs, q, c, texts
    release()
    return dict(cands=cands, errors=errors)


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
