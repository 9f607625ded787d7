"""An IMS QTI 2.1 content package: ``imsmanifest.xml`` plus one ``assessmentItem`` file per question.

single/multiple/truefalse → ``choiceInteraction``; fill → one ``textEntryInteraction`` per blank (every
accepted answer mapped to a point); open → ``extendedTextInteraction`` with the reference answer in a
scorer-only ``rubricBlock``. The 解析 is a ``modalFeedback`` shown after answering. Every element is
built with lxml, so all text is escaped for XML.

Feedback follows QTI 2.1's rule for feedback elements with ``showHide="show"``: one is shown when the outcome
variable it names matches its identifier (or, for a multiple-cardinality variable, contains it). So the two
kinds of feedback use two outcomes: ``FEEDBACK`` is set to ``EXPLANATION`` (the modal 解析, always shown), and
``OPTION_FEEDBACK`` takes the candidate's response, so the ``feedbackInline`` of each chosen option shows.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

from lxml import etree

from .. import present
from ..model import Question
from ..source import Speech
from . import Rendered, clean, skipped
from .paper_input import PaperInfo
from .qti_test import PATH as TEST_PATH
from .qti_test import add_to_manifest, test_xml

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # zip entries carry a fixed date so the package is reproducible
MAX_IDENTIFIER = 64  # identifiers also name the item files; a zip entry's name must stay short
OPTION_FEEDBACK = "OPTION_FEEDBACK"


def identifier(qid: str) -> str:
    """A QTI identifier (an XML NCName, at most MAX_IDENTIFIER characters) for a question id."""
    value = re.sub(r"[^A-Za-z0-9_.-]", "_", qid)
    value = value if re.match(r"[A-Za-z_]", value) else f"Q{value}"
    if len(value) > MAX_IDENTIFIER:  # a readable start and a digest of the whole id, so long ids stay distinct
        digest = hashlib.sha256(qid.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        value = f"{value[: MAX_IDENTIFIER - len(digest) - 1]}_{digest}"
    return value


def _has_option_feedback(q: Question) -> bool:
    return present.has_options(q) and any(o.feedback for o in q.options)


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{QTI}}}{tag}", {k.rstrip("_"): str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = clean(text)
    return element


def _outcomes(item, q: Question, max_score: float) -> None:
    score = _el(item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    _el(_el(score, "defaultValue"), "value", "0")
    maximum = _el(item, "outcomeDeclaration", identifier="MAXSCORE", cardinality="single", baseType="float")
    _el(_el(maximum, "defaultValue"), "value", f"{max_score:g}")
    _el(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single", baseType="identifier")
    if _has_option_feedback(q):  # the chosen options, as the response holds them
        cardinality = "single" if q.type == "single" else "multiple"
        _el(item, "outcomeDeclaration", identifier=OPTION_FEEDBACK, cardinality=cardinality, baseType="identifier")


def _choice_declaration(item, q: Question) -> None:
    cardinality = "multiple" if q.type == "multiple" else "single"
    values = present.correct_choices(q)
    declaration = _el(
        item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType="identifier"
    )
    correct = _el(declaration, "correctResponse")
    for value in values:
        _el(correct, "value", value)


def _choice_body(body, q: Question) -> None:
    choices = present.choices(q)
    max_choices = 0 if q.type == "multiple" else 1
    shuffle = "true" if q.type != "truefalse" and q.shuffle else "false"  # the platform may reorder; keys stay
    interaction = _el(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle=shuffle, maxChoices=max_choices)
    _el(interaction, "prompt", q.stem)
    for key, text, feedback in choices:
        choice = _el(interaction, "simpleChoice", identifier=key)
        choice.text = clean(text)
        if feedback:
            _el(
                choice,
                "feedbackInline",
                feedback,
                outcomeIdentifier=OPTION_FEEDBACK,
                identifier=key,
                showHide="show",
            )


def _fill(item, q: Question) -> list[str]:
    responses = []
    for index, accepted in enumerate(q.blanks, 1):
        name = f"RESPONSE_{index}"
        responses.append(name)
        declaration = _el(item, "responseDeclaration", identifier=name, cardinality="single", baseType="string")
        _el(_el(declaration, "correctResponse"), "value", accepted[0])
        mapping = _el(declaration, "mapping", defaultValue="0", lowerBound="0", upperBound="1")
        for answer in dict.fromkeys(accepted):
            _el(mapping, "mapEntry", mapKey=answer, mappedValue="1", caseSensitive="false")
    return responses


def _fill_body(body, q: Question, responses: list[str]) -> None:
    paragraph = _el(body, "p")
    pieces = [clean(piece) for piece in present.stem_pieces(q)]
    paragraph.text = pieces[0]
    for name, accepted, after in zip(responses, q.blanks, pieces[1:], strict=False):
        length = max(len(a) for a in accepted) + 2
        entry = _el(paragraph, "textEntryInteraction", responseIdentifier=name, expectedLength=length)
        entry.tail = after


def _processing(item, q: Question, responses: list[str]) -> None:
    processing = _el(item, "responseProcessing")
    if q.type == "fill":
        total = _el(_el(processing, "setOutcomeValue", identifier="SCORE"), "sum")
        for name in responses:
            _el(total, "mapResponse", identifier=name)
    elif q.type != "open":
        condition = _el(processing, "responseCondition")
        when = _el(condition, "responseIf")
        match = _el(when, "match")
        _el(match, "variable", identifier="RESPONSE")
        _el(match, "correct", identifier="RESPONSE")
        _el(_el(when, "setOutcomeValue", identifier="SCORE"), "baseValue", "1", baseType="float")
        otherwise = _el(condition, "responseElse")
        _el(_el(otherwise, "setOutcomeValue", identifier="SCORE"), "baseValue", "0", baseType="float")
    if _has_option_feedback(q):
        _el(_el(processing, "setOutcomeValue", identifier=OPTION_FEEDBACK), "variable", identifier="RESPONSE")
    _el(_el(processing, "setOutcomeValue", identifier="FEEDBACK"), "baseValue", "EXPLANATION", baseType="identifier")


def item_xml(q: Question, speech: Speech | None = None) -> bytes:
    """One ``assessmentItem`` document."""
    nsmap = {None: QTI, "xsi": XSI}
    item = etree.Element(f"{{{QTI}}}assessmentItem", nsmap=nsmap)
    item.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    item.set("identifier", identifier(q.id))
    item.set("title", clean(q.id))
    item.set("adaptive", "false")
    item.set("timeDependent", "false")
    item.set("{http://www.w3.org/XML/1998/namespace}lang", "zh-CN")
    responses: list[str] = []
    if present.is_choice(q):
        _choice_declaration(item, q)
    elif q.type == "fill":
        responses = _fill(item, q)
    else:
        _el(item, "responseDeclaration", identifier="RESPONSE", cardinality="single", baseType="string")
    _outcomes(item, q, float(len(responses) or 1))
    body = _el(item, "itemBody")
    if present.is_choice(q):
        _choice_body(body, q)
    elif q.type == "fill":
        _fill_body(body, q, responses)
    else:
        _el(body, "p", q.stem)
        rubric = _el(body, "rubricBlock", view="scorer")
        _el(rubric, "p", present.answer_line(q))
        _el(body, "extendedTextInteraction", responseIdentifier="RESPONSE", expectedLines=6)
    _processing(item, q, responses)
    feedback = _el(item, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier="EXPLANATION", showHide="show")
    where = present.source_ref(q, speech)
    feedback.text = clean(f"{q.explanation}（{present.SOURCE_LABEL}：{where}：“{q.source.quote}”）")
    return etree.tostring(item, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def item_path(q: Question) -> str:
    return f"items/{identifier(q.id)}.xml"


def manifest_xml(questions: list[Question]) -> bytes:
    nsmap = {None: CP, "xsi": XSI}
    manifest = etree.Element(f"{{{CP}}}manifest", nsmap=nsmap)
    manifest.set("identifier", "quizgen-export")
    manifest.set(f"{{{XSI}}}schemaLocation", f"{CP} {CP_XSD}")
    metadata = etree.SubElement(manifest, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(manifest, f"{{{CP}}}organizations")
    resources = etree.SubElement(manifest, f"{{{CP}}}resources")
    for q in questions:
        href = item_path(q)
        resource = etree.SubElement(
            resources,
            f"{{{CP}}}resource",
            identifier=f"RES-{identifier(q.id)}",
            type="imsqti_item_xmlv2p1",
            href=href,
        )
        etree.SubElement(resource, f"{{{CP}}}file", href=href)
    return etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def render(questions: list[Question], paper: PaperInfo | None = None, *, speech: Speech | None = None) -> Rendered:
    warnings, kept, used = [], [], set()
    for q in questions:
        if identifier(q.id) in used:
            warnings.append(skipped(q, "QTI", f"编号换成 QTI 标识符 {identifier(q.id)} 后与另一道题相同"))
            continue
        used.add(identifier(q.id))
        kept.append(q)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if paper is None:
            _add(archive, "imsmanifest.xml", manifest_xml(kept))
        else:  # a drawn paper: also the test, in the paper's order, with its points
            manifest = add_to_manifest(manifest_xml(kept), kept, identifier, item_path)
            _add(archive, "imsmanifest.xml", manifest)
            _add(archive, TEST_PATH, test_xml(kept, paper, identifier, item_path))
        for q in kept:
            _add(archive, item_path(q), item_xml(q, speech))
    return Rendered(buffer.getvalue(), warnings, len(kept))
