"""Worker processes for the batch (briefs, source views) and the analysis notebooks: a local process pool started
from a fork server, or a Dask distributed cluster; and how Ctrl-C stops them at once.

On Ctrl-C (:meth:`Executor.stop`) the queued work is cancelled and a *stop file* is written, which every task checks
before it starts (:func:`stopped`): a task the pool had already handed to a worker, but that had not begun, returns
at once. Only the tasks already running finish; the caller then counts what is on disk. A terminal's Ctrl-C also
reaches the local workers themselves (the whole foreground process group): each notes it and starts nothing more,
so no task starts in the moment before the batch has written the stop file.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

EXECUTORS = ("local", "dask")


def stop_file(root) -> Path:
    """The file that tells the workers of the project at ``root`` to start nothing more."""
    return Path(root) / "outputs" / ".batch" / "stop"


_interrupted = False  # in a local worker: Ctrl-C reached this process (see worker_sigint)


def stopped(root) -> bool:
    """Ctrl-C was pressed in the batch of the project at ``root``: a task that has not started does not start."""
    return _interrupted or stop_file(root).exists()


def mp_context():
    """Worker processes start from a fork server that has already imported papermill, nbconvert and the
    helpers (each spawned worker would import them again, ~1 s). Never a plain fork: the parent may hold
    ZeroMQ sockets of the notebooks it ran. Falls back to spawn where there is no fork server (Windows)."""
    try:
        ctx = mp.get_context("forkserver")
    except ValueError:  # pragma: no cover - platforms without fork
        return mp.get_context("spawn")
    ctx.set_forkserver_preload(["helpers.publish.briefs", "helpers.publish.notebook_runner", "papermill", "nbconvert"])
    return ctx


def ensure_forkserver() -> None:
    """Start the fork server now: it imports its preload while this process reads the tables."""
    from multiprocessing import forkserver

    if mp_context().get_start_method() == "forkserver":
        forkserver.ensure_running()


def _note_sigint(signum, frame) -> None:
    global _interrupted
    _interrupted = True


def worker_sigint() -> None:
    """Worker processes leave Ctrl-C to the batch, which stops cleanly and says so in one line: a worker's running
    task goes on to its end, but the worker notes the Ctrl-C and starts no task after it (:func:`stopped`). Without
    this, a worker that finished a task in the few milliseconds before the batch wrote the stop file took the next."""
    import signal

    signal.signal(signal.SIGINT, _note_sigint)


class Executor:
    """Runs picklable calls in worker processes and yields (item, result, error) as they finish:
    a local process pool (``local``), or a Dask distributed cluster (``dask``: a local cluster of
    ``workers`` processes by default, an existing one at ``scheduler``). ``root``: the project, whose stop file
    :meth:`stop` writes."""

    def __init__(self, kind: str, workers: int, scheduler: str | None, log, root=None):
        self.kind, self.workers, self.log, self.root = kind, workers, log, root
        self.pool = self.client = self.cluster = None
        self._futures: list = []
        if root is not None:
            stop_file(root).unlink(missing_ok=True)  # a stop file left by an earlier interrupted batch
        if kind == "dask":
            try:
                from dask.distributed import Client, LocalCluster
            except ImportError as e:
                raise SystemExit("--executor dask needs dask.distributed: pip install -e '.[cluster]'") from e
            if scheduler:
                self.client = Client(scheduler)
            else:
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
            log(f"[briefs] dask scheduler {self.client.scheduler.address} with "
                f"{len(self.client.scheduler_info()['workers'])} worker(s)")
        elif workers > 1:
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context(), initializer=worker_sigint)

    def start(self, fn, items: list):
        """Hand every item to the workers now and return an iterator of (item, result, error) as they finish: what
        the calling process does before reading it runs meanwhile. With one worker and no cluster, the items run in
        this process as the iterator is read."""
        if not items:
            return iter(())
        if self.client is not None:
            futs = self.client.map(fn, items, pure=False)
            self._futures = list(futs)
            return self._dask_results(futs, items)
        if self.pool is not None:
            futs = {self.pool.submit(fn, it): it for it in items}
            self._futures = list(futs)
            return self._pool_results(futs)
        return self._here(fn, items)

    def run(self, fn, items: list):
        """:meth:`start`, for a caller that reads the results at once."""
        return self.start(fn, items)

    @staticmethod
    def _dask_results(futs, items):
        from dask.distributed import as_completed as dask_completed

        owner = {f.key: it for f, it in zip(futs, items)}
        for fut in dask_completed(futs):
            try:
                yield owner[fut.key], fut.result(), None
            except Exception as e:  # the task raised, or its worker died
                yield owner[fut.key], None, e

    @staticmethod
    def _pool_results(futs):
        for fut in as_completed(futs):
            try:
                yield futs[fut], fut.result(), None
            except Exception as e:  # worker crashed
                yield futs[fut], None, e

    def _here(self, fn, items):
        for it in items:
            if self.root is not None and stopped(self.root):
                return
            try:
                yield it, fn(it), None
            except Exception as e:
                yield it, None, e

    def stop(self) -> None:
        """Ctrl-C: nothing more starts (queued work cancelled, the stop file written), the work already running
        finishes, then the workers are closed. The caller counts what is on disk."""
        if self.root is not None:
            p = stop_file(self.root)
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text("interrupted\n")
        for f in self._futures:
            if self.client is None:
                f.cancel()  # a future not yet handed to a worker
        if self.client is not None and self._futures:
            pending = [f for f in self._futures if f.status == "pending"]
            if pending:
                self.client.cancel(pending)
        try:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)  # the running tasks finish
                self.pool = None
            self.close()
        finally:
            if self.root is not None:
                stop_file(self.root).unlink(missing_ok=True)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.pool = self.client = self.cluster = None
