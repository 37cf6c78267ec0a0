import hashlib
import shutil

from helpers.ingest import manifest


def test_shipped_raw_files_match_their_checksums(root):
    rows = manifest.read_manifest(root / "data/raw/manifest.csv")
    files = {p.name for p in manifest.report_files(root / "data/raw")}
    assert {r["file"] for r in rows} == files and len(files) >= 5
    for r in rows:
        data = (root / "data/raw" / r["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == r["sha256"], f"{r['file']} was altered"
        assert len(data) == int(r["bytes"])


def test_changed_missing_and_new_files_are_reported(tmp_path, root):
    raw = tmp_path / "raw"
    shutil.copytree(root / "data/raw", raw)
    assert manifest.check(raw).clean
    (raw / "000_e597b995e815bf3e.txt").write_bytes(b"tampered")
    (raw / "001_5f89a4321b8daabd.txt").unlink()
    (raw / "new_report.txt").write_text("新报告", encoding="utf-8")
    res = manifest.update(raw)
    assert res.changed == ["000_e597b995e815bf3e.txt"]
    assert res.missing == ["001_5f89a4321b8daabd.txt"]
    assert res.new == ["new_report.txt"]
    assert not res.clean
    # the new file is recorded with its checksum; the changed one is not re-recorded
    rows = {r["file"]: r for r in manifest.read_manifest(raw / "manifest.csv")}
    assert rows["new_report.txt"]["sha256"] == hashlib.sha256("新报告".encode()).hexdigest()
    assert rows["000_e597b995e815bf3e.txt"]["sha256"] != hashlib.sha256(b"tampered").hexdigest()
    assert manifest.check(raw).new == []
