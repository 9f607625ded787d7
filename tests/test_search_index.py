"""The search index knows the course's own terms as whole words (jieba with docs/search-terms.txt)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from quizgen.site.search_index import dictionary_terms, terms_in

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def terms(html_site) -> dict:
    text = (html_site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[len("Search.setIndex(") : -1])["terms"]


@pytest.mark.parametrize("word", ["廉政谈话", "提醒谈话", "诫勉谈话", "职工驿站", "一岗双责", "工人先锋号", "八大群体"])
def test_course_terms_are_indexed_whole(terms, word):
    assert word in terms


def test_their_parts_are_indexed_too(terms):
    assert {"廉政", "谈话", "驿站"} <= set(terms)


def test_every_dictionary_line_is_word_frequency_tag(root):
    for line in (root / "docs" / "search-terms.txt").read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        assert word and freq.isdigit() and tag


# -- course terms are never split: the glossary's terms and the official lists' names and items ---------------------
GLOSSARY_TERM = re.compile(r"^(?!\s)(?![:#`])(\S.*)$")
PARTS = re.compile(r"[、“”‘’\s]+")


def course_terms(root) -> set[str]:
    """Each glossary term and each name and item of quizzes/enumerations.yaml, cut at 、 and quotes (the search
    cuts a query there too), parts of two characters or more."""
    names: list[str] = []
    glossary = (root / "docs" / "reference" / "glossary.md").read_text(encoding="utf-8")
    inside = glossary.split(":::{glossary}", 1)[1].split(":::", 1)[0]
    names += [m.group(1) for line in inside.splitlines() if (m := GLOSSARY_TERM.match(line))]
    for entry in yaml.safe_load((root / "quizzes" / "enumerations.yaml").read_text(encoding="utf-8")):
        names += [entry["term"], *entry.get("names", []), *entry.get("items", [])]
    return {part for name in names for part in PARTS.split(name) if len(part) >= 2}


def test_the_dictionary_holds_every_course_term(root):
    terms = course_terms(root)
    assert {"四风", "形式主义", "八大群体", "货车司机", "不忘初心", "两手都要硬", "廉政谈话"} <= terms
    assert terms - set(dictionary_terms(str(root / "docs" / "search-terms.txt"))) == set()


@pytest.mark.parametrize("word", ["八项规定", "四风", "工会经费", "形式主义", "货车司机"])
def test_a_term_inside_a_longer_word_is_indexed(word):
    """jieba makes one word of 中央八项规定精神; the index has 八项规定 for that text too."""
    terms = dictionary_terms(str(ROOT / "docs" / "search-terms.txt"))
    text = "巩固拓展中央八项规定精神成果，反对形式主义和“四风”，管好工会经费，关心货车司机等八大群体。"
    assert word in terms_in(text, terms)
    assert "廉政谈话" not in terms_in(text, terms)


def test_pages_that_say_八项规定_only_inside_a_longer_name_are_found(html_site):
    index = (html_site / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[len("Search.setIndex(") : -1])
    found = {data["docnames"][i] for key in ("terms", "titleterms") for i in as_list(data[key].get("八项规定", []))}
    assert {"reference/speech", "modules/m1/l1", "modules/m2/l2", "modules/m3/l3"} <= found


def as_list(value) -> list[int]:
    return value if isinstance(value, list) else [value]
