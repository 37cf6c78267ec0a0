"""The package's folders are the pipeline's stages, and a stage imports only the stages before it.

core ← ingest ← clean ← compare ← publish; ``cli`` and ``pipeline`` at the top run them. A stage that
reached forward (clean importing publish, say) would hide the order the folders show."""
import ast
from pathlib import Path

import pytest

import helpers

PACKAGE = Path(helpers.__file__).parent
ORDER = ["core", "ingest", "clean", "compare", "publish"]
MAX_LINES = 500


def _imports(path: Path) -> set[str]:
    """The helpers subpackages (or top modules) a module imports, relative or absolute, anywhere in it."""
    here = path.relative_to(PACKAGE).parts[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[:len(here) - node.level + 1])
                parts = base + (node.module.split(".") if node.module else [])
                if not parts:  # from .. import compare
                    parts = [a.name for a in node.names]
                out.add(parts[0])
            elif node.module and node.module.startswith("helpers."):
                out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("helpers.")}
    return out


@pytest.mark.parametrize("stage", ORDER)
def test_a_stage_imports_only_the_stages_before_it(stage):
    allowed = set(ORDER[:ORDER.index(stage) + 1])
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        reached = _imports(path) - allowed
        assert not reached, f"{path.relative_to(PACKAGE)} imports {sorted(reached)}: a later stage or the top"


def test_every_module_is_in_a_stage_and_short():
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top == {"__init__.py", "cli.py", "pipeline.py"}, top
    for path in PACKAGE.rglob("*.py"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= MAX_LINES, f"{path.relative_to(PACKAGE)}: {n} lines (split it by what it does)"


def test_each_stage_says_what_it_takes_gives_and_writes():
    for stage in ORDER:
        doc = (ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))) or "")
        assert doc and "Takes" in doc and ("Writes" in doc or "writes" in doc), stage


def test_short_names_for_notebooks_resolve():
    from helpers import brief_inputs, brief_view, catalog, cleaning, compare, explore, plots, quality, tables

    assert compare.levels and explore.load and plots.save and cleaning.clean_folder and catalog.indicators
    assert brief_inputs.load and brief_view.at_a_glance and quality.summary and tables.load_reports
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        helpers.nothing  # noqa: B018
