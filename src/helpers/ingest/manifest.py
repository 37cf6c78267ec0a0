"""The origin record of every raw file (OWID's snapshot metadata habit).

``data/raw/manifest.csv`` lists each raw report file with its sha256, size and a note on
its source. The pipeline verifies it before and after a run: a raw file that changed is
reported (never silently accepted), and a new file dropped into ``data/raw/`` is added
with its checksum so that later runs can vouch for it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

COLUMNS = ["file", "sha256", "bytes", "source", "added"]
#: Files in data/raw that are not reports.
NOT_REPORTS = {"manifest.csv", "reports_overrides.csv", "masked_years.csv", "README.md", ".gitkeep"}
DEFAULT_SOURCE = "web-scraped district/county health and family-planning work report (text as published; years masked upstream)"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def report_files(raw_dir: Path) -> list[Path]:
    """Raw report files, sorted by name (hidden files and the bookkeeping files excluded)."""
    return sorted(p for p in Path(raw_dir).iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name not in NOT_REPORTS)


def duplicate_files(raw_dir: Path) -> list[tuple[str, str]]:
    """(file, earlier file with the same bytes) for every byte-identical copy in ``raw_dir``."""
    first: dict[str, str] = {}
    out = []
    for p in report_files(raw_dir):
        h = sha256_of(p)
        if h in first:
            out.append((p.name, first[h]))
        else:
            first[h] = p.name
    return out


def read_manifest(path: Path) -> list[dict]:
    if not Path(path).exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_manifest(path: Path, rows: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in sorted(rows, key=lambda r: r["file"]):
        w.writerow({k: r.get(k, "") for k in COLUMNS})
    tmp = Path(path).with_suffix(".csv.tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class ManifestCheck:
    ok: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.changed and not self.missing

    def messages(self) -> list[str]:
        out = [f"raw file changed since it was recorded (sha256 differs): {f}" for f in self.changed]
        out += [f"raw file listed in the manifest is missing: {f}" for f in self.missing]
        out += [f"new raw file added to the manifest: {f}" for f in self.new]
        return out


def check(raw_dir: Path, manifest_path: Path | None = None) -> ManifestCheck:
    """Compare the files in ``raw_dir`` with the manifest without changing anything."""
    raw_dir = Path(raw_dir)
    manifest_path = Path(manifest_path or raw_dir / "manifest.csv")
    recorded = {r["file"]: r for r in read_manifest(manifest_path)}
    present = {p.name: p for p in report_files(raw_dir)}
    res = ManifestCheck()
    for name, row in recorded.items():
        if name not in present:
            res.missing.append(name)
        elif sha256_of(present[name]) != row["sha256"]:
            res.changed.append(name)
        else:
            res.ok.append(name)
    res.new = sorted(set(present) - set(recorded))
    return res


def update(raw_dir: Path, manifest_path: Path | None = None, source: str = DEFAULT_SOURCE) -> ManifestCheck:
    """Verify, then add new files with their checksum. Changed files are reported, never re-recorded."""
    raw_dir = Path(raw_dir)
    manifest_path = Path(manifest_path or raw_dir / "manifest.csv")
    res = check(raw_dir, manifest_path)
    if res.new:
        rows = read_manifest(manifest_path)
        for name in res.new:
            p = raw_dir / name
            rows.append(dict(file=name, sha256=sha256_of(p), bytes=p.stat().st_size,
                             source=source, added=date.today().isoformat()))
        write_manifest(manifest_path, rows)
    return res
