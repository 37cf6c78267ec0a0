"""The notebook runner's import-time workaround: papermill and nbconvert load without rfc3987_syntax
(0.7 s of every process), and notebook validation still works."""
import subprocess
import sys


def test_papermill_loads_without_the_slow_iri_checker_and_validation_still_works(root):
    src = "\n".join([
        "import sys",
        "import helpers.notebook_runner, papermill, nbconvert, nbformat",
        f"nb = nbformat.read({str(root / 'notebooks' / '30_district_brief.ipynb')!r}, as_version=4)",
        "nbformat.validate(nb)",
        "bad = nbformat.v4.new_notebook(); bad.cells.append({'cell_type': 'code'})",
        "try:\n    nbformat.validate(bad)\nexcept nbformat.ValidationError:\n    print('invalid caught')",
        "print(sys.modules.get('rfc3987_syntax'))",
    ])
    out = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["invalid caught", "None"]
