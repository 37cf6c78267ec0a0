"""Execute notebooks with papermill's Python API and export them to self-contained HTML.

One process drives everything (a cold CLI call costs ~0.5 s more per notebook), HTML is
exported in-process with nbconvert's exporter, without code cells and without any script
loaded from a CDN (template ``templates/offline``). Executed notebooks are written
atomically; a failing notebook is kept as papermill saved it, with the error cell marked.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core import atomic
from .webfont import embed_cjk_subset

TEMPLATES = Path(__file__).parent / "templates"

# nbformat (under papermill and nbconvert) imports jsonschema, whose format checkers import
# rfc3987_syntax at once if it is installed (jupyterlab's dependencies install it). That module
# compiles about 35 Earley parsers on import: 0.7 s of every process that runs or exports a
# notebook (upstream: python-jsonschema/jsonschema#1428). It only serves the "iri" formats, which
# no notebook schema uses and which nbformat does not check, so it is marked absent here, before
# papermill is imported; jsonschema then skips those two checkers. A process that has already
# imported it keeps it.
sys.modules.setdefault("rfc3987_syntax", None)


@dataclass
class RunResult:
    notebook: str
    output: str
    ok: bool
    error: str = ""
    html: str = ""
    seconds: float = 0.0


@contextlib.contextmanager
def kernel_stderr_to(path: Path):
    """Send the kernel's stderr (inherited file descriptor 2) to a log file while it runs.

    ipykernel writes transport warnings and shutdown noise there; the cell errors themselves are
    in the executed notebook. The log is kept beside the executed notebook.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


@lru_cache(maxsize=1)
def _kernel_manager_class():
    """A kernel manager on IPC sockets (POSIX): every kernel talks over files of its own, so kernels
    started at the same moment by several workers never race for a TCP port ("Address already in use",
    then a 60 s wait for a kernel that died on start). Falls back to TCP where there are no Unix sockets."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    if os.name != "posix":
        return AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc"

        @default("connection_file")
        def _connection_file_default(self):
            # short and unique: a Unix socket path must stay under ~100 characters
            return os.path.join(tempfile.gettempdir(), f"hr-kernel-{uuid.uuid4().hex[:16]}.json")

        @default("ip")
        def _ip_default(self):
            return os.path.splitext(self.connection_file)[0] + "-ipc"

    return IPCKernelManager


#: Errors of a kernel that did not start (not of a cell): the notebook is run once more.
KERNEL_START_ERRORS = ("Kernel didn't respond", "Kernel died before replying", "Address already in use")


_SHARED: dict = {}  # kernel name -> a kernel manager this process keeps for many notebooks


def shared_kernel(kernel_name: str = "python3"):
    """A kernel this process keeps and reuses (started on first use, started anew if it died). A batch
    worker runs many briefs in it: the kernel start and the imports (about 0.6 s a brief) are paid once,
    and the runner resets the namespace before each notebook (:data:`RESET_LINE`)."""
    import atexit

    from jupyter_core.utils import run_sync

    km = _SHARED.get(kernel_name)
    if km is not None and run_sync(km.is_alive)():
        return km
    km = _kernel_manager_class()(kernel_name=kernel_name)
    run_sync(km.start_kernel)()
    if not _SHARED:
        atexit.register(stop_shared_kernels)
    _SHARED[kernel_name] = km
    return km


def reset_namespace(shell) -> None:
    """``%reset -f`` in a shared kernel (runs there, before each notebook): the notebook starts from an empty
    namespace, without the two full garbage collections the magic makes (``gc.collect()`` in the magic and in
    the output cache's flush: with pandas loaded, 0.12 s of kernel CPU a brief, most of a short brief's kernel
    time). Python's own collector still runs as usual."""
    import gc

    collect = gc.collect
    gc.collect = lambda *args, **kwargs: 0
    try:
        shell.run_line_magic("reset", "-f")
    finally:
        gc.collect = collect


#: Run first in a shared kernel, before the notebook's own first cell (it binds no name).
RESET_LINE = ('__import__("helpers.publish.notebook_runner", fromlist=["reset_namespace"]).reset_namespace(get_ipython())'
              "  # a shared kernel: this notebook starts from an empty namespace")


@lru_cache(maxsize=1)
def _reuse_engine() -> str:
    """A papermill engine that runs a notebook in a kernel it does not own and closes the client's channels
    afterwards (nbclient closes them only for a kernel it started: one notebook after another on a shared
    kernel would leak five sockets each)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    class ReuseEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                     start_timeout=60, execution_timeout=None, **kwargs):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            client = PapermillNotebookClient(nb_man, **merge_kwargs(
                kwargs, timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name,
                log=logging.getLogger("papermill"), log_output=log_output, stdout_file=stdout_file,
                stderr_file=stderr_file))
            first = next((c for c in nb_man.nb.cells if c.cell_type == "code"), None)
            if first is not None:  # each notebook starts from an empty namespace; imported modules stay loaded
                first.source = f"{RESET_LINE}\n{first.source}"
            try:
                return client.execute()
            finally:
                if getattr(client, "kc", None) is not None:
                    client.kc.stop_channels()
                    client.kc = None

    papermill_engines.register("healthreports-shared-kernel", ReuseEngine)
    return "healthreports-shared-kernel"


def stop_shared_kernels() -> None:
    from jupyter_core.utils import run_sync

    for name, km in list(_SHARED.items()):
        with contextlib.suppress(Exception):
            run_sync(km.shutdown_kernel)(now=True)
        _SHARED.pop(name, None)


def execute(notebook: Path, output: Path, parameters: dict | None = None,
            kernel_name: str = "python3", timeout: int = 1800, reuse_kernel: bool = False) -> RunResult:
    """Run ``notebook`` into ``output``; returns a RunResult instead of raising on cell errors.

    The kernel is stopped at once when the last cell is done (``shutdown_kernel="immediate"``): it holds
    nothing to save, and a graceful shutdown only waits, polling, 0.1–0.3 s per notebook. A kernel that
    fails to start is started once more before the notebook counts as failed. With ``reuse_kernel`` the
    process's shared kernel runs it (:func:`shared_kernel`); a kernel that died or timed out is replaced
    before the next notebook, a cell error leaves it as it is."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    notebook, output = Path(notebook), Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=".ipynb", dir=output.parent)
    os.close(fd)
    ok, err = True, ""
    for attempt in (1, 2):
        ok, err = True, ""
        try:
            with kernel_stderr_to(output.with_suffix(".kernel.log")):
                # (a shared kernel started here keeps this log as its stderr, shutdown notices included)
                extra = {"km": shared_kernel(kernel_name), "engine_name": _reuse_engine()} if reuse_kernel else {
                    "shutdown_kernel": "immediate", "kernel_manager_class": _kernel_manager_class()}
                pm.execute_notebook(
                    str(notebook), tmp, parameters=parameters or {}, kernel_name=kernel_name,
                    progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                    execution_timeout=timeout, start_timeout=30, **extra,
                )
        except PapermillExecutionError as e:
            ok = False
            err = f"cell {e.exec_count}: {e.ename}: {e.evalue}"
        except Exception as e:  # kernel died, bad notebook JSON, ...
            ok = False
            err = f"{type(e).__name__}: {e}"
            if reuse_kernel:
                stop_shared_kernels()  # a dead or stuck kernel is not given the next notebook
            if attempt == 1 and any(k in str(e) for k in KERNEL_START_ERRORS):
                continue
        break
    if Path(tmp).exists() and Path(tmp).stat().st_size:
        os.replace(tmp, output)
    else:
        Path(tmp).unlink(missing_ok=True)
    return RunResult(notebook=str(notebook), output=str(output), ok=ok, error=err)


@lru_cache(maxsize=1)
def _exporter():
    """The HTML exporter, built once per process (its templates take ~0.4 s to load). It is nbconvert's, but its
    last step, a BeautifulSoup pass over the whole page (most of a brief's export time), is done by
    :func:`helpers.publish.page_html.like_nbconvert`, which gives the same string."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    from .page_html import like_nbconvert

    class Exporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node of nbconvert 7, up to its BeautifulSoup pass
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return like_nbconvert(html, self.log), resources

    ex = Exporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    ex.exclude_input = True
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    ex.embed_images = True
    return ex


def export_html(executed: Path, html_path: Path, title: str | None = None, links=None) -> Path:
    """Export an executed notebook to one self-contained HTML file, without code. ``links``: a function that
    rewrites the page's links for where it is written (:func:`helpers.publish.pages.for_analysis_page`)."""
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    if title:
        nb.metadata["title"] = title
    for cell in nb.cells:  # papermill gives its parameters cell a random id: a fixed one keeps the page reproducible
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": title or Path(executed).stem}})
    return atomic.write_text(html_path, embed_cjk_subset(links(body) if links else body))


def title_of(nb_path: Path) -> str:
    """The first Markdown heading of a notebook, for the HTML title."""
    import nbformat

    nb = nbformat.read(str(nb_path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return nb_path.stem


def run_page(job: tuple[str, str, str, str]) -> RunResult:
    """Execute one cleaning or analysis notebook in a kernel of its own and export its page (runs in a worker
    process): ``job`` = (notebook, executed notebook, HTML page, project root). Links written for ``notebooks/``
    are rewritten for ``outputs/analysis/``. After Ctrl-C (the batch's stop file) a notebook not started does not
    start."""
    import time

    from . import pages, pool

    notebook, executed, html, root = map(Path, job)
    if pool.stopped(root):
        return RunResult(str(notebook), str(executed), False, "not started: the run was interrupted")
    t = time.perf_counter()
    old = os.environ.get("HEALTHREPORTS_ROOT")
    os.environ["HEALTHREPORTS_ROOT"] = str(root)  # the kernel finds the project through it
    try:
        res = execute(notebook, executed)
        if res.ok:
            try:
                export_html(executed, html, title=title_of(notebook), links=pages.for_analysis_page)
                res.html = str(html)
            except Exception as e:  # an export failure is a failure of this notebook only
                res.ok, res.error = False, f"HTML export failed: {type(e).__name__}: {e}"
    finally:
        os.environ.pop("HEALTHREPORTS_ROOT") if old is None else os.environ.__setitem__("HEALTHREPORTS_ROOT", old)
    res.seconds = time.perf_counter() - t
    return res
