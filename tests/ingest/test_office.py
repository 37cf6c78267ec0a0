"""Word 97 .doc and WPS .wps (issue 22): converted by LibreOffice headless when it is installed, else listed with the
command that installs it (one line, no traceback). The .doc is made by LibreOffice from a made-up page."""
from pathlib import Path

import pytest

import made_files
from helpers.clean import steps as cleaning
from helpers.core import tables
from helpers.core.errors import InputFileError
from helpers.core.paths import Paths
from helpers.ingest import manifest, office, textio

FIX = Path(__file__).resolve().parents[1] / "fixtures"
REPORT = (FIX / "utf8.txt").read_text(encoding="utf-8")
TABLE = made_files.DOC_TABLE
needs_soffice = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed (apt-get install "
                                                                     "libreoffice-writer-nogui)")


@pytest.fixture(scope="module")
def doc_bytes(tmp_path_factory) -> bytes:
    if office.soffice() is None:
        pytest.skip("LibreOffice not installed")
    data = made_files.doc_bytes(tmp_path_factory.mktemp("doc"))
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    return data


@needs_soffice
def test_doc_and_wps_give_the_figures_of_the_docx(tmp_path, doc_bytes):
    proj = tmp_path / "proj"
    raw = proj / "data" / "raw"
    raw.mkdir(parents=True)
    (proj / "data" / "clean").mkdir()
    (proj / "outputs").mkdir()
    (raw / "report.txt").write_text(REPORT + "".join(f"{a}\t{b}\n" for a, b in TABLE), encoding="utf-8")
    (raw / "report.doc").write_bytes(doc_bytes)
    (raw / "report.wps").write_bytes(doc_bytes)  # Kingsoft WPS writes the Word 97 binary format under .wps
    paths = Paths(proj)
    manifest.update(paths.raw, paths.manifest)
    reps = cleaning.build_reports(paths).table.set_index("source_file")
    assert reps.loc["report.doc", "container"] == "doc" and reps.loc["report.wps", "container"] == "wps"
    assert reps["in_scope"].all()
    cleaning.build_figures(paths)
    figs = tables.load_figures(paths)

    def key(name):
        f = figs[figs["source_file"] == name]
        return sorted(zip(f["indicator"], f["raw"], f["role"]))

    assert key("report.doc") == key("report.txt") == key("report.wps") and len(key("report.doc")) >= 10
    assert "门急诊人次(人次)\t52310\n" in textio.load_text(raw / "report.doc")  # a Word table row: cells by tabs


def test_without_libreoffice_a_doc_is_listed_with_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    (tmp_path / "old.doc").write_bytes((FIX / "old.doc").read_bytes())
    with pytest.raises(InputFileError) as e:
        textio.load_raw(tmp_path / "old.doc")
    msg = str(e.value)
    assert msg.startswith("old.doc: is a Word 97-2003 (.doc) file") and "apt-get install libreoffice-writer-nogui" in msg
    assert "\n" not in msg
