"""The notebook runner's import-time workaround: papermill and nbconvert load without rfc3987_syntax
(0.7 s of every process), and notebook validation still works."""
import os
import subprocess
import sys

import pytest


def test_papermill_loads_without_the_slow_iri_checker_and_validation_still_works(root):
    src = "\n".join([
        "import sys",
        "import helpers.publish.notebook_runner, papermill, nbconvert, nbformat",
        f"nb = nbformat.read({str(root / 'notebooks' / '30_district_brief.ipynb')!r}, as_version=4)",
        "nbformat.validate(nb)",
        "bad = nbformat.v4.new_notebook(); bad.cells.append({'cell_type': 'code'})",
        "try:\n    nbformat.validate(bad)\nexcept nbformat.ValidationError:\n    print('invalid caught')",
        "print(sys.modules.get('rfc3987_syntax'))",
    ])
    out = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["invalid caught", "None"]


def test_a_kernel_that_did_not_start_is_started_once_more(tmp_path, monkeypatch):
    import papermill as pm

    from helpers.publish import notebook_runner

    calls = []

    def fake(src, out, **kw):
        calls.append(kw["kernel_manager_class"])
        if len(calls) == 1:
            raise RuntimeError("Kernel didn't respond in 30 seconds")
        open(out, "w").write("{}")

    monkeypatch.setattr(pm, "execute_notebook", fake)
    res = notebook_runner.execute(tmp_path / "in.ipynb", tmp_path / "out.ipynb")
    assert res.ok and len(calls) == 2 and (tmp_path / "out.ipynb").read_text() == "{}"


def test_a_cell_error_is_not_retried(tmp_path, monkeypatch):
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from helpers.publish import notebook_runner

    calls = []

    def fake(src, out, **kw):
        calls.append(1)
        raise PapermillExecutionError(3, 2, "x = 1", "ValueError", "bad report id", [])

    monkeypatch.setattr(pm, "execute_notebook", fake)
    res = notebook_runner.execute(tmp_path / "in.ipynb", tmp_path / "out.ipynb")
    assert not res.ok and len(calls) == 1 and res.error == "cell 2: ValueError: bad report id"


@pytest.mark.slow
def test_kernels_talk_over_ipc_sockets_of_their_own(tmp_path):
    """Kernels started at once by two workers raced for TCP ports ("Address already in use")."""
    import json

    import nbformat

    from helpers.publish import notebook_runner

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from ipykernel.connect import get_connection_info\n"
                                          "print(get_connection_info())")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(tmp_path / "ipc.ipynb"))
    res = notebook_runner.execute(tmp_path / "ipc.ipynb", tmp_path / "out.ipynb")
    assert res.ok, res.error
    info = json.loads(nbformat.read(str(tmp_path / "out.ipynb"), 4).cells[0].outputs[0]["text"])
    if os.name == "posix":
        assert info["transport"] == "ipc" and not os.path.exists(f"{info['ip']}-{info['shell_port']}")


def test_a_worker_reuses_its_kernel_and_replaces_one_that_died(tmp_path):
    """reuse_kernel: two notebooks run in the same kernel process (imports paid once); a cell error leaves
    the kernel, a kernel that died is replaced for the next notebook."""
    import nbformat

    from helpers.publish import notebook_runner

    def nb(path, src):
        n = nbformat.v4.new_notebook()
        n.cells = [nbformat.v4.new_code_cell(s) for s in src]
        nbformat.write(n, str(path))
        return path

    pid = nb(tmp_path / "pid.ipynb", ["import os\nprint(os.getpid())", "leftover = 1"])
    fresh = nb(tmp_path / "fresh.ipynb", ["print('leftover' in globals())",
                                          "import gc\nprint(type(gc.collect).__name__, sorted(k for k in globals() if k[0] != '_'))"])
    bad = nb(tmp_path / "bad.ipynb", ["raise ValueError('boom')"])
    die = nb(tmp_path / "die.ipynb", ["import os\nos._exit(1)"])

    def kernel_pid(out):
        return nbformat.read(str(out), as_version=4).cells[0].outputs[0]["text"].strip()

    try:
        a = notebook_runner.execute(pid, tmp_path / "a.ipynb", reuse_kernel=True)
        assert not notebook_runner.execute(bad, tmp_path / "b.ipynb", reuse_kernel=True).ok
        c = notebook_runner.execute(pid, tmp_path / "c.ipynb", reuse_kernel=True)
        assert a.ok and c.ok and kernel_pid(tmp_path / "a.ipynb") == kernel_pid(tmp_path / "c.ipynb")
        assert notebook_runner.execute(fresh, tmp_path / "f.ipynb", reuse_kernel=True).ok
        assert kernel_pid(tmp_path / "f.ipynb") == "False"  # the namespace of the notebook before is gone
        after = nbformat.read(str(tmp_path / "f.ipynb"), as_version=4).cells[1].outputs[0]["text"]
        assert after.strip() == "builtin_function_or_method ['In', 'Out', 'exit', 'gc', 'get_ipython', 'open', 'quit']"
        assert not notebook_runner.execute(die, tmp_path / "d.ipynb", reuse_kernel=True).ok
        e = notebook_runner.execute(pid, tmp_path / "e.ipynb", reuse_kernel=True)
        assert e.ok and kernel_pid(tmp_path / "e.ipynb") != kernel_pid(tmp_path / "a.ipynb")
    finally:
        notebook_runner.stop_shared_kernels()
