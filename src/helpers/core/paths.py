"""One place that defines where things live (cookiecutter-data-science's config.py habit).

Every path is absolute and derived from the project root, so notebooks run the same
from JupyterLab, from papermill workers and from tests, whatever the working directory.
The root can be overridden with the environment variable ``HEALTHREPORTS_ROOT`` (tests use
this to run the pipeline on a temporary copy).
"""
from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("HEALTHREPORTS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "notebooks").is_dir():
            return parent
    return Path.cwd().resolve()


class Paths:
    """Directory layout of one project checkout.

    ``raw`` and ``clean`` may point elsewhere (``healthreports clean RAW_DIR --out OUT_DIR``): the raw
    folder is then read only (``raw_writable`` is false: no manifest, no overrides template is written
    into it) and the clean tables go to ``OUT_DIR`` itself."""

    def __init__(self, root: Path | str | None = None, raw: Path | str | None = None,
                 clean: Path | str | None = None):
        self.root = Path(root).resolve() if root else project_root()
        self._raw = Path(raw).resolve() if raw else None
        self._clean = Path(clean).resolve() if clean else None

    @property
    def raw_writable(self) -> bool:
        """The project's own data/raw/ gets its manifest and overrides template; a foreign folder is never written."""
        return self._raw is None

    @property
    def raw(self) -> Path:
        return self._raw or self.root / "data" / "raw"

    @property
    def clean(self) -> Path:
        return self._clean or self.root / "data" / "clean"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def executed(self) -> Path:
        return self.outputs / "executed"

    @property
    def briefs(self) -> Path:
        return self.outputs / "briefs"

    @property
    def figures(self) -> Path:
        return self.outputs / "figures"

    @property
    def tables(self) -> Path:
        return self.outputs / "tables"

    @property
    def manifest(self) -> Path:
        return self.raw / "manifest.csv"

    @property
    def overrides(self) -> Path:
        return self.raw / "reports_overrides.csv"

    @property
    def masked_years(self) -> Path:
        """The years masked upstream in which raw files (``file,year,comment``; read by ``core.masking``)."""
        return self.raw / "masked_years.csv"

    def table(self, name: str) -> Path:
        """Path of a clean table, e.g. ``table('reports')`` -> data/clean/reports.csv."""
        return self.clean / f"{name}.csv"

    def ensure(self) -> "Paths":
        if self._clean is not None:  # a clean-only run writes its tables and nothing else
            self.clean.mkdir(parents=True, exist_ok=True)
            return self
        for d in (self.clean, self.outputs, self.executed, self.briefs, self.figures, self.tables):
            d.mkdir(parents=True, exist_ok=True)
        return self

