"""ProjectLayout is the one place that knows the project's folders and reads its release and title."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from sphinx.util.tags import Tags

from quizgen import bundle
from quizgen.layout import ProjectLayout
from quizgen.scorm import release

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "quizgen"
# A path spelled out instead of taken from quizgen.layout.
HARD_CODED = re.compile(r'/ "quizzes"|Path\("quizzes|"quizzes/')
NOT_YET: set[str] = set()  # every module takes its folders from the layout


def test_release_and_title_are_what_sphinx_reads(monkeypatch) -> None:
    conf = runpy.run_path(str(ROOT / "conf.py"), init_globals={"tags": Tags([])})
    layout = ProjectLayout.find(ROOT / "docs")
    assert layout.root == ROOT
    assert (layout.release, layout.title) == (conf["release"], conf["project"])
    assert release(ROOT) == layout.release
    monkeypatch.setattr(bundle, "ROOT", ROOT)
    assert (bundle.version(), bundle.project()) == (conf["release"], conf["project"])


def test_a_conf_without_release_says_so(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('project = "课程"\nrelease = compute()\n', encoding="utf-8")
    layout = ProjectLayout(tmp_path)
    assert (layout.title, layout.release, layout.conf_value("release")) == ("课程", "0", None)


def test_the_folders_are_named_in_one_place() -> None:
    layout = ProjectLayout(ROOT)
    for path in (layout.speech, layout.banks, layout.facts, layout.papers, layout.courses, layout.notes):
        assert path.exists(), path
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "layout.py" and NOT_YET not in path.relative_to(SRC).parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HARD_CODED.search(line)
    ]
    assert found == []
