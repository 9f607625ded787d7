"""QTI 2.1 export: a content package whose items are well-formed XML with the right interactions and responses."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from export_samples import tricky_bank
from lxml import etree

from quizgen.export import qti
from quizgen.model import Question

NS = {"q": qti.QTI, "cp": qti.CP}


def package(questions: list[Question]) -> zipfile.ZipFile:
    rendered = qti.render(questions)
    assert not rendered.warnings
    return zipfile.ZipFile(io.BytesIO(rendered.data))


def items(questions: list[Question]) -> dict[str, etree._Element]:
    archive = package(questions)
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    hrefs = manifest.xpath("//cp:resource/@href", namespaces=NS)
    assert sorted(archive.namelist()) == sorted(["imsmanifest.xml", *hrefs])
    assert manifest.xpath("//cp:resource/@type", namespaces=NS) == ["imsqti_item_xmlv2p1"] * len(questions)
    parsed = {}
    for href in hrefs:
        root = etree.fromstring(archive.read(href))  # raises on malformed XML
        assert root.tag == f"{{{qti.QTI}}}assessmentItem"
        parsed[root.get("title")] = root
    assert sorted(parsed) == sorted(q.id for q in questions)
    return parsed


def text(element: etree._Element) -> str:
    return "".join(element.itertext())


def check_item(root: etree._Element, q: Question) -> None:
    body = root.find("q:itemBody", NS)
    correct = {
        d.get("identifier"): [v.text for v in d.findall("q:correctResponse/q:value", NS)]
        for d in root.findall("q:responseDeclaration", NS)
    }
    if q.type in ("single", "multiple", "truefalse"):
        interaction = body.find("q:choiceInteraction", NS)
        assert interaction is not None
        assert text(interaction.find("q:prompt", NS)) == q.stem
        choices = interaction.findall("q:simpleChoice", NS)
        if q.type == "truefalse":
            assert [c.get("identifier") for c in choices] == ["T", "F"]
            assert interaction.get("shuffle") == "false"
            assert correct == {"RESPONSE": ["T" if q.answer else "F"]}
        else:
            assert [c.get("identifier") for c in choices] == [o.key for o in q.options]
            assert [c.text for c in choices] == [o.text for o in q.options]
            assert correct == {"RESPONSE": q.correct_keys}
            assert interaction.get("maxChoices") == ("1" if q.type == "single" else "0")
            assert interaction.get("shuffle") == ("true" if q.shuffle else "false")
            declaration = root.find("q:responseDeclaration", NS)
            assert declaration.get("cardinality") == ("single" if q.type == "single" else "multiple")
    elif q.type == "fill":
        entries = body.findall(".//q:textEntryInteraction", NS)
        assert [e.get("responseIdentifier") for e in entries] == [f"RESPONSE_{i}" for i in range(1, len(q.blanks) + 1)]
        assert correct == {f"RESPONSE_{i}": [b[0]] for i, b in enumerate(q.blanks, 1)}
        for index, accepted in enumerate(q.blanks, 1):
            keys = root.xpath(
                f"q:responseDeclaration[@identifier='RESPONSE_{index}']//q:mapEntry/@mapKey", namespaces=NS
            )
            assert keys == list(dict.fromkeys(accepted))
        assert text(body.find("q:p", NS)) == "".join(q.stem.split("____"))  # the stem around the blanks
    else:
        assert body.find("q:extendedTextInteraction", NS) is not None
        assert str(q.answer).removeprefix("参考答案：") in text(body.find("q:rubricBlock", NS))
        assert correct == {"RESPONSE": []}
    feedback = root.find("q:modalFeedback", NS)
    assert q.explanation in feedback.text


def test_tricky_bank_items(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    parsed = items(questions)
    for q in questions:
        check_item(parsed[q.id], q)


def test_project_bank_items(project) -> None:
    parsed = items(project.questions)
    for q in project.questions:
        check_item(parsed[q.id], q)


@pytest.mark.parametrize(
    ("qid", "expected"),
    [("m1-l1-001", "m1-l1-001"), ("1abc", "Q1abc"), ("a b/c", "a_b_c"), ("题1", "_1")],
)
def test_identifiers_are_ncnames(qid: str, expected: str) -> None:
    assert qti.identifier(qid) == expected


def test_colliding_identifiers_are_skipped_with_a_warning(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    twin = questions[0].model_copy(update={"id": "t single"})
    clash = questions[0].model_copy(update={"id": "t_single"})
    rendered = qti.render([twin, clash])
    assert rendered.count == 1
    assert [w.qid for w in rendered.warnings] == ["t_single"]


def test_the_package_is_reproducible(project) -> None:
    assert qti.render(project.questions).data == qti.render(project.questions).data
