"""A drawn paper in a QTI 2.1 package: ``paper.xml``, an ``assessmentTest`` that holds the paper's questions in its
order, each weighted so that its score counts the paper's points (an item scores 1 when right, a fill-in 1 a
blank: the weight is the points divided by that), and the test's ``SCORE`` is their weighted sum."""

from __future__ import annotations

from lxml import etree

from ..model import Question
from . import clean
from .paper_input import PaperInfo

PATH = "paper.xml"


def test_xml(questions: list[Question], paper: PaperInfo, identifier, item_path) -> bytes:
    from .qti import QTI, QTI_XSD, XSI

    def el(parent, tag: str, **attrs) -> etree._Element:
        return etree.SubElement(parent, f"{{{QTI}}}{tag}", {k: str(v) for k, v in attrs.items()})

    test = etree.Element(f"{{{QTI}}}assessmentTest", nsmap={None: QTI, "xsi": XSI})
    test.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    test.set("identifier", "paper")
    test.set("title", clean(f"{paper.title}（{paper.variant}卷）" if paper.variant else paper.title))
    el(test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    part = el(test, "testPart", identifier="part1", navigationMode="nonlinear", submissionMode="simultaneous")
    section = el(part, "assessmentSection", identifier="section1", title=clean(paper.title) or "试卷", visible="true")
    for q in questions:
        ref = el(section, "assessmentItemRef", identifier=identifier(q.id), href=item_path(q))
        most = len(q.blanks) if q.type == "fill" else 1
        el(ref, "weight", identifier="W", value=f"{paper.points[q.id] / most:g}")
    total = el(el(el(test, "outcomeProcessing"), "setOutcomeValue", identifier="SCORE"), "sum")
    el(total, "testVariables", variableIdentifier="SCORE", weightIdentifier="W")
    return etree.tostring(test, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def add_to_manifest(manifest: bytes, questions: list[Question], identifier, item_path) -> bytes:
    from .qti import CP

    root = etree.fromstring(manifest)
    resources = root.find(f"{{{CP}}}resources")
    resource = etree.Element(f"{{{CP}}}resource", identifier="RES-paper", type="imsqti_test_xmlv2p1", href=PATH)
    etree.SubElement(resource, f"{{{CP}}}file", href=PATH)
    for q in questions:
        etree.SubElement(resource, f"{{{CP}}}dependency", identifierref=f"RES-{identifier(q.id)}")
    resources.insert(0, resource)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
