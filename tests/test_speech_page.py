"""The 讲话原文 page holds the whole speech verbatim, with every anchor as a unique id."""

from __future__ import annotations

from bs4 import BeautifulSoup

from quizgen.source import Speech


def speech_page(html_site) -> BeautifulSoup:
    return BeautifulSoup((html_site / "reference" / "speech.html").read_text(encoding="utf-8"), "html.parser")


def test_every_line_of_the_speech_appears_verbatim(html_site, speech: Speech):
    page = speech_page(html_site)
    texts = [p.get_text() for p in page.select("p.speech-text")]
    assert texts == [line for line in speech.text.splitlines() if line.strip()]


def test_every_anchor_is_an_id_exactly_once(html_site, speech: Speech):
    page = speech_page(html_site)
    for anchor in speech.passages:
        assert len(page.find_all(id=anchor)) == 1, anchor
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_items_wrap_exactly_their_text(html_site, speech: Speech):
    page = speech_page(html_site)
    for passage in speech.passages.values():
        if passage.kind in ("item", "subitem"):
            assert page.find(id=passage.anchor).get_text() == passage.text


def test_editorial_notes_are_outside_the_text(html_site, speech: Speech):
    page = speech_page(html_site)
    part3 = page.find(id="part3")
    notes = part3.select(".speech-note")
    assert notes and "三、" in notes[0].get_text()
    assert "〔" not in "".join(p.get_text() for p in page.select("p.speech-text"))
    garbled = page.find(id="part3-s3").select(".speech-note")
    assert len(garbled) >= 3
    assert page.find(id="part2-s2").select(".speech-note")  # X% is marked as anonymized


def test_excerpts_link_to_their_anchor(html_site):
    lesson = BeautifulSoup((html_site / "modules" / "m3" / "l3.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in lesson.select(".speech-excerpt a")]
    assert links and all(href.startswith("../../reference/speech.html#") for href in links)
