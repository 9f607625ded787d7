"""What README.md and the maintainers' pages state is checked against what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.cli import main
from quizgen.course.catalog import load_catalog
from quizgen.course.manifest import read_manifest
from quizgen.project import Project

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_manifest_passes_its_own_check(tmp_path: Path, project: Project) -> None:
    section = README.split("## Courses that trainers assemble", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    manifest = read_manifest(path, load_catalog(ROOT / "docs"), project.questions)  # raises on any problem
    assert manifest.paper is not None and sum(s.count * s.points for s in manifest.paper.sections) == 100


def test_the_check_example_counts_the_shipped_banks(project: Project) -> None:
    cli = (ROOT / "docs" / "maintainer" / "cli.md").read_text(encoding="utf-8")
    banks, questions = map(int, re.search(r"（(\d+) 个题库，(\d+) 道题）", cli).groups())
    assert (banks, questions) == (len({b.file for b in project.banks}), len(project.questions))


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["export", "--bogus"], 2),  # a command line that cannot be parsed
        (["check", "docs"], 1),  # a folder without banks is bad input, not “0 个题库”
        (["check", "quizzes/examples/all-types.yaml"], 0),
    ],
)
def test_the_readme_exit_codes(argv: list[str], code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "2 an output refused (as above) or a command line that cannot be parsed" in README
    monkeypatch.chdir(ROOT)
    try:
        got = main(argv)
    except SystemExit as exc:  # argparse's usage error
        got = exc.code
    assert got == code


def test_the_benchmark_label_names_the_runs_make_bench_does() -> None:
    check = (ROOT / "tests" / "bench" / "bench_check.py").read_text(encoding="utf-8")
    build = (ROOT / "tests" / "bench" / "bench_build.py").read_text(encoding="utf-8")
    repeats = [int(re.search(r'"--repeat", type=int, default=(\d+)', text).group(1)) for text in (check, build)]
    assert repeats == [3, 1]
    assert "the fastest of 3 runs" in README and "`--repeat 1`" in README
