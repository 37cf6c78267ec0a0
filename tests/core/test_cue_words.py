"""Named word lists (rules/cue_words.csv): written once, used by every rule table and by the extractor."""
import re

import pytest

from helpers.core import catalog


@pytest.fixture
def words_table(tmp_path, monkeypatch):
    """Point the rule tables at a folder of our own, holding only a cue_words.csv we write."""
    def write(text: str):
        (tmp_path / "cue_words.csv").write_text("name,words,comment\n" + text, encoding="utf-8")
        catalog.cue_words.cache_clear()
    monkeypatch.setattr(catalog, "HERE", tmp_path)
    yield write
    monkeypatch.undo()
    catalog.cue_words.cache_clear()


def test_rows_of_one_name_are_alternatives_in_order_and_lists_nest(words_table):
    words_table("up,增长|提高,rise words\nup,多,more rise words\nchange,{up}|下降,a change\n")
    assert catalog.cue_words()["up"] == "增长|提高|多"
    rx = catalog.rule_rx("test", r"{change}了?(\d+)%")
    assert rx.search("同比下降了3%").group(1) == "3" and rx.search("提高12%").group(1) == "12"


def test_a_quantifier_is_not_a_word_list(words_table):
    words_table("digit,\\d,a digit\n")
    assert catalog.rule_rx("test", r"{digit}{2}年").fullmatch("12年")
    assert catalog.rule_rx("test", r"[\u4e00-\u9fff]{0,6}院").fullmatch("妇幼保健院")


def test_an_unknown_list_names_the_rule_that_uses_it(words_table):
    words_table("up,增长,rise words\n")
    with pytest.raises(ValueError, match=r"role_rules.csv line 7: unknown word list \{down\}"):
        catalog.rule_rx("role_rules.csv line 7", "{down}")


def test_a_list_that_uses_itself_names_its_line(words_table):
    words_table("a,x|{b},one\nb,{a},two\n")
    with pytest.raises(ValueError, match=r"cue_words.csv line 2: \{a\} uses itself \(a -> b -> a\)"):
        catalog.cue_words()


def test_a_bad_pattern_and_a_missing_comment_name_their_line(words_table):
    words_table("a,(unclosed,broken\n")
    with pytest.raises(ValueError, match="cue_words.csv line 2: bad regular expression for a"):
        catalog.cue_words()
    words_table("a,x,\n")
    with pytest.raises(ValueError, match="cue_words.csv line 2: every rule needs a comment"):
        catalog.cue_words()


def test_every_shipped_list_compiles_and_is_used():
    """Each list of the shipped table is used by a rule table, another list or the code: no dead words."""
    words = catalog.cue_words()
    for name, pattern in words.items():
        re.compile(pattern)
    text = "\n".join(p.read_text(encoding="utf-8") for p in catalog.HERE.glob("*.csv"))
    code = "\n".join(p.read_text(encoding="utf-8") for p in (catalog.HERE.parent).rglob("*.py"))
    unused = [n for n in words if f"{{{n}}}" not in text + code]
    assert not unused, unused
