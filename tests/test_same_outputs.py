"""scripts/same_outputs.py: the file-by-file comparison that proves a refactor leaves the outputs alone."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("same_outputs", ROOT / "scripts" / "same_outputs.py")
same_outputs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(same_outputs)


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_identical_trees_give_no_line(tmp_path):
    files = {"clean/0-raw/figures.csv": "a,b\n1,2\n", "run/outputs/briefs/x.html": "<p>x</p>\n"}
    assert same_outputs.compare_trees(_tree(tmp_path / "a", files), _tree(tmp_path / "b", files)) == []


def test_a_changed_missing_or_new_file_is_named_with_its_first_difference(tmp_path):
    a = _tree(tmp_path / "a", {"clean/0-raw/figures.csv": "id,value\nf1,12\n", "run/outputs/index.html": "i\n"})
    b = _tree(tmp_path / "b", {"clean/0-raw/figures.csv": "id,value\nf1,13\n", "run/outputs/new.html": "n\n"})
    lines = same_outputs.compare_trees(a, b)
    assert lines == ["differs: clean/0-raw/figures.csv | -f1,12 / +f1,13", "only in base: run/outputs/index.html",
                     "only in head: run/outputs/new.html"]


def test_timings_paths_and_copied_inputs_are_not_compared(tmp_path):
    a = _tree(tmp_path / "a", {"run/outputs/executed/10.ipynb": "took 1 s", "run/outputs/.batch/x.key": "1",
                               "run/notebooks/10.ipynb": "old", "run/data/raw/r.txt": "x", "clean-raw.log": "a"})
    b = _tree(tmp_path / "b", {"run/outputs/executed/10.ipynb": "took 2 s", "run/outputs/.batch/x.key": "2",
                               "run/notebooks/10.ipynb": "new", "run/data/raw/r.txt": "y", "clean-raw.log": "b"})
    assert same_outputs.compare_trees(a, b) == []


def test_a_page_that_differs_only_in_its_embedded_font_says_so(tmp_path):
    face = '<style>@font-face{font-family:"x";src:url(data:font/%s;base64,%s) format("%s");}</style><p>%s</p>\n'
    a = _tree(tmp_path / "a", {"run/outputs/briefs/b.html": face % ("otf", "T1RUTw==", "opentype", "人均预期寿命"),
                               "run/outputs/index.html": face % ("otf", "T1RUTw==", "opentype", "旧")})
    b = _tree(tmp_path / "b", {"run/outputs/briefs/b.html": face % ("ttf", "AAEAAA==", "truetype", "人均预期寿命"),
                               "run/outputs/index.html": face % ("ttf", "AAEAAA==", "truetype", "新")})
    lines = same_outputs.compare_trees(a, b)
    assert lines[0] == "differs in its embedded font only: run/outputs/briefs/b.html"
    # text that differs too is a difference of its own, with its first differing line
    assert lines[1].startswith("differs: run/outputs/index.html | ")
