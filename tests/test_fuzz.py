"""Property-based fuzzing of every input kind: damaged copies of the committed files, run through the commands.

Each example copies the project's ``quizzes/`` into a fresh folder, damages one input file with one to three
mutations (byte flips, truncation, duplicated or deleted lines, YAML tags, huge numbers, deep nesting, aliases,
surrogates, control characters …) and runs one command on it in-process. Whatever the damage: no uncaught
exception, exit code 0, 1 or 2, the run ends within its time limit, every problem is ``FILE:LINE: message``,
and every input file is byte-identical afterwards. Derandomized, so CI sees the same examples every time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_project import ROOT, make_project, run, snapshot
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

SECONDS = 10  # per command run: a hang is a failure, not a slow test

FUZZ = settings(
    max_examples=int(
        os.environ.get("QUIZGEN_FUZZ_EXAMPLES", "16")
    ),  # more for a longer hunt: QUIZGEN_FUZZ_EXAMPLES=500
    deadline=None,  # the alarm in hostile_project.run is the time limit; hypothesis's deadline is too noisy here
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: one command run costs up to a second
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --- mutations ----------------------------------------------------------------------------------------------
# Each is a function of the file's bytes and a few integers hypothesis draws; positions are taken modulo the size.

Mutation = Callable[[bytes, int, int], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip_byte(data: bytes, a: int, b: int) -> bytes:
    if not data:
        return bytes([b % 256])
    i = a % len(data)
    return data[:i] + bytes([(data[i] ^ (1 << (b % 8))) or 0x80]) + data[i + 1 :]


def set_byte(data: bytes, a: int, b: int) -> bytes:
    i = a % (len(data) + 1)
    return data[:i] + bytes([b % 256]) + data[i + 1 :]


def truncate(data: bytes, a: int, b: int) -> bytes:
    return data[: a % (len(data) + 1)]


def duplicate_line(data: bytes, a: int, b: int) -> bytes:
    lines = _lines(data)
    i = a % len(lines)
    return b"\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])


def delete_line(data: bytes, a: int, b: int) -> bytes:
    lines = _lines(data)
    i = a % len(lines)
    return b"\n".join(lines[:i] + lines[i + 1 :])


def swap_lines(data: bytes, a: int, b: int) -> bytes:
    lines = _lines(data)
    i, j = a % len(lines), b % len(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _after_colon(data: bytes, a: int, insert: bytes, replace_value: bool = False) -> bytes:
    """``insert`` after the a-th ``": "`` of the file (or at its end), replacing the value when asked."""
    spots = [i for i in range(len(data) - 1) if data[i : i + 2] == b": "]
    if not spots:
        return data + b"\n" + insert
    i = spots[a % len(spots)] + 2
    if not replace_value:
        return data[:i] + insert + data[i:]
    end = data.find(b"\n", i)
    end = len(data) if end < 0 else end
    return data[:i] + insert + data[end:]


TAGS = [b"!!int ", b"!!float ", b"!!bool ", b"!!null ", b"!!timestamp ", b"!!binary ", b"!!set ", b"!!omap ",
        b"!!python/object/apply:os.system ", b"!custom ", b"!!str ", b"!!seq ", b"!!map "]  # fmt: skip


def inject_tag(data: bytes, a: int, b: int) -> bytes:
    return _after_colon(data, a, TAGS[b % len(TAGS)])


VALUES = [
    b"9" * 400, b"9" * 5000, b"-" + b"9" * 4400, b"1e999", b"-1e999", b".inf", b"-.Inf", b".nan", b".NaN",
    b"0x" + b"f" * 300, b"0o777", b"1_000", b"2020-13-45", b"2020-02-30 25:61:61", b"true", b"~", b"''", b'""',
    b"-1", b"0", b"3.5", b"[]", b"{}", b"[1, [2, [3]]]", b"{a: b}", b"'\xe2\x80\x8b'",
]  # fmt: skip


def replace_value(data: bytes, a: int, b: int) -> bytes:
    return _after_colon(data, a, VALUES[b % len(VALUES)], replace_value=True)


def deep_nesting(data: bytes, a: int, b: int) -> bytes:
    depth = [63, 64, 65, 100, 900, 1001, 5000][b % 7]
    opener, closer = (b"[", b"]") if b % 2 else (b"{a: ", b"}")
    return _after_colon(data, a, opener * depth + closer * depth, replace_value=True)


def block_nesting(data: bytes, a: int, b: int) -> bytes:
    depth = [63, 70, 300][b % 3]
    block = b"\n" + b"".join(b" " * (2 * k) + b"k:\n" for k in range(depth)) + b" " * (2 * depth) + b"v\n"
    return data + block


def aliases(data: bytes, a: int, b: int) -> bytes:
    levels = [3, 6, 9][b % 3]
    lines = [b"l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels):
        lines.append(b"l%d: &l%d [%s]" % (n, n, b", ".join([b"*l%d" % (n - 1)] * 10)))
    block = b"\n".join(lines) + b"\n"
    if a % 3 == 0:
        return block + data
    if a % 3 == 1:
        return data + b"\n" + block
    return _after_colon(data, a, b"&self [*self]" if b % 2 else b"*undefined", replace_value=True)


ESCAPES = [b'"\\ud800"', b'"\\udfff"', b'"a\\ud83d"', b'"\\x01"', b'"\\0"', b'"\\e"', b'"\\N"', b'"\\uffff"',
           b'"\\u200b"', b'"\\U0010ffff"']  # fmt: skip


def surrogate_or_escape(data: bytes, a: int, b: int) -> bytes:
    return _after_colon(data, a, ESCAPES[b % len(ESCAPES)], replace_value=True)


RAW = [b"\x00", b"\x01", b"\x07", b"\x1b", b"\x7f", b"\t", b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf",
       b"\xed\xa0\x80", b"\xff", b"\xe2\x80\x8b", b"\xef\xbf\xbe"]  # fmt: skip


def control_character(data: bytes, a: int, b: int) -> bytes:
    i = a % (len(data) + 1)
    return data[:i] + RAW[b % len(RAW)] + data[i:]


YAML_MUTATIONS: list[Mutation] = [
    flip_byte, set_byte, truncate, duplicate_line, delete_line, swap_lines, inject_tag, replace_value,
    deep_nesting, block_nesting, aliases, surrogate_or_escape, control_character,
]  # fmt: skip

JSON_VALUES = [b"1" + b"0" * 5000, b"NaN", b"-Infinity", b"1e999", b'"\\ud800"', b'"\\u0001"', b"[" * 5000 + b"]" * 5000,
               b"[" * 70 + b"]" * 70, b"true", b"null", b'""', b"{}", b"[]", b'"' + b"a" * 70000 + b'"']  # fmt: skip


def json_value(data: bytes, a: int, b: int) -> bytes:
    spots = [i for i in range(len(data) - 1) if data[i : i + 2] == b": "]
    if not spots:
        return data
    i = spots[a % len(spots)] + 2
    end = i
    depth, in_string = 0, False
    while end < len(data):  # the end of the JSON value that starts at i
        c = data[end : end + 1]
        if in_string:
            if c == b"\\":
                end += 1
            elif c == b'"':
                in_string = False
                if depth == 0:
                    end += 1
                    break
        elif c == b'"':
            in_string = True
        elif c in b"[{":
            depth += 1
        elif c in b"]}":
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                end += 1
                break
        elif c in b",\n" and depth == 0:
            break
        end += 1
    return data[:i] + JSON_VALUES[b % len(JSON_VALUES)] + data[end:]


JSON_MUTATIONS: list[Mutation] = [flip_byte, truncate, duplicate_line, delete_line, json_value, control_character]
TEXT_MUTATIONS: list[Mutation] = [flip_byte, set_byte, truncate, duplicate_line, delete_line, swap_lines,
                                  control_character]  # fmt: skip


def damage(mutations: list[Mutation]) -> st.SearchStrategy[list[tuple[Mutation, int, int]]]:
    step = st.tuples(st.sampled_from(mutations), st.integers(0, 2**20), st.integers(0, 2**16))
    return st.lists(step, min_size=1, max_size=3)


# --- the project and the commands ---------------------------------------------------------------------------

BANK = "quizzes/banks/m1-l1.yaml"
JSON_BANK = "quizzes/all-types.json"  # the canonical JSON example, checked and exported when named
FACTS = "quizzes/facts.yaml"
PAPER = "quizzes/papers/quiz-30min.yaml"
COURSE = "quizzes/courses/new-cadres-half-day.yaml"
NOTES = "quizzes/speech-notes.yaml"
EXCLUSIONS = "quizzes/coverage-exclusions.yaml"
SPEECH = "quizzes/speech.txt"
EXPORTS = ("gift", "qti", "wjx", "xlsx", "json")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("fuzz") / "project")
    shutil.copyfile(ROOT / "quizzes" / "examples" / "exports" / "all-types.json", root / JSON_BANK)
    # The committed exclusions are an empty list; give the fuzzer an entry of the documented form to damage.
    exclusions = root / EXCLUSIONS
    text = exclusions.read_text(encoding="utf-8").replace("\n[]\n", "\n")
    exclusions.write_text(
        text + '- {anchor: intro, sentence: "我主要讲三点意见：", reason: 过渡句，不单独出题}\n', "utf-8"
    )
    return root


def fuzz_once(template: Path, file: str, steps: list[tuple[Mutation, int, int]], argv: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="quizgen-fuzz-") as folder:
        root = Path(folder) / "project"
        shutil.copytree(template / "quizzes", root / "quizzes", symlinks=True)
        (root / "docs").symlink_to((template / "docs").readlink())
        path = root / file
        data = path.read_bytes()
        for mutation, a, b in steps:
            data = mutation(data, a, b)
        path.write_bytes(data)
        before = snapshot(root)
        result = run(root, [arg.replace("{out}", str(Path(folder) / "out")) for arg in argv], SECONDS)
        described = f"{file} after {[(m.__name__, a, b) for m, a, b in steps]}, quizgen {' '.join(argv)}"
        assert result.code in (0, 1, 2), f"{described}: exit {result.code}\n{result.err}"
        assert not result.unlocated(), f"{described}: problems without FILE:LINE:\n{result.err}"
        errors = [line for line in result.problem_lines() if "警告：" not in line]
        assert not errors or result.code != 0, f"{described}: errors reported, yet exit 0:\n{result.err}"
        assert snapshot(root) == before, f"{described}: an input file changed"


@FUZZ
@given(
    steps=damage(YAML_MUTATIONS),
    command=st.sampled_from([["check"], *(["export", "-f", f, "-o", "{out}/x"] for f in EXPORTS)]),
)
def test_fuzz_yaml_bank(template: Path, steps, command) -> None:
    fuzz_once(template, BANK, steps, command)


@FUZZ
@given(
    steps=damage(JSON_MUTATIONS),
    command=st.sampled_from(
        [["check", JSON_BANK], *(["export", JSON_BANK, "-f", f, "-o", "{out}/x"] for f in EXPORTS)]
    ),
)
def test_fuzz_json_bank(template: Path, steps, command) -> None:
    fuzz_once(template, JSON_BANK, steps, command)


@FUZZ
@given(
    steps=damage(YAML_MUTATIONS),
    command=st.sampled_from([["generate", "-o", "{out}/generated.yaml"], ["generate", "--check"]]),
)
def test_fuzz_facts(template: Path, steps, command) -> None:
    fuzz_once(template, FACTS, steps, command)


@FUZZ
@given(steps=damage(YAML_MUTATIONS))
def test_fuzz_paper_spec(template: Path, steps) -> None:
    fuzz_once(template, PAPER, steps, ["paper", PAPER, "-o", "{out}"])


@FUZZ
@given(steps=damage(YAML_MUTATIONS), command=st.sampled_from([["course", "check"], ["course", "list", COURSE]]))
def test_fuzz_course_manifest(template: Path, steps, command) -> None:
    fuzz_once(template, COURSE, steps, command)


@FUZZ
@given(steps=damage(YAML_MUTATIONS))
def test_fuzz_speech_notes(template: Path, steps) -> None:
    fuzz_once(template, NOTES, steps, ["check"])


@FUZZ
@given(steps=damage(YAML_MUTATIONS))
def test_fuzz_coverage_exclusions(template: Path, steps) -> None:
    fuzz_once(template, EXCLUSIONS, steps, ["coverage"])


@FUZZ
@given(
    steps=damage(TEXT_MUTATIONS),
    command=st.sampled_from([["check"], ["coverage"], ["export", "-f", "qti", "-o", "{out}/x"]]),
)
def test_fuzz_speech(template: Path, steps, command) -> None:
    fuzz_once(template, SPEECH, steps, command)
