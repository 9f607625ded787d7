"""The trainer's commands where Windows lacks POSIX names (no Windows machine here: the closest check there is).

Each command runs in a fresh interpreter whose ``sitecustomize`` deletes from ``signal`` and ``os`` the names
Python on Windows does not have (SIGHUP, SIGKILL, killpg, symlink, fchmod…), and whose locale is not UTF-8
(as 记事本's GBK Windows is not), so a read or write that relies on the locale's encoding fails here too. Every
process the command starts (Sphinx in its own process) gets the same treatment and says so in a marker file.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from course_helpers import HALF, ROOT

import quizgen

SIGNAL_NAMES = (
    "SIGHUP", "SIGKILL", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGPIPE", "SIGSTOP", "SIGTSTP",
    "pthread_sigmask", "pthread_kill", "sigwait", "setitimer", "alarm", "pause", "siginterrupt",
)  # fmt: skip
OS_NAMES = (
    "killpg", "getpgid", "setsid", "setpgrp", "getpgrp", "symlink", "fchmod", "fchown", "lchown", "chown",
    "getuid", "geteuid", "getgid", "mkfifo", "O_NONBLOCK", "statvfs", "getloadavg", "uname",
)  # fmt: skip

SITECUSTOMIZE = f"""
import os, signal, warnings
# With PYTHONWARNDEFAULTENCODING=1: quizgen opening a text file without an encoding fails (see below).
warnings.filterwarnings("error", category=EncodingWarning, module=r"quizgen(\\.|$)")
for _name in {SIGNAL_NAMES!r}:
    if hasattr(signal, _name):
        delattr(signal, _name)
for _name in {OS_NAMES!r}:
    if hasattr(os, _name):
        delattr(os, _name)
_marks = os.environ.get("NO_POSIX_MARKS")
if _marks:
    with open(os.path.join(_marks, str(os.getpid())), "w", encoding="utf-8") as _f:
        _f.write("no posix")
"""


@pytest.fixture
def no_posix(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """The environment of a process without the POSIX-only names, and the folder its processes mark."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(textwrap.dedent(SITECUSTOMIZE), encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "NO_POSIX_MARKS": str(marks),
        # A locale that is not UTF-8: files read or written without an explicit encoding fail.
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONIOENCODING": "utf-8",  # the console, as Windows' own console, shows Chinese
        "SOURCE_DATE_EPOCH": "1577836800",
    }
    return env, marks


def _quizgen(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizgen.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )


def test_the_environment_really_lacks_the_names(no_posix):
    env, marks = no_posix
    probe = "import os, signal, locale; print(hasattr(signal, 'SIGHUP'), hasattr(os, 'killpg'), hasattr(os, 'symlink'), locale.getpreferredencoding(False))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    assert out.split()[:3] == ["False", "False", "False"]
    assert "utf" not in out.split()[3].lower()
    assert len(list(marks.iterdir())) == 1


def test_every_module_imports(no_posix):
    env, _ = no_posix
    names = sorted(
        m.name for m in pkgutil.walk_packages(quizgen.__path__, "quizgen.") if not m.name.endswith("__main__")
    )
    assert len(names) > 40
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\nprint('ok')"
    result = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-3000:]


def test_check_paper_and_export(no_posix, tmp_path):
    env, _ = no_posix
    result = _quizgen(env, "check")
    assert result.returncode == 0, result.stderr[-3000:]
    result = _quizgen(env, "paper", "quizzes/papers/quiz-30min.yaml", "-o", str(tmp_path / "paper"))
    assert result.returncode == 0, result.stderr[-3000:]
    made = sorted(p.suffix for p in (tmp_path / "paper").iterdir())
    assert {".docx", ".json", ".txt"} <= set(made)
    for fmt, name in (("gift", "q.gift"), ("qti", "q.zip"), ("wjx", "q.txt"), ("xlsx", "q.xlsx"), ("json", "q.json")):
        result = _quizgen(env, "export", "--format", fmt, "-o", str(tmp_path / name))
        assert result.returncode == 0, (fmt, result.stderr[-3000:])
        assert (tmp_path / name).stat().st_size > 0


@pytest.mark.slow
def test_course_build_of_the_site(no_posix, tmp_path):
    env, marks = no_posix
    out = tmp_path / "course"
    result = _quizgen(env, "course", "build", str(HALF), "--only", "site", "-o", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "site" / "index.html").is_file()
    assert len(list(marks.iterdir())) >= 2  # the command and the Sphinx process it started
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_results_and_certificates(no_posix, tmp_path, project):
    """The trainer's commands after the session: a class's 成绩码 summed up, and certificates for those who passed."""
    import math

    from openpyxl import load_workbook
    from results_class import code_of, make_class

    from quizgen.course.catalog import load_catalog
    from quizgen.course.manifest import course_pool, read_manifest
    from quizgen.scorm import release

    env, marks = no_posix
    # These commands write files named in Chinese (成绩汇总.xlsx, a certificate per learner), which Windows' Unicode
    # file names hold but the C locale's cannot: the locale is UTF-8 here, and instead any text file quizgen opens
    # without naming its encoding is an error, whatever the locale.
    env = {**env, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONWARNDEFAULTENCODING": "1"}
    manifest = read_manifest(HALF, load_catalog(ROOT / "docs"), project.questions)
    pool = [q for q in course_pool(manifest, project.questions) if q.type != "open"][::3][:50]
    klass = make_class(pool, size=12, seed=7)
    codes = tmp_path / "codes.txt"
    lines = [code_of(x, manifest.id, release(ROOT), "practice/final-test#1", []) for x in klass]
    codes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _quizgen(env, "results", str(codes), "--course", str(HALF), "-o", str(tmp_path / "results"))
    assert result.returncode == 0, result.stderr[-3000:]
    sheet = load_workbook(tmp_path / "results" / "成绩汇总.xlsx").worksheets[0]
    names = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert {x.name for x in klass} <= names
    assert (tmp_path / "results" / "报告.html").stat().st_size > 0
    result = _quizgen(env, "keygen", "-o", str(tmp_path / "keys"))
    assert result.returncode == 0, result.stderr[-3000:]
    key = tmp_path / "keys" / "证书私钥.pem"
    out = tmp_path / "certificates"
    args = ["certificates", str(codes), "--course", str(HALF), "--key", str(key), "-o", str(out)]
    result = _quizgen(env, *args, "--date", "2026-12-07")
    assert result.returncode == 0, result.stderr[-3000:]
    passed = [x for x in klass if math.floor(100 * sum(x.right.values()) / len(x.right) + 0.5) >= manifest.mastery]
    assert 0 < len(list(out.glob("*.pdf"))) == len(passed) < len(klass)
    assert len(list(marks.iterdir())) >= 3  # results, keygen and certificates, each without the POSIX names
