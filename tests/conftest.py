import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def make_project(tmp: Path, raw_files: dict[str, bytes] | None = None, copy_raw: bool = True) -> Path:
    """A throw-away copy of the project layout (notebooks, raw data) for end-to-end runs."""
    proj = tmp / "proj"
    (proj / "data" / "clean").mkdir(parents=True)
    (proj / "outputs").mkdir()
    shutil.copytree(ROOT / "notebooks", proj / "notebooks")
    shutil.copy(ROOT / "pyproject.toml", proj / "pyproject.toml")
    raw = proj / "data" / "raw"
    if copy_raw:
        shutil.copytree(ROOT / "data" / "raw", raw)
    else:
        raw.mkdir(parents=True)
    for name, data in (raw_files or {}).items():
        (raw / name).write_bytes(data)
    return proj


@pytest.fixture
def project_factory(tmp_path, monkeypatch):
    def factory(**kw):
        proj = make_project(tmp_path, **kw)
        monkeypatch.setenv("HEALTHREPORTS_ROOT", str(proj))
        return proj
    return factory


@pytest.fixture(scope="session")
def shipped_run(tmp_path_factory):
    """The main job once on a copy of the shipped data; tests read its outputs."""
    from helpers.core.paths import Paths
    from helpers.pipeline import run_all

    proj = make_project(tmp_path_factory.mktemp("e2e"))
    code, logs = run_main_job(proj)
    return proj, code, logs


def run_main_job(proj, workers: int = 2) -> tuple[int, list[str]]:
    """The main job on the project ``proj`` (HEALTHREPORTS_ROOT pointed at it meanwhile): (exit code, log lines)."""
    from helpers.core.paths import Paths
    from helpers.pipeline import run_all

    old = os.environ.get("HEALTHREPORTS_ROOT")
    os.environ["HEALTHREPORTS_ROOT"] = str(proj)
    logs: list[str] = []
    try:
        code = run_all(Paths(proj), workers=workers, log=logs.append)
    finally:
        if old is None:
            os.environ.pop("HEALTHREPORTS_ROOT", None)
        else:
            os.environ["HEALTHREPORTS_ROOT"] = old
    return code, logs
