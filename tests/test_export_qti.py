"""QTI 2.1 export: a content package whose items are well-formed XML with the right interactions and responses."""

from __future__ import annotations

import io
import re
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


# -- feedback: a small interpreter of the responseProcessing this exporter writes, and QTI 2.1's display rule --


def _value(expression: etree._Element, variables: dict[str, object], item: etree._Element) -> object:
    tag = etree.QName(expression).localname
    if tag == "baseValue":
        return expression.text
    if tag == "variable":
        return variables.get(expression.get("identifier"))
    if tag == "correct":
        declared = item.find(f"q:responseDeclaration[@identifier='{expression.get('identifier')}']", NS)
        values = [v.text for v in declared.findall("q:correctResponse/q:value", NS)]
        return values[0] if declared.get("cardinality") == "single" else sorted(values)
    if tag == "match":
        left, right = (_value(e, variables, item) for e in expression)
        return (sorted(left) if isinstance(left, list) else left) == right
    raise AssertionError(f"unexpected expression {tag}")


def _process(item: etree._Element, response: object) -> dict[str, object]:
    """The outcome variables after responseProcessing for ``response`` (RESPONSE)."""
    variables: dict[str, object] = {"RESPONSE": response}
    for rule in item.find("q:responseProcessing", NS):
        tag = etree.QName(rule).localname
        if tag == "setOutcomeValue":
            variables[rule.get("identifier")] = _value(rule[0], variables, item)
        elif tag == "responseCondition":
            for branch in rule:
                kind = etree.QName(branch).localname
                if kind == "responseElse" or _value(branch[0], variables, item):
                    for action in branch if kind == "responseElse" else branch[1:]:
                        variables[action.get("identifier")] = _value(action[0], variables, item)
                    break
    return variables


def _shown(element: etree._Element, variables: dict[str, object]) -> bool:
    """QTI 2.1, feedbackElement with showHide="show": shown when its outcome variable matches its identifier,
    or (multiple cardinality) contains it."""
    value = variables.get(element.get("outcomeIdentifier"))
    wanted = element.get("identifier")
    return wanted in value if isinstance(value, list) else value == wanted


@pytest.mark.parametrize("qtype", ["single", "multiple"])
def test_option_feedback_and_explanation_both_show(tmp_path: Path, speech, qtype: str) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    base = next(q for q in questions if q.id == "t-single")
    q = base if qtype == "single" else base.model_copy(update={"type": "multiple", "answer": ["A", "B"]})
    root = etree.fromstring(qti.item_xml(q))
    declared = {d.get("identifier"): d for d in root.findall("q:outcomeDeclaration", NS)}
    inline = root.findall(".//q:feedbackInline", NS)
    assert inline and {f.get("outcomeIdentifier") for f in inline} <= set(declared)
    for feedback in inline:
        assert declared[feedback.get("outcomeIdentifier")].get("cardinality") == (
            root.find("q:responseDeclaration", NS).get("cardinality")
        )
    modal = root.find("q:modalFeedback", NS)
    keys = [o.key for o in q.options]
    responses = [[k] for k in keys] + ([] if qtype == "single" else [["A", "B"]])
    for chosen in responses:
        variables = _process(root, chosen[0] if qtype == "single" else chosen)
        assert _shown(modal, variables), chosen  # the 解析 always shows
        shown = {f.get("identifier") for f in inline if _shown(f, variables)}
        expected = {o.key for o in q.options if o.feedback and o.key in chosen}
        assert shown == expected, chosen  # the feedback of exactly the chosen options
        assert variables["SCORE"] == ("1" if sorted(chosen) == sorted(q.correct_keys) else "0")


def test_a_huge_id_gives_a_short_distinct_identifier(tmp_path: Path, speech) -> None:
    _, questions = tricky_bank(tmp_path, speech)
    long_a = questions[0].model_copy(update={"id": "a" * 70_000})
    long_b = questions[0].model_copy(update={"id": "a" * 69_999 + "b"})
    assert len(qti.identifier(long_a.id)) <= qti.MAX_IDENTIFIER
    assert qti.identifier(long_a.id) != qti.identifier(long_b.id)
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", qti.identifier(long_a.id))
    archive = package([long_a, long_b])
    assert all(len(name) < 100 for name in archive.namelist())
    titles = [etree.fromstring(archive.read(n)).get("title") for n in archive.namelist() if n.startswith("items/")]
    assert sorted(titles) == sorted([long_a.id, long_b.id])  # the full id is kept as the item's title


def test_hostile_text_is_xml_text_never_markup(root: Path) -> None:
    from quizgen.load import load_bank

    bank, problems = load_bank(root / "tests" / "data" / "xss-bank" / "banks" / "xss.yaml")
    assert bank is not None and not [p for p in problems if p.level == "error"]
    parsed = items(bank.questions)
    allowed = {
        "assessmentItem", "responseDeclaration", "correctResponse", "value", "outcomeDeclaration", "defaultValue",
        "itemBody", "choiceInteraction", "prompt", "simpleChoice", "feedbackInline", "p", "textEntryInteraction",
        "rubricBlock", "extendedTextInteraction", "responseProcessing", "responseCondition", "responseIf",
        "responseElse", "match", "variable", "correct", "setOutcomeValue", "baseValue", "sum", "mapResponse",
        "mapping", "mapEntry", "modalFeedback",
    }  # fmt: skip
    for q in bank.questions:
        item = parsed[q.id]
        assert {etree.QName(e).localname for e in item.iter()} <= allowed  # no <script>, <img>, <a> …
        assert q.stem.replace("____", "") in text(item.find("q:itemBody", NS))
        for option in q.options:
            assert option.text in text(item)
