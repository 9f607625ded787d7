"""Questions as compact data files, for the pages that show only some of them (错题本, 每日练习).

Instead of carrying every question as HTML (the 错题本 was 906 KB), such a page holds an index and loads, by a
script tag (which works from file://, where fetch does not), only the files of the lessons its questions are in:
``_static/qz-data/<lesson>.js`` (each question's text, answer data, 解析 and cited quote) and ``speech.js`` (the
cited passages of the speech, once). A page script (static/runtime/render.js) builds each question exactly as
render_html.question_html does, with textContent only. Files register themselves in ``window.quizgenData``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import present
from ..model import KIND_NAMES, TYPE_NAMES, Question
from ..render_html import _hint_before, answer_data, blank_em
from ..source import Speech

FOLDER = "qz-data"
_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def file_of(q: Question) -> str:
    """The data file (without .js) that holds ``q``: its lesson's."""
    return _SAFE.sub("_", q.lesson) or "other"


def question_record(q: Question, speech: Speech) -> dict:
    """What render.js needs to build ``q`` (already in print order) and quiz.js to score it."""
    record: dict = {"t": q.type, "a": answer_data(q), "at": present.answer_text(q), "x": present.explanation(q),
                    "c": [q.source.anchor, q.source.quote]}  # fmt: skip
    record["s"] = present.stem_pieces(q) if q.type == "fill" else [q.stem]
    if q.type == "fill":
        record["w"] = [blank_em(q, i) for i in range(len(q.blanks))]  # each box's width in em
    if present.has_options(q):
        record["o"] = [[o.key, o.text] for o in q.options]
        if q.shuffle:
            record["sh"] = 1
    if q.kind == "application":
        record["k"] = 1
    if "（答案处以＿＿代替）" in _hint_before(q, speech):
        record["m"] = 1
    return record


def _script(name: str, data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"(window.quizgenData=window.quizgenData||{{}})[{json.dumps(name)}]={text};\n"


def write_data(static: Path, questions: list[Question], speech: Speech) -> dict:
    """Write the data files for ``questions`` into ``static``/qz-data; return the page's index: the files in order
    with the ids each holds (in the order given), the question type names and the application label."""
    folder = static / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(file_of(q), []).append(q)
    for name, group in groups.items():
        text = _script(name, {q.id: question_record(q, speech) for q in group})
        _write_if_changed(folder / f"{name}.js", text)
    anchors = sorted({q.source.anchor for q in questions if q.source.anchor in speech})
    passages = {a: [speech[a].text, speech.describe(a)] for a in anchors}
    _write_if_changed(folder / "speech.js", _script("speech", passages))
    return {"f": list(groups), "q": [[q.id for q in group] for group in groups.values()], "n": TYPE_NAMES,
            "k": KIND_NAMES["application"]}  # fmt: skip


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
