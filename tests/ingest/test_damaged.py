"""Damaged text is read, not skipped (issue 22): damaged copies of the made-up and the shipped reports — a few
dozen flipped bytes, a download cut off mid-character, stray control bytes, a page whose second half is GBK
while the first is UTF-8 — each keep their report and at least half of their figures (pro rata for a cut one),
the bytes replaced are counted per file, and figures inside a damaged stretch are flagged."""
import random
from pathlib import Path

import pytest

import made_files
from helpers.core import tables
from helpers.core.errors import InputFileError
from helpers.ingest import decoding, textio

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures"
SOURCES = [FIX / "utf8.txt"] + sorted((ROOT / "data" / "raw").glob("*.txt"))


def flipped(data: bytes, rng: random.Random, n: int = 40) -> bytes:
    b = bytearray(data)
    for i in rng.sample(range(len(b)), n):
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def cut(data: bytes, rng: random.Random) -> bytes:
    """Cut off at about 60 %, inside a multi-byte character."""
    i = int(len(data) * 0.6)
    while data[i] & 0xC0 != 0x80:
        i += 1
    return data[:i]


def stray_controls(data: bytes, rng: random.Random, n: int = 12) -> bytes:
    text = data.decode("utf-8")
    pos = sorted(rng.sample(range(len(text)), n))
    out, last = [], 0
    for p in pos:
        out += [text[last:p], rng.choice("\x00\x07\x08\x1b\x0c\x01")]
        last = p
    return "".join(out + [text[last:]]).encode("utf-8")


def mixed(data: bytes, rng: random.Random) -> bytes:
    """The first half UTF-8, the rest GBK (as a page saved in two goes)."""
    text = data.decode("utf-8")
    half = text.index("\n", len(text) // 2) + 1
    return text[:half].encode("utf-8") + text[half:].encode("gb18030")


DAMAGES = {"flipped": flipped, "cut": cut, "controls": stray_controls, "mixed": mixed}


@pytest.fixture(scope="module")
def damaged_project(tmp_path_factory):
    rng = random.Random(22)
    files = {}
    for src in SOURCES:
        data = src.read_bytes()
        files[f"{src.stem}.orig.txt"] = data
        for kind, damage in DAMAGES.items():
            files[f"{src.stem}.{kind}.txt"] = damage(data, rng)
    return made_files.clean_folder(tmp_path_factory.mktemp("damaged"), files)


@pytest.mark.parametrize("kind", sorted(DAMAGES))
def test_every_damaged_copy_keeps_its_report_and_half_its_figures(damaged_project, kind):
    paths, result = damaged_project
    assert result.skipped == []
    reps = result.table
    figs = tables.load_figures(paths)
    for src in SOURCES:
        orig, copy = f"{src.stem}.orig.txt", f"{src.stem}.{kind}.txt"
        assert reps.loc[reps["source_file"] == copy, "in_scope"].any(), copy
        n0 = (figs["source_file"] == orig).sum()
        n = (figs["source_file"] == copy).sum()
        share = 0.6 if kind == "cut" else 1.0  # pro rata for a cut download
        assert n >= 0.5 * share * n0, (copy, n, n0)


def test_replaced_bytes_are_counted_per_file_named_in_quality_and_figures_flagged(damaged_project):
    paths, result = damaged_project
    reps = result.table
    per_file = reps.groupby("source_file")["bytes_replaced"].first()
    for src in SOURCES:
        assert per_file[f"{src.stem}.orig.txt"] == 0
        assert per_file[f"{src.stem}.mixed.txt"] == 0  # read part by part: nothing lost
        for kind in ("flipped", "cut", "controls"):
            assert per_file[f"{src.stem}.{kind}.txt"] > 0, (src.stem, kind)
    assert set(reps.loc[reps["source_file"].str.endswith(".mixed.txt"), "encoding"]) == {"utf-8+gb18030"}
    q = tables.load_optional(paths, "quality")
    dmg = q[q["check"] == "damaged_text"]
    assert set(dmg["report_id"].str.split("#").str[0]) >= {f"{s.stem}.flipped.txt" for s in SOURCES}
    assert all(r.report_id.split("#")[0] in r.message for r in dmg.itertuples())
    figs = tables.load_figures(paths)
    flagged = figs[figs["flags"].str.contains("damaged")]
    assert len(flagged) and not flagged["source_file"].str.endswith((".orig.txt", ".mixed.txt")).any()
    for source, g in flagged.groupby("source_file"):
        text = textio.load_text(paths.raw / source)
        assert all(decoding.REPLACEMENT in text[max(0, s - 13):e + 13] for s, e in zip(g["start"], g["end"]))
        assert all(text[s:e] == r for s, e, r in zip(g["start"], g["end"], g["raw"]))
    probs = tables.load_optional(paths, "input_problems")
    assert probs.loc[probs["severity"] == "error"].empty
    assert probs["problem"].str.startswith("damaged").sum() >= 3 * len(SOURCES)


def test_the_mixed_copy_reads_back_the_original_text():
    data = SOURCES[1].read_bytes()
    d = textio.decode_report(mixed(data, random.Random(1)))
    assert d.text == data.decode("utf-8") and d.replaced == 0 and d.encoding == "utf-8+gb18030"


def test_a_gbk_file_with_flipped_bytes_stays_gbk():
    text = (FIX / "utf8.txt").read_text(encoding="utf-8")
    d = textio.decode_report(flipped(text.encode("gb18030"), random.Random(3), 20))
    assert d.encoding.startswith("gb18030") and 0 < d.replaced <= 60
    assert sum(a == b for a, b in zip(d.text, text)) > 0.8 * len(text)


def test_only_mostly_undecodable_or_binary_files_are_skipped():
    rng = random.Random(5)
    noise = bytes(rng.randrange(128, 256) for _ in range(20000))
    with pytest.raises(InputFileError, match="mostly undecodable"):
        textio.decode_report(noise, "noise.txt")
    with pytest.raises(InputFileError, match="binary"):
        textio.decode_report(bytes(range(256)) * 40, "blob.txt")
    one_nul = (FIX / "utf8.txt").read_bytes().replace("。".encode(), "。\x00".encode(), 1)
    d = textio.decode_report(one_nul, "one_nul.txt")
    assert d.replaced == 1 and decoding.REPLACEMENT in d.text
    ff = (FIX / "utf8.txt").read_bytes().replace(b"\n", b"\n\x0c", 2)
    d = textio.decode_report(ff, "formfeed.txt")
    assert d.replaced == 0 and "\x0c" in d.text  # a form feed is layout, not damage
