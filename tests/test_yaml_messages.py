"""A bank broken in the ways people break YAML in a text editor gets its line and a Chinese explanation, with the
parser's own words kept after it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.cli import main
from quizgen.yamlio import load_yaml

CASES = [
    ("questions:\n  - id: a\n\tstem: x\n", 3, "有 Tab 字符：YAML 只能用空格缩进"),
    ("questions:\n  - id: a\n    stem: 问题: 是什么\n", 3, "或是值里含有“: ”"),
    ("questions:\n  - id: a\n     stem: x\n   type: y\n", 3, "或是这一行缩进不对"),
    ('questions:\n  - id: a\n    stem: "未闭合\n', 4, "可能有引号没有闭合"),
    ("a: @x\n", 1, "值不能以这个字符开头"),
    ('a: "\\q"\n', 1, "双引号里有无效的转义"),
    ("a: [1, 2\nb: 3\n", 2, "方括号列表没有正确闭合"),
    ("a: 1\na: 2\n", 2, "重复的键"),
    ("a: *nowhere\n", 1, "引用了没有定义的锚点"),
    ('a: "x" y\n', 1, "引号闭合之后还有文字"),
    ("a: 1\nb: >- z\n", 2, "这一行末尾有多余的内容"),
    ("a: |x\n", 1, "文字从下一行写起"),
    ("a: {b: 1\n", 2, "花括号映射没有正确闭合"),
]


@pytest.mark.parametrize(("text", "line", "hint"), CASES, ids=[c[2][:12] for c in CASES])
def test_syntax_errors_are_explained(tmp_path: Path, text: str, line: int, hint: str) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    _, problems = load_yaml(bank, "bank.yaml")
    assert len(problems) == 1
    shown = str(problems[0])
    assert shown.startswith(f"bank.yaml:{line}: YAML 无法解析："), shown
    assert hint in shown, shown
    assert shown.endswith("）") and any("a" <= ch <= "z" for ch in shown)  # the parser's words, in brackets


def test_check_prints_the_explanation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "m9-l9.yaml"
    bank.write_text(CASES[0][0], encoding="utf-8")
    assert main(["check", str(bank)]) == 1
    assert ":3: YAML 无法解析：有 Tab 字符" in capsys.readouterr().err


BANK = Path(__file__).resolve().parent.parent / "quizzes" / "banks" / "m1-l1.yaml"


@pytest.mark.parametrize(
    ("encode", "hint"),
    [
        (lambda text: text.encode("gbk"), "看起来是 GBK 编码，即中文 Windows 记事本里的“ANSI”"),
        (lambda text: text.encode("utf-16"), "是 UTF-16 编码，即记事本里的“Unicode”"),
        (lambda text: b"a: \x80\x80\xff\n", "第 4 个字节无法解码"),
    ],
    ids=["gbk", "utf-16", "garbage"],
)
def test_a_bank_saved_in_another_encoding_is_named(tmp_path: Path, encode, hint: str) -> None:
    bank = tmp_path / "m1-l1.yaml"
    bank.write_bytes(encode(BANK.read_text(encoding="utf-8")))
    _, problems = load_yaml(bank, "m1-l1.yaml")
    assert len(problems) == 1
    assert re.fullmatch(rf"m1-l1\.yaml:\d+: 不是 UTF-8 编码的文本（{hint}），请另存为 UTF-8", str(problems[0]))


def test_windows_line_ends_and_a_byte_order_mark_load_like_the_original(tmp_path: Path) -> None:
    text = BANK.read_text(encoding="utf-8")
    bank = tmp_path / "m1-l1.yaml"
    bank.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    windows, problems = load_yaml(bank, "m1-l1.yaml")
    original, _ = load_yaml(BANK, "m1-l1.yaml")
    assert problems == [] and windows == original
