"""quizgen export --paper: every format but json exports exactly the drawn paper — its questions, order, option
letters and points — and a damaged paper JSON is reported at its line."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from moodle_import import import_xml
from openpyxl import load_workbook

from quizgen.cli import main
from quizgen.export.qti import CP, QTI


@pytest.fixture(scope="module")
def paper(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("paper")
    assert main(["paper", "quizzes/papers/quiz-30min.yaml", "-o", str(out), "--format", "json"]) == 0
    path = next(out.glob("*-A.json"))
    return path, json.loads(path.read_text(encoding="utf-8"))


def drawn(doc: dict) -> list[dict]:
    return [q for section in doc["sections"] for q in section["questions"]]


def export(tmp_path: Path, paper_path: Path, fmt: str) -> Path:
    out = tmp_path / f"paper.{fmt}"
    assert main(["export", "-f", fmt, "--paper", str(paper_path), "-o", str(out)]) == 0
    return out


def test_wjx(tmp_path, paper):
    path, doc = paper
    text = export(tmp_path, path, "wjx").read_text(encoding="utf-8")
    blocks = text.strip().split("\n\n")
    assert len(blocks) == len(drawn(doc))
    for block, q in zip(blocks, drawn(doc), strict=True):
        lines = block.splitlines()
        assert lines[0].startswith(f"{q['number']}. ") and f"（{q['points']:g}分）[" in lines[0]
        if q["type"] in ("single", "multiple"):
            assert lines[1 : 1 + len(q["options"])] == [f"{o['key']}. {o['text']}" for o in q["options"]]
            assert f"答案：{''.join(q['answer'])}" in lines


def test_xlsx(tmp_path, paper):
    path, doc = paper
    sheet = load_workbook(export(tmp_path, path, "xlsx"))["试卷"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("题号", "分值", "编号", "题型")
    assert [(int(r[0]), float(r[1]), r[2]) for r in rows[1:]] == [
        (q["number"], q["points"], q["id"]) for q in drawn(doc)
    ]
    for row, q in zip(rows[1:], drawn(doc), strict=True):
        assert [c for c in row[5:11] if c] == [o["text"] for o in q["options"]]


def test_gift(tmp_path, paper):
    path, doc = paper
    text = export(tmp_path, path, "gift").read_text(encoding="utf-8")
    names = [line.split("::")[1] for line in text.splitlines() if line.startswith("::")]
    assert names == [f"{q['number']:02d} {q['id']}" for q in drawn(doc)]
    assert text.count("$CATEGORY:") == 1 and doc["paper"]["title"] in text
    assert all(f"，{q['points']:g} 分）" in text for q in drawn(doc))


def test_moodlexml(tmp_path, paper):
    path, doc = paper
    imported = import_xml(export(tmp_path, path, "moodlexml").read_bytes())
    assert [i.idnumber for i in imported] == [q["id"] for q in drawn(doc)]
    for item, q in zip(imported, drawn(doc), strict=True):
        assert item.name.startswith(f"{q['number']:02d} ")
        assert item.grade == q["points"] or (item.type == "cloze" and len(q["answer"]) > 1)
        if q["type"] in ("single", "multiple"):
            assert not item.shuffle
            assert [t for t, _, _ in item.answers] == [o["text"] for o in q["options"]]
            assert [chr(65 + i) for i, (_, f, _) in enumerate(item.answers) if f > 0] == q["answer"]


def test_qti(tmp_path, paper):
    path, doc = paper
    archive = zipfile.ZipFile(io.BytesIO(export(tmp_path, path, "qti").read_bytes()))
    test = etree.fromstring(archive.read("paper.xml"))
    refs = test.findall(f".//{{{QTI}}}assessmentItemRef")
    assert [r.get("identifier") for r in refs] == [q["id"] for q in drawn(doc)]
    for ref, q in zip(refs, drawn(doc), strict=True):
        most = len(q["answer"]) if q["type"] == "fill" else 1
        assert float(ref.find(f"{{{QTI}}}weight").get("value")) * most == pytest.approx(q["points"])
        item = etree.fromstring(archive.read(ref.get("href")))
        keys = item.xpath("//q:simpleChoice/@identifier", namespaces={"q": QTI})
        if q["type"] in ("single", "multiple"):
            assert keys == [o["key"] for o in q["options"]]
            assert item.xpath("//q:choiceInteraction/@shuffle", namespaces={"q": QTI}) == ["false"]
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.xpath("//cp:resource[@href='paper.xml']/@type", namespaces={"cp": CP}) == ["imsqti_test_xmlv2p1"]


def test_refusals(tmp_path, paper, capsys):
    path, _ = paper
    assert main(["export", "-f", "json", "--paper", str(path), "-o", str(tmp_path / "x.json")]) == 1
    assert main(["export", "-f", "wjx", "--paper", str(path), "--bank", "m1-l1", "-o", str(tmp_path / "x")]) == 1
    broken = tmp_path / "broken.json"
    text = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(text) if '"points"' in line and '"number"' in text[i - 1])
    text[at] = text[at].split(":")[0] + ': "四",'
    broken.write_text("\n".join(text), encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "-f", "wjx", "--paper", str(broken), "-o", str(tmp_path / "y.txt")]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:" in err and "points 应是正数" in err
    assert not (tmp_path / "y.txt").exists()
