"""The libyaml fast path of quizgen.yamlio gives exactly what ruamel.yaml gives, or steps aside."""

from __future__ import annotations

import random
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen import yamlio
from quizgen.model import normalize_answer as fast_normalize

ROOT = Path(__file__).resolve().parent.parent


def normalize_answer(text: str) -> str:
    """The rule as documented, character by character: the oracle for the model's table-driven one."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P"))


def same(fast, slow, path: str = "$") -> None:
    """Equal values of compatible types, and the same line/column records on every container."""
    if isinstance(slow, bool) or slow is None:
        assert fast is slow, path
    elif isinstance(slow, dict):
        assert type(fast) is type(slow), path
        assert list(fast) == list(slow), path
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), path
        for key in slow:
            assert fast.lc.data[key] == slow.lc.data[key], f"{path}.{key}"
            same(fast[key], slow[key], f"{path}.{key}")
    elif isinstance(slow, list):
        assert type(fast) is type(slow), path
        assert len(fast) == len(slow), path
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), path
        for index, item in enumerate(slow):
            assert fast.lc.data[index] == slow.lc.data[index], f"{path}[{index}]"
            same(item, slow[index], f"{path}[{index}]")
    else:
        for kind in (str, int, float):
            if isinstance(slow, kind):
                assert isinstance(fast, kind) and not isinstance(fast, bool), path
        assert fast == slow, path


def compare(text: str) -> bool:
    """True when the fast path handled ``text`` (and agreed with ruamel.yaml)."""
    fast = yamlio._fast_load(text)
    if isinstance(fast, yamlio._Fallback):
        return False
    slow = yamlio._yaml().load(text)  # the fast path never accepts what ruamel.yaml rejects
    same(fast, slow)
    return True


def committed_yaml() -> list[Path]:
    names = subprocess.run(["git", "ls-files", "*.yaml", "*.yml"], cwd=ROOT, capture_output=True, text=True).stdout
    paths = []
    for name in names.split():
        try:
            (ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        paths.append(ROOT / name)
    return paths


def test_the_fast_path_is_available() -> None:
    assert yamlio._FAST_LOADER is not None
    assert compare((ROOT / "quizzes/banks/m1-l1.yaml").read_text(encoding="utf-8"))


# Committed files that leave the plain subset on purpose: a syntax error, and tags and anchors of the XSS test bank.
FALLBACK = {"tests/data/courses-bad/bad-yaml.yaml", "tests/data/xss-bank/banks/xss.yaml"}


@pytest.mark.parametrize("path", committed_yaml(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_committed_yaml_file_loads_the_same(path: Path) -> None:
    """compare() returning False (the fast path gave up) used to pass unnoticed: every committed file but the known
    ones must go the fast way and agree with ruamel.yaml."""
    handled = compare(path.read_text(encoding="utf-8"))
    assert handled == (path.relative_to(ROOT).as_posix() not in FALLBACK)


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\nb: no\nc: on\nd: 012\ne: 0x1f\nf: 1_000\ng: 2020-01-01\nh: .inf\ni: 1e3\nj: +1\nk: -0\n",
        "a: ~\nb: null\nc: NULL\nd: True\ne: FALSE\nf: 'true'\ng: \"1\"\nh: |\n  block\ni: >\n  folded\n",
        "1: one\n2.5: two\ntrue: three\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\nb: 2\n",
        "a:\nb: 1\n",
        "- \n- a\n",
        "a: 1\na: 2\n",
        "a:\tb\n",
        "%YAML 1.1\n---\na: yes\n",
        "a: 1\n---\nb: 2\n",
        "\ufeffa: 1\n",
        "[a, {b: c}, [d]]\n",
        "",
        "# only a comment\n",
    ],
)
def test_edge_cases_agree_or_fall_back(text: str) -> None:
    try:
        compare(text)
    except Exception as exc:  # ruamel.yaml rejects it: then the fast path must have stepped aside
        assert isinstance(yamlio._fast_load(text), yamlio._Fallback), exc


def test_problems_still_come_from_ruamel() -> None:
    _, problems = yamlio.parse_yaml("a: 1\na: 2\n", "x.yaml")
    assert str(problems[0]).startswith("x.yaml:2: YAML 无法解析：重复的键")
    _, problems = yamlio.parse_yaml("a: [1,\n", "x.yaml")
    assert "YAML 无法解析" in str(problems[0])


SOURCES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "quizzes" / "banks").glob("m*.yaml"))[:4]]
PIECES = [
    ":",
    "- ",
    "  ",
    "\n",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "|",
    ">",
    "? ",
    "yes",
    "~",
    "1.5",
    "&a ",
    "*a",
    "!!str ",
    "<<: ",
    "\t",
    "---",
    "%Y",
]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, len(SOURCES) - 1),
    st.integers(1, 80),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, len(PIECES) - 1), st.booleans()), max_size=4),
)
def test_mutated_banks_agree_or_fall_back(source: int, lines: int, edits) -> None:
    text = "\n".join(SOURCES[source].split("\n")[:lines])
    for where, piece, insert in edits:
        at = int(where * len(text))
        text = text[:at] + PIECES[piece] + text[at:] if insert else text[:at] + text[at + 3 :]
    try:
        compare(text)
    except AssertionError:
        raise
    except Exception:
        assert isinstance(yamlio._fast_load(text), yamlio._Fallback)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fast_normalisation_matches_the_model(text: str) -> None:
    assert fast_normalize(text) == normalize_answer(text)


def test_normalisation_on_the_speech() -> None:
    speech = (ROOT / "quizzes" / "speech.txt").read_text(encoding="utf-8")
    rng = random.Random(0)
    for _ in range(200):
        start = rng.randrange(len(speech))
        chunk = speech[start : start + rng.randint(1, 80)]
        assert fast_normalize(chunk) == normalize_answer(chunk)
