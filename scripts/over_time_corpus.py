"""A made-up corpus of one place over several years, and the suite run on it (``make demo-over-time``).

    python scripts/over_time_corpus.py [DIR] [--workers W] [--no-run]

Writes made-up reports (not real ones: every figure is invented) into ``DIR/data/raw`` — by default a fresh
folder under the system's temporary directory, never the project's ``data/raw/`` — with a copy of the notebooks,
then runs the main job there (``helpers.cli run`` with ``HEALTHREPORTS_ROOT=DIR``): ``DIR/data/clean/series.csv``,
``trends.csv``, the restatement findings of ``quality.csv``, and briefs with their "Over time" section.

The corpus (:data:`EXPECTED` says what each place should give):

* 六安市金安区 (Anhui): annual summaries 2018–2022 (five years: a Mann–Kendall trend), a half-year report of 2022
  whose visits exceed the year's, and a plan for 2023 (joins no series). The 2022 summary restates 2021's record
  coverage as 85.6% where the 2021 summary said 85.1%, and states a change of the signing rate that does not fit
  the two years' levels;
* 南京市江宁区 (Jiangsu): annual summaries 2021–2023 (three or four years: every step decides), one change that
  fits, and a 2020 value only the 2021 summary gives (restated);
* a county that names no place (XX县) and a 金安区 report whose year is masked (20XX): no series.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEAD = "{city}{county}{year}年{part}卫生健康工作总结\n\n{year}年{part}，{county}卫生健康工作在{side}委、{side}政府的领导下，取得了新的成效。现将{what}工作总结如下。\n"


def summary(city: str, county: str, year: str, lines: list[str], part: str = "") -> str:
    side = county[-1]
    text = HEAD.format(city=city, county=county, year=year, part=part, side=side,
                       what="上半年" if part else "全年")
    return text + "".join(f"{['一', '二', '三', '四', '五'][k]}、工作进展\n{line}\n" for k, line in enumerate(lines))


def _jinan(year: int, records: str, signing: str, visits: str, extra: str = "") -> str:
    return summary("六安市", "金安区", str(year), [
        f"全区居民健康档案建档率达到{records}。{extra}",
        f"家庭医生签约率为{signing}。全年门急诊人次达到{visits}。"])


FILES = {
    "jinan_2018.txt": _jinan(2018, "80.2%", "35.0%", "100万人次"),
    "jinan_2019.txt": _jinan(2019, "82.5%", "36.4%", "110万人次"),
    "jinan_2020.txt": _jinan(2020, "83.9%", "38.1%", "105万人次"),
    "jinan_2021.txt": _jinan(2021, "85.1%", "40.5%", "120万人次"),
    "jinan_2022.txt": summary("六安市", "金安区", "2022", [
        "全区居民健康档案建档率达到87.5%，比上年的85.6%提高了1.9个百分点。",
        "家庭医生签约率为42.0%，比上年提高1.8个百分点。全年门急诊人次达到130万人次。"]),
    "jinan_2022_h1.txt": summary("六安市", "金安区", "2022", [
        "全区居民健康档案建档率达到86.0%。上半年门急诊人次达到140万人次。"], part="上半年"),
    "jinan_2023_plan.txt": ("六安市金安区2023年卫生健康工作计划\n\n2023年，金安区将进一步推进卫生健康工作。\n"
                            "一、主要目标\n力争全区居民健康档案建档率达到90%，家庭医生签约率达到45%。\n"),
    "jinan_masked.txt": _jinan(2020, "60.0%", "20.0%", "50万人次").replace("2020", "20XX"),
    "jiangning_2021.txt": summary("南京市", "江宁区", "2021", [
        "全区住院分娩率达到99.1%，孕产妇系统管理率为90.3%，比上年的89.0%提高了1.3个百分点。", "婴儿死亡率为4.5‰。"]),
    "jiangning_2022.txt": summary("南京市", "江宁区", "2022", [
        "全区住院分娩率达到99.4%，孕产妇系统管理率为91.5%。", "婴儿死亡率为4.1‰。"]),
    "jiangning_2023.txt": summary("南京市", "江宁区", "2023", [
        "全区住院分娩率达到99.8%，比上年提高0.4个百分点。孕产妇系统管理率为91.0%。", "婴儿死亡率为3.6‰。"]),
    "nowhere_2022.txt": ("XX县2022年卫生健康工作总结\n\n2022年，全县卫生健康工作取得了新的成效。现将全年工作总结如下。\n"
                         "一、基本公共卫生服务\n全县居民健康档案建档率达到70.0%，家庭医生签约率为30.0%。\n"),
}

#: What the corpus is built to give: series points (county, indicator, year, period) -> (value, restated), trends
#: (county, indicator) -> (direction, method, verdict), restatement findings (report, check, severity, indicator).
EXPECTED = {
    "points": {
        ("金安区", "health_records_rate", "2018", "annual"): (80.2, False),
        ("金安区", "health_records_rate", "2021", "annual"): (85.1, False),
        ("金安区", "health_records_rate", "2022", "annual"): (87.5, False),
        ("金安区", "health_records_rate", "2022", "H1"): (86.0, False),
        ("金安区", "family_doctor_signing_rate", "2021", "annual"): (40.5, False),
        ("金安区", "outpatient_visits", "2022", "H1"): (1400000.0, False),
        ("江宁区", "hospital_delivery_rate", "2023", "annual"): (99.8, False),
        ("江宁区", "infant_mortality_rate", "2021", "annual"): (4.5, False),
        ("江宁区", "maternal_mgmt_rate", "2020", "annual"): (89.0, True),  # only the 2021 summary gives it
    },
    "n_points": 27,
    "trends": {
        ("金安区", "health_records_rate"): ("increasing", "mann_kendall", "better"),
        ("金安区", "family_doctor_signing_rate"): ("increasing", "mann_kendall", "better"),
        ("金安区", "outpatient_visits"): ("no clear change", "mann_kendall", ""),
        ("江宁区", "hospital_delivery_rate"): ("increasing", "every_step", "better"),
        ("江宁区", "infant_mortality_rate"): ("decreasing", "every_step", "better"),
        ("江宁区", "maternal_mgmt_rate"): ("no clear change", "every_step", "no change"),
    },
    "findings": {
        ("jinan_2022.txt#1", "restatement", "warning", "health_records_rate"),
        ("jinan_2022.txt#1", "change_vs_levels", "warning", "family_doctor_signing_rate"),
        ("jinan_2022.txt#1", "period_above_annual", "warning", "outpatient_visits"),
        ("jiangning_2023.txt#1", "change_vs_levels", "note", "hospital_delivery_rate"),
    },
}


def write_corpus(raw: Path) -> list[Path]:
    """The made-up reports into ``raw`` (created); refuses the project's own data/raw/."""
    raw = Path(raw).resolve()
    if raw == (ROOT / "data" / "raw").resolve():
        raise SystemExit("the made-up corpus never goes into the project's data/raw/: give a scratch folder")
    raw.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in FILES.items():
        (raw / name).write_text(text, encoding="utf-8")
        out.append(raw / name)
    return out


def make_root(root: Path) -> Path:
    """A scratch project root: the notebooks, pyproject.toml and the corpus in data/raw/."""
    root = Path(root).resolve()
    if root == ROOT.resolve():
        raise SystemExit("give a scratch folder, not the project itself")
    for d in ("data/clean", "outputs"):
        (root / d).mkdir(parents=True, exist_ok=True)
    if (root / "notebooks").exists():
        shutil.rmtree(root / "notebooks")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    write_corpus(root / "data" / "raw")
    return root


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default=None, help="scratch root (default: a new temporary folder)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--no-run", action="store_true", help="only write the corpus")
    a = ap.parse_args(argv)
    root = make_root(Path(a.dir) if a.dir else Path(tempfile.mkdtemp(prefix="over-time-demo-")))
    print(f"[demo] made-up corpus of {len(FILES)} reports in {root / 'data' / 'raw'}")
    if a.no_run:
        return 0
    env = dict(os.environ, HEALTHREPORTS_ROOT=str(root))
    cmd = [sys.executable, "-m", "helpers.cli", "run"] + (["--workers", str(a.workers)] if a.workers else [])
    code = subprocess.call(cmd, env=env)
    print(f"[demo] series: {root / 'data/clean/series.csv'}; trends: {root / 'data/clean/trends.csv'}; "
          f"index: {root / 'outputs/index.html'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
