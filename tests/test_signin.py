"""quizgen signin: a Word 签到表 from a manifest and a name list, every name on it; a damaged list reported by line."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

from quizgen.cli import main

NAMES = "# 名单\n张明\tXX区总工会\n李华，XX县总工会\n王丽 XX市教育工会\n\n欧阳明月,XX市机关工会\n"


def sheet(tmp_path, manifest: str):
    names = tmp_path / "名单.txt"
    names.write_text(NAMES, encoding="utf-8")
    out = tmp_path / "签到表.docx"
    assert main(["signin", f"quizzes/courses/{manifest}.yaml", "--names", str(names), "-o", str(out)]) == 0
    return Document(str(out))


def test_one_day_course(tmp_path):
    document = sheet(tmp_path, "annual-training-one-day")
    assert "工会干部年度廉政轮训（一天）" in document.paragraphs[0].text
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "姓名", "单位", "上午签到", "下午签到", "备注"]
    assert [r[1:3] for r in rows[1:5]] == [["张明", "XX区总工会"], ["李华", "XX县总工会"], ["王丽", "XX市教育工会"],
                                           ["欧阳明月", "XX市机关工会"]]  # fmt: skip
    assert len(rows) == 1 + 4 + 5 and rows[-1][0] == "9"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page


def test_half_day_course_has_one_column(tmp_path):
    rows = sheet(tmp_path, "new-cadres-half-day").tables[0].rows
    assert [c.text for c in rows[0].cells] == ["序号", "姓名", "单位", "签到", "备注"]


def test_damaged_list(tmp_path, capsys):
    names = tmp_path / "gbk.txt"
    names.write_bytes("张明 XX区总工会\n".encode("gbk"))
    out = tmp_path / "x.docx"
    assert main(["signin", "quizzes/courses/new-cadres-half-day.yaml", "--names", str(names), "-o", str(out)]) == 1
    assert f"{names}:1: 名单不是 UTF-8" in capsys.readouterr().err
    assert not out.exists()
