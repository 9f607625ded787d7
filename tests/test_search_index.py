"""The search index knows the course's own terms as whole words (jieba with docs/search-terms.txt)."""

from __future__ import annotations

import json

import pytest


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
