"""Outputs never cost the user a file: no write over an input, no folder deleted that quizgen did not make, modes
from the umask, links written through, and a course build stopped by a signal leaves no child and no half.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizgen.cli import main
from quizgen.output import MARKER, MARKER_TEXT, OutputRefused, guard_folder, project_inputs, write_file

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "quizzes" / "banks" / "m1-l1.yaml"
SPEC = "quizzes/papers/quiz-30min.yaml"
HALF = ROOT / "quizzes" / "courses" / "new-cadres-half-day.yaml"


@pytest.fixture(autouse=True)
def in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- never over an input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["quizzes", ".", "..", "docs/modules", "quizzes/banks", "quizzes/banks/m1-l1.yaml"])
def test_course_build_refuses_the_project_and_its_inputs(target: str, capsys) -> None:
    before = snapshot(ROOT / "quizzes")
    assert main(["course", "build", str(HALF), "--only", "site", "-o", target]) == 2
    err = capsys.readouterr().err
    assert "拒绝使用输出文件夹" in err and "Traceback" not in err
    assert snapshot(ROOT / "quizzes") == before
    resolved = (ROOT / target).resolve()
    assert not list(resolved.parent.glob(f".{resolved.name}.*"))  # refused before any temporary folder


def test_course_build_refuses_a_folder_it_did_not_make(tmp_path: Path, capsys) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "my-notes.txt").write_text("培训笔记", encoding="utf-8")
    assert main(["course", "build", str(HALF), "--only", "site", "-o", str(mine)]) == 2
    assert "不是 quizgen 生成的" in capsys.readouterr().err
    assert (mine / "my-notes.txt").read_text(encoding="utf-8") == "培训笔记"
    assert [p.name for p in tmp_path.iterdir()] == ["notes"]


def test_guard_folder_accepts_new_empty_and_marked_folders(tmp_path: Path) -> None:
    inputs = project_inputs(ROOT)
    guard_folder(tmp_path / "new", ROOT, inputs)
    (tmp_path / "empty").mkdir()
    guard_folder(tmp_path / "empty", ROOT, inputs)
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (marked / "site").mkdir()
    guard_folder(marked, ROOT, inputs)
    with pytest.raises(OutputRefused):
        guard_folder(tmp_path, ROOT, inputs)  # holds the marked folder but is not marked itself
    link = tmp_path / "link"
    link.symlink_to(ROOT / "quizzes")
    with pytest.raises(OutputRefused, match="包含输入"):
        guard_folder(link, ROOT, inputs)  # a link is judged by the folder it points to


def test_export_refuses_to_overwrite_a_bank(tmp_path: Path, capsys) -> None:
    before = BANK.read_bytes()
    assert main(["export", "-f", "json", "-o", str(BANK.relative_to(ROOT))]) == 2
    assert "拒绝写入" in capsys.readouterr().err
    link = tmp_path / "export.json"
    link.symlink_to(BANK)
    assert main(["export", "-f", "json", "-o", str(link)]) == 2
    assert BANK.read_bytes() == before
    assert link.is_symlink()


def test_export_refuses_to_overwrite_the_bank_it_reads(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    shutil.copy(ROOT / "quizzes" / "examples" / "minimal.yaml", bank)
    before = bank.read_bytes()
    assert main(["export", str(bank), "-f", "json", "-o", str(bank)]) == 2
    assert bank.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["bank.yaml"]


def test_paper_refuses_to_write_over_its_spec(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "quiz-30min-A.json").symlink_to(ROOT / SPEC)
    before = (ROOT / SPEC).read_bytes()
    assert main(["paper", SPEC, "-o", str(out)]) == 2
    assert "拒绝写入" in capsys.readouterr().err
    assert (ROOT / SPEC).read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["quiz-30min-A.json"]  # nothing else written either


@pytest.mark.parametrize("target", ["quizzes/facts.yaml", "quizzes/banks/m1-l1.yaml", "quizzes/speech.txt"])
def test_generate_refuses_to_overwrite_an_input(target: str, capsys) -> None:
    before = (ROOT / target).read_bytes()
    assert main(["generate", "-o", target]) in (1, 2)
    assert "Traceback" not in capsys.readouterr().err
    assert (ROOT / target).read_bytes() == before


def test_generate_writes_another_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "other.yaml"
    assert main(["generate", "-o", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "quizzes" / "banks" / "generated.yaml").read_bytes()
    assert main(["generate", "-o", str(out)]) == 0  # and again over its own earlier output


# -- modes and links ----------------------------------------------------------------------------------------------


def test_new_outputs_get_the_umask_modes(tmp_path: Path, umask_022) -> None:
    assert main(["export", "-f", "json", "-o", str(tmp_path / "new" / "all.json")]) == 0
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "new" / "all.json").stat().st_mode) == 0o644
    assert main(["paper", SPEC, "-o", str(tmp_path / "paper")]) == 0
    assert stat.S_IMODE((tmp_path / "paper").stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "paper").iterdir()} == {0o644}
    assert main(["generate", "-o", str(tmp_path / "generated.yaml")]) == 0
    assert stat.S_IMODE((tmp_path / "generated.yaml").stat().st_mode) == 0o644


def test_an_existing_output_keeps_its_mode(tmp_path: Path, umask_022) -> None:
    out = tmp_path / "all.wjx"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert main(["export", "-f", "wjx", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8") != "old"


def test_a_link_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "store" / "bank.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    assert main(["export", "-f", "json", "-o", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in real.parent.iterdir()) == ["bank.json"]  # no temporary file left
    write_file(link, b"again")
    assert link.is_symlink() and real.read_bytes() == b"again"


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """/dev/NAME, or as root a node of the same device in ``tmp_path``: root could replace the system's own if the
    code under test were broken, anyone else cannot write into /dev."""
    if os.geteuid() != 0:
        return Path("/dev") / name
    node = tmp_path / "dev" / name
    node.parent.mkdir()
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return node


def test_a_device_or_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    assert main(["export", "-f", "json", "-o", str(null)]) == 0
    assert null.is_char_device()
    shutil.rmtree(tmp_path / "dev", ignore_errors=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert main(["export", "-f", "json", "-o", str(fifo), "--bank", "m1-l1"]) == 0
    out, _ = reader.communicate(timeout=30)
    assert out.startswith(b"{") and fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_full_device_is_an_error_not_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Writing to /dev/full fails: the run says so in Chinese and exits non-zero, and the device stays a device
    (falling back to write-and-rename would put a file in its place: as root, on a node of the test's own)."""
    full = device(tmp_path, "full", 7)
    assert main(["export", "-f", "json", "-o", str(full), "--bank", "m1-l1"]) == 1
    assert f"quizgen: 无法写入 {full}：磁盘空间不足" in capsys.readouterr().err
    assert full.is_char_device()
    assert not [p for p in full.parent.iterdir() if p.name.startswith(".full.")]  # no temporary file beside it


def test_a_folder_that_cannot_be_written_is_named_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes").write_text("", encoding="utf-8")
    # a path through a file: the same failure for root and for anyone else
    assert main(["export", "-f", "json", "-o", str(tmp_path / "notes" / "bank.json"), "--bank", "m1-l1"]) == 1
    err = capsys.readouterr().err
    assert "无法写入" in err and "路径中有一项是文件，不能在它下面建文件夹" in err and "Traceback" not in err
    assert (tmp_path / "notes").read_text(encoding="utf-8") == ""


# -- a course build stopped by a signal ---------------------------------------------------------------------------


def _processes() -> dict[int, tuple[int, str]]:
    """pid → (parent pid, state) of every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            table[int(entry.name)] = (int(fields[1]), fields[0])
    return table


def _descendants(pid: int) -> set[int]:
    table = _processes()
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, _) in table.items():
            if ppid == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _running(pids: set[int]) -> set[int]:
    table = _processes()
    return {p for p in pids if p in table and table[p][1] != "Z"}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _written_since(tmp_path: Path, moment: float) -> bool:
    """Whether a file of the temporary build folders beside the output changed at or after ``moment``."""
    for folder in tmp_path.glob(".course.*"):
        for path in folder.rglob("*"):
            try:
                if not path.is_symlink() and path.is_file() and path.stat().st_mtime >= moment:
                    return True
            except OSError:  # written and removed meanwhile
                return True
    return False


def _stop_during(tmp_path: Path, only: str, marker: bytes, sig: signal.Signals) -> None:
    """Start a small course build, send ``sig`` once a process whose command line holds ``marker`` runs, and check
    that nothing is left: no child, no temporary folder, the previous output as it was."""
    manifest = tmp_path / "small.yaml"
    text = HALF.read_text(encoding="utf-8")
    lessons = text[text.index("lessons:") : text.index("pages:")]
    manifest.write_text(text.replace(lessons, "lessons: [m1-l1, m3-l2]\n"), encoding="utf-8")
    out = tmp_path / "course"
    out.mkdir()
    (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (out / "course.json").write_text('{"id": "previous"}', encoding="utf-8")
    before = snapshot(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    build = subprocess.Popen(
        [sys.executable, "-m", "quizgen.cli", "course", "build", str(manifest), "--only", only, "-o", str(out)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while not any(marker in _cmdline(p) for p in _descendants(build.pid)):
            assert build.poll() is None and time.monotonic() < deadline, f"{marker!r} never started"
            time.sleep(0.05)
        started = time.time()
        while not _written_since(tmp_path, started):  # the child at work: it has written into the build beside
            assert build.poll() is None and time.monotonic() < deadline, f"{marker!r} never wrote anything"
            time.sleep(0.05)
        children = _descendants(build.pid)
        assert build.poll() is None and _running(children)
        build.send_signal(sig)
        _, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode == 128 + sig, err
    assert "已中断" in err and "Traceback" not in err
    assert not _running(children), "a child of the build is still running"
    assert [p.name for p in tmp_path.iterdir() if p.name != "small.yaml"] == ["course"]  # no temporary folder
    assert snapshot(out) == before  # the previous output is untouched


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_course_build_stopped_in_sphinx_leaves_no_child_and_no_half(tmp_path: Path, sig: signal.Signals) -> None:
    _stop_during(tmp_path, "site", b"sphinx_run", sig)


@pytest.mark.slow
def test_a_course_build_stopped_in_xelatex_leaves_no_child_and_no_half(tmp_path: Path) -> None:
    _stop_during(tmp_path, "paper", b"xelatex", signal.SIGTERM)  # make → latexmk → xelatex, in a worker thread
