"""Are the outputs of two versions of the code identical? The check behind a refactor ("no behaviour change").

    python scripts/same_outputs.py [--base REF] [--head REF] [--raw DIR ...] [--no-briefs] [--keep DIR]

For each version (``--base``, default ``origin/main`` or ``main``; ``--head``, default the working tree) the script
takes that version's code (``git archive``; the working tree as it is), and with the same Python:

- cleans the shipped ``data/raw/`` and every extra ``--raw`` folder (for instance the development texts, kept
  outside the repository) with ``healthreports clean RAW --out …``;
- runs the main job (``healthreports run``: cleaning, analysis, briefs, source views, index) in a scratch root
  with the shipped raw files, unless ``--no-briefs``.

It then compares, file by file, the clean tables and every text output (briefs, source views, index, tables,
figures) and prints one line per differing file with its first differing line (a page that differs only in the
glyph subset it embeds is said to: its text and markup are the same). Files that hold run times or
absolute paths (executed notebooks, batch keys, screenshots, pickled brief inputs) are not compared.
Exit code 0 when everything is identical, 1 otherwise. It writes nothing into the repository.
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Outputs that carry timings, absolute paths or browser rendering, not the suite's results.
NOT_COMPARED = ("executed", ".batch", "screenshots", "brief_inputs")
# Inputs copied into the scratch root of the main job (the code's own notebooks and settings, the raw files).
INPUTS = (("run", "notebooks"), ("run", "pyproject.toml"), ("run", "data", "raw"))


def code_of(ref: str | None, into: Path) -> Path:
    """A tree with the code of ``ref`` (None: the working tree as it is) in ``into``; returns its root."""
    if ref is None:
        return ROOT
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], check=True,
                          capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


def _run(tree: Path, args: list[str], log: Path, root: Path | None = None) -> int:
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    env.pop("HEALTHREPORTS_ROOT", None)
    if root is not None:
        env["HEALTHREPORTS_ROOT"] = str(root)
    with log.open("w") as out:
        return subprocess.run([sys.executable, "-m", "helpers.cli", *args], env=env, stdout=out,
                              stderr=subprocess.STDOUT, cwd=root or tree).returncode


def outputs_of(tree: Path, raws: list[Path], work: Path, briefs: bool) -> Path:
    """Run one version of the code; its outputs go to ``work`` (one folder per raw folder, and ``run/``)."""
    work.mkdir(parents=True, exist_ok=True)
    for i, raw in enumerate(raws):
        name = f"{i}-{raw.name}"
        code = _run(tree, ["clean", str(raw), "--out", str(work / "clean" / name)], work / f"clean-{name}.log")
        print(f"  clean {raw.name}: exit {code}")
    if briefs:
        root = work / "run"
        shutil.copytree(tree / "notebooks", root / "notebooks")
        shutil.copy(tree / "pyproject.toml", root / "pyproject.toml")
        shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
        (root / "data" / "clean").mkdir(parents=True)
        (root / "outputs").mkdir()
        code = _run(tree, ["run"], work / "run.log", root=root)
        print(f"  run: exit {code}")
    return work


def _files(top: Path) -> dict[str, Path]:
    out = {}
    for p in sorted(top.rglob("*")):
        rel = p.relative_to(top)
        if (p.is_file() and not p.name.endswith(".log") and not any(part in NOT_COMPARED for part in rel.parts)
                and not any(rel.parts[:len(i)] == i for i in INPUTS)):
            out[str(rel)] = p
    return out


#: An embedded glyph subset (webfont.font_face): its bytes, MIME type and format name.
FONT_DATA = re.compile(rb'url\(data:font/[a-z0-9+.-]+;base64,[A-Za-z0-9+/=]*\) format\("[a-z-]+"\)')


def font_only(a: bytes, b: bytes) -> bool:
    """Do two pages differ only in the glyph subsets they embed (the same text and markup, the font re-encoded)?"""
    return a != b and FONT_DATA.sub(b"FONT", a) == FONT_DATA.sub(b"FONT", b)


def compare_trees(a: Path, b: Path) -> list[str]:
    """One line per file that differs, is missing on one side, or is new; empty when identical. A page whose text
    and markup are the same and only its embedded font differs says so (``font only``)."""
    fa, fb = _files(a), _files(b)
    lines = []
    for rel in sorted(set(fa) | set(fb)):
        if rel not in fb:
            lines.append(f"only in base: {rel}")
        elif rel not in fa:
            lines.append(f"only in head: {rel}")
        elif font_only(ba := fa[rel].read_bytes(), bb := fb[rel].read_bytes()):
            lines.append(f"differs in its embedded font only: {rel}")
        elif ba != bb:
            first = ""
            try:
                la = fa[rel].read_text(encoding="utf-8").splitlines()
                lb = fb[rel].read_text(encoding="utf-8").splitlines()
                diff = [d for d in difflib.unified_diff(la, lb, lineterm="", n=0) if d[:1] in "+-"
                        and not d.startswith(("+++", "---"))]
                first = " | " + " / ".join(d[:160] for d in diff[:2])
            except UnicodeDecodeError:
                first = " (binary)"
            lines.append(f"differs: {rel}{first}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default=None, help="git ref of the code before (default: origin/main, else main)")
    ap.add_argument("--head", default=None, help="git ref of the code after (default: the working tree)")
    ap.add_argument("--raw", type=Path, action="append", default=[], help="another folder of raw files to clean")
    ap.add_argument("--no-briefs", action="store_true", help="compare the clean tables only (no main job)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the scratch folder here")
    a = ap.parse_args(argv)
    base = a.base
    if base is None:
        known = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "-q", "origin/main"],
                               capture_output=True).returncode == 0
        base = "origin/main" if known else "main"
    for raw in a.raw:
        if not raw.is_dir():
            print(f"--raw {raw}: not a folder")
            return 2
    raws = [ROOT / "data" / "raw", *[r.resolve() for r in a.raw]]
    scratch = a.keep or Path(tempfile.mkdtemp(prefix="same-outputs-"))
    scratch.mkdir(parents=True, exist_ok=True)
    results = []
    for side, ref in (("base", base), ("head", a.head)):
        print(f"{side}: {ref or 'working tree'}")
        tree = code_of(ref, scratch / f"{side}-code")
        results.append(outputs_of(tree, raws, scratch / f"{side}-out", briefs=not a.no_briefs))
    diffs = compare_trees(*results)
    n = len(_files(results[0]))
    if diffs:
        print(f"{len(diffs)} of {n} files differ:")
        print("\n".join("  " + d for d in diffs))
    else:
        print(f"identical: {n} files (clean tables of {len(raws)} raw folder(s)"
              f"{'' if a.no_briefs else ', briefs, source views, index, tables, figures'})")
    if a.keep is None:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
