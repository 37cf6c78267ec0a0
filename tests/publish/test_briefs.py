"""The brief batch: failure isolation, escaping, safe slugs, parameters passed as values."""
import json
import os

import nbformat
import pytest

from helpers.clean import steps as cleaning
from helpers.core.paths import Paths
from helpers.core.slugs import brief_slug
from helpers.publish import briefs

pytestmark = pytest.mark.slow

EVIL = '<script>alert("x")</script>'


@pytest.fixture
def cleaned(project_factory):
    proj = project_factory()
    paths = Paths(proj)
    cleaning.build_reports(paths)
    cleaning.build_figures(paths)
    cleaning.build_quality(paths)
    return proj, paths


def _break_brief_for(proj, report_suffix):
    """Make the brief notebook fail for one report (as a bad district would), and only that one."""
    nb_path = proj / "notebooks" / briefs.BRIEF_NOTEBOOK
    nb = nbformat.read(str(nb_path), as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell(
        f'if report_id.endswith("{report_suffix}"):\n    raise RuntimeError("this district is broken")'))
    nbformat.write(nb, str(nb_path))


def test_one_failing_district_does_not_stop_the_others(cleaned):
    proj, paths = cleaned
    ids = [t.report_id for t in briefs.targets(paths)][:3]
    _break_brief_for(proj, ids[1][-2:] if ids[1][-2:] != ids[0][-2:] else ids[1])
    logs = []
    code = briefs.run_batch(paths, workers=2, only=ids, log=logs.append, progress=False)
    assert code == 1
    text = "\n".join(logs)
    assert f"FAILED {ids[1]}" in text and "this district is broken" in text and "partial notebook" in text
    ok = [t for t in briefs.targets(paths, ids) if t.report_id != ids[1]]
    for t in ok:
        assert (paths.briefs / f"{t.slug}.html").exists()
    index = (proj / "outputs/index.html").read_text(encoding="utf-8")
    assert "failed:" in index


def test_report_text_with_script_is_escaped_everywhere(cleaned):
    proj, paths = cleaned
    reps = cleaning.tables.load_reports(paths)
    rid = briefs.targets(paths)[0].report_id
    reps.loc[reps["report_id"] == rid, "title"] = EVIL
    reps.loc[reps["report_id"] == rid, "region_name"] = EVIL
    cleaning.tables.write("reports", reps, paths)
    assert briefs.run_batch(paths, workers=1, only=[rid], log=lambda m: None, progress=False) == 0
    for page in [proj / "outputs/index.html", *paths.briefs.glob("*.html")]:
        html = page.read_text(encoding="utf-8")
        assert EVIL not in html, page.name
        assert "&lt;script&gt;" in html, page.name


@pytest.mark.parametrize("rid,place", [
    ("../../etc/passwd#1", "../../x"), ("a/b\\c#2", "/abs/path"), ("报告#3", "金安区"), ("..#4", "..")])
def test_slugs_cannot_leave_the_briefs_folder(rid, place, tmp_path):
    slug = brief_slug(rid, place)
    assert slug and "/" not in slug and "\\" not in slug and ".." not in slug
    assert (tmp_path / f"{slug}.html").resolve().parent == tmp_path.resolve()


def test_parameters_are_passed_as_values_never_spliced_into_code(cleaned):
    proj, paths = cleaned
    nasty = 'x"; import os; os.system("touch PWNED"); y="'
    from helpers.publish import notebook_runner

    out = paths.executed / "nasty.ipynb"
    res = notebook_runner.execute(paths.notebooks / briefs.BRIEF_NOTEBOOK, out, parameters={"report_id": nasty})
    assert not res.ok and "unknown report id" in res.error
    assert not (proj / "PWNED").exists() and not (proj / "notebooks" / "PWNED").exists()
    nb = json.loads(out.read_text(encoding="utf-8"))
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])][0]
    ns = {}
    exec("".join(injected["source"]), ns)  # the injected cell only assigns the value, escaped
    assert ns["report_id"] == nasty


def test_an_interrupted_batch_stops_cleanly_and_a_rerun_renders_only_what_is_left(shipped_run, tmp_path):
    """Ctrl-C: one line, no traceback, exit 130; run again: only the briefs not yet rendered, then none."""
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    src, code, _ = shipped_run
    proj = tmp_path / "p"
    for sub in ("notebooks", "data", "outputs"):
        shutil.copytree(src / sub, proj / sub)
    shutil.copy(src / "pyproject.toml", proj / "pyproject.toml")
    shutil.rmtree(proj / "outputs" / ".batch", ignore_errors=True)  # as if never rendered
    shutil.rmtree(proj / "outputs" / "briefs", ignore_errors=True)
    env = dict(os.environ, HEALTHREPORTS_ROOT=str(proj))
    cmd = [sys.executable, "-m", "helpers.cli", "briefs", "--workers", "2", "--no-progress"]
    # SIGINT back to its default in the child: a test run started in the background (or by a CI runner) may have
    # it ignored, and Python only turns Ctrl-C into KeyboardInterrupt when it was not ignored at its start
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    def rendered():
        return [k for k in (proj / "outputs" / ".batch").glob("*.key") if not k.name.startswith("sources-")]

    deadline = time.time() + 120
    while time.time() < deadline and len(rendered()) < 2:
        time.sleep(0.2)
    os.killpg(p.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    out, err = p.communicate(timeout=120)
    assert p.returncode == 130, (out, err)
    assert "Traceback" not in err and "Traceback" not in out, err[-2000:]
    assert "interrupted" in out
    done = rendered()
    assert 1 <= len(done) < 12
    # nothing started after Ctrl-C: a moment later no further brief has appeared, and the message counts exactly the
    # briefs on disk with a valid key (each written by its worker right after its page)
    time.sleep(3)
    assert rendered() == done
    import re

    said = re.search(r"interrupted: (\d+) of 12 briefs rendered", out)
    assert said and int(said.group(1)) == len(done), out
    pages = {p.stem for p in (proj / "outputs" / "briefs").glob("*.html")}
    assert {k.stem for k in done} == pages and not (proj / "outputs" / ".batch" / "stop").exists()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{12 - len(done)} to render, {len(done)} unchanged" in again.stdout
    third = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert "0 to render, 12 unchanged" in third.stdout
    forced = subprocess.run(cmd + ["--force", "--only", "001_5f89a4321b8daabd.txt#1"], env=env, capture_output=True,
                            text=True, timeout=300)
    assert "1 to render" in forced.stdout and forced.returncode == 0


def test_ctrl_c_in_a_terminal_starts_no_brief_and_counts_the_briefs_on_disk(shipped_run, tmp_path):
    """As in a real terminal: the batch runs in a pseudo-terminal (progress bar shown), ^C is typed after two briefs.
    The terminal sends SIGINT to the whole foreground process group (the batch and its workers; the kernels run in
    sessions of their own): exit 130 without a traceback, no brief started after the ^C, and the message's count is
    the number of briefs on disk with a valid key."""
    import fcntl
    import hashlib
    import json
    import re
    import select
    import shutil
    import struct
    import subprocess
    import sys
    import termios
    import time
    from datetime import datetime, timezone

    from helpers.core.tables import load_reports
    from helpers.publish import brief_inputs

    src, code, _ = shipped_run
    proj = tmp_path / "p"
    for sub in ("notebooks", "data", "outputs"):
        shutil.copytree(src / sub, proj / sub)
    shutil.copy(src / "pyproject.toml", proj / "pyproject.toml")
    shutil.rmtree(proj / "outputs" / ".batch", ignore_errors=True)
    shutil.rmtree(proj / "outputs" / "briefs", ignore_errors=True)
    shutil.rmtree(proj / "outputs" / "executed" / "briefs", ignore_errors=True)
    batch = proj / "outputs" / ".batch"
    # the child takes the pseudo-terminal as its controlling terminal and SIGINT back to its default (a test run in
    # the background may have it ignored), then becomes the batch
    start = ("import fcntl, os, signal, sys, termios; signal.signal(signal.SIGINT, signal.SIG_DFL); "
             "fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
             "os.execv(sys.executable, [sys.executable, '-m', 'helpers.cli', 'briefs', '--workers', '2'])")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))  # a window: tqdm draws its bar
    p = subprocess.Popen([sys.executable, "-c", start], env=dict(os.environ, HEALTHREPORTS_ROOT=str(proj)),
                         stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    out = b""

    def read(timeout: float) -> bool:
        nonlocal out
        if select.select([master], [], [], timeout)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end is closed: the batch has ended
                return False
            out += chunk
            return bool(chunk)
        return p.poll() is None

    def keys():
        return [k for k in batch.glob("*.key") if not k.name.startswith("sources-")] if batch.exists() else []

    deadline = time.time() + 180
    while len(keys()) < 2 and time.time() < deadline and read(0.05):
        pass
    seen = len(out)
    os.write(master, b"\x03")  # ^C
    while b"^C" not in out[seen:] and read(0.05):  # the terminal echoes ^C as it sends SIGINT
        pass
    after = datetime.now(timezone.utc)  # SIGINT has been sent by now
    while read(1.0):
        pass
    p.wait(timeout=120)
    os.close(master)
    text = out.decode("utf-8", "replace")
    assert p.returncode == 130, text[-3000:]
    assert "Traceback" not in text and "briefs:" in text, text[-3000:]  # tqdm drew its bar on the terminal
    said = re.search(r"interrupted: (\d+) of 12 briefs rendered", text)
    assert said, text[-3000:]

    paths = Paths(proj)
    tasks = briefs.targets(paths, reports=load_reports(paths))
    code_key = briefs._code_key(paths)
    for t in tasks:  # the key the batch gives each brief (its input file, the code, the title)
        blob = brief_inputs.path_for(paths, t.report_id).read_bytes()
        t.key = briefs.hashlib_sha(hashlib.sha256(blob).hexdigest() + code_key + t.title)
    valid = [t for t in tasks if briefs._fresh(paths, t)]
    assert 2 <= len(valid) < 12 and int(said.group(1)) == len(valid), text[-3000:]
    assert len(list(paths.briefs.glob("*.html"))) == len(valid)  # every page on disk has its key
    started = {}
    for nb in (paths.executed / "briefs").glob("*.ipynb"):  # papermill stamps when it started each brief
        started[nb.stem] = datetime.fromisoformat(json.loads(nb.read_text())["metadata"]["papermill"]["start_time"])
    # papermill stamps a brief some tens of milliseconds after its worker checked for Ctrl-C: half a second of grace
    late = {slug: (t - after).total_seconds() for slug, t in started.items() if (t - after).total_seconds() > 0.5}
    assert not late, f"briefs started after ^C: {late}"
    assert not (batch / "stop").exists()


def test_the_batch_runs_on_a_real_local_dask_cluster_of_two_workers(shipped_run, tmp_path):
    """--executor dask: the same batch, progress, failure report and atomic writes, on dask.distributed."""
    import shutil

    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed (pip install -e '.[cluster]')")
    from helpers.core.paths import Paths

    src, code, _ = shipped_run
    proj = tmp_path / "p"
    for sub in ("notebooks", "data", "outputs"):
        shutil.copytree(src / sub, proj / sub)
    shutil.copy(src / "pyproject.toml", proj / "pyproject.toml")
    (proj / "outputs" / "briefs" / "bad.tmp").write_text("x")  # unrelated file: left alone
    logs = []
    old = os.environ.get("HEALTHREPORTS_ROOT")
    os.environ["HEALTHREPORTS_ROOT"] = str(proj)
    try:
        rc = briefs.run_batch(Paths(proj), workers=2, executor="dask", force=True, progress=False, log=logs.append)
    finally:
        os.environ.pop("HEALTHREPORTS_ROOT") if old is None else os.environ.__setitem__("HEALTHREPORTS_ROOT", old)
    said = "\n".join(logs)
    assert rc == 0, said
    assert "dask scheduler" in said and "with 2 worker(s) (dask)" in said and "12 rendered" in said
    assert len(list((proj / "outputs" / "briefs").glob("*.html"))) == 12
    assert not list((proj / "outputs" / "briefs").glob(".*.tmp"))  # atomic writes left no partial file
