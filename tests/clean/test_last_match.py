import re

from helpers.clean.last_match import last_match

CUE = re.compile(r"分别|依次")


def test_the_last_of_several_matches_is_the_one_nearest_the_end():
    m = last_match(CUE, "甲乙分别为1和2，丙丁依次为3和4")
    assert m is not None and m.group() == "依次" and m.start() == 11


def test_no_match_is_none():
    assert last_match(CUE, "建档率为91%") is None


def test_the_window_bounds_the_search():
    text = "分别为1和2，依次为3和4"
    assert last_match(CUE, text, 0, 6).group() == "分别"
    assert last_match(CUE, text, 3).group() == "依次"
    assert last_match(CUE, text, 3, 7) is None
