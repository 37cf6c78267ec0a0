"""The layout, the environment files and the notebooks as committed."""
import json
import re
import tomllib

import pytest


def test_layout(root):
    for d in ("notebooks", "data/raw", "data/clean", "src/helpers", "outputs", "tests"):
        assert (root / d).is_dir(), d
    for f in ("environment.yml", "README.md", "pyproject.toml", "LICENSE", "Makefile", ".ci/run"):
        assert (root / f).is_file(), f


def _names(reqs):
    return {re.split(r"[<>=!~ \[;]", r.strip(), maxsplit=1)[0].lower() for r in reqs}


def test_environment_yml_names_the_pyproject_dependencies(root):
    py = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    wanted = _names(py["dependencies"]) | _names(py["optional-dependencies"]["dev"])
    env = (root / "environment.yml").read_text()
    pip_section = env.split("- pip:", 1)[1]
    pip_lines = [l.strip()[2:] for l in pip_section.splitlines() if l.strip().startswith("- ")]
    listed = _names(p for p in pip_lines if not p.startswith(("python", "-e")))
    assert wanted == listed, f"only in pyproject: {wanted - listed}; only in environment.yml: {listed - wanted}"
    gaz = py["optional-dependencies"]["gazetteer"][0]
    assert gaz in env, "environment.yml should say how to install the gazetteer data package"


def test_ci_calls_the_readme_test_command(root):
    readme = (root / "README.md").read_text()
    assert "make test" in readme.split("\n\n", 3)[1] or "make test" in readme[:1500]
    assert "make test" in (root / ".ci/run").read_text()


NOTEBOOKS = sorted((__import__("pathlib").Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_committed_without_outputs(nb):
    data = json.loads(nb.read_text(encoding="utf-8"))
    for cell in data["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{nb.name} has outputs"
            assert cell.get("execution_count") is None, f"{nb.name} has execution counts"


def test_notebook_names_show_order_and_job():
    names = [p.name for p in NOTEBOOKS]
    assert all(re.match(r"^\d\d_[a-z0-9_]+\.ipynb$", n) for n in names), names
    assert "30_district_brief.ipynb" in names


def test_brief_has_a_tagged_parameters_cell(root):
    nb = json.loads((root / "notebooks/30_district_brief.ipynb").read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and "report_id" in "".join(tagged[0]["source"])
