"""`quizgen export`, `paper` and `generate` stopped by SIGTERM in the middle of writing their output leave no part
of it: no temporary file, no half-written output, the previous output byte for byte, exit status 128 + 15 and
the 已中断 message, as docs/maintainer/cli.md promises for every command.

Each command runs in a child process, as a user runs it, through its real code path. The child pauses halfway
through writing a temporary file beside an output (for `paper`, with a first file of the set already written and
waiting to be moved into place) and says so on its standard output; the test waits for that line (no fixed pause),
checks the half-written file is there, and sends SIGTERM.

Broken on purpose, this fails: without ``signals_raise`` around the command (SIGTERM kills the process: status
-15, the temporary file stays), with a writer whose clean-up catches ``Exception`` only (``Interrupted`` is a
``BaseException``: the temporary file stays), or with a writer that writes straight into the output (the child
never pauses beside it, or leaves the output half-written).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from buildenv import build_env

ROOT = Path(__file__).resolve().parent.parent
SPEC = "quizzes/papers/quiz-30min.yaml"

# The command, paused halfway through writing its ``pause_at``-th temporary output file: half the bytes are on disk.
DRIVER = textwrap.dedent(
    """
    import os, sys, time
    from quizgen.cli import main

    opened = []
    real_fdopen = os.fdopen

    class Paused:
        def __init__(self, out):
            self.out = out

        def write(self, data):
            half = len(data) // 2
            self.out.write(data[:half])
            self.out.flush()
            print("WRITING", os.readlink(f"/proc/self/fd/{self.out.fileno()}"), flush=True)
            time.sleep(120)  # SIGTERM arrives here
            return half + self.out.write(data[half:])

        def __getattr__(self, name):
            return getattr(self.out, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.out.__exit__(*exc)

    def fdopen(fd, *args, **kwargs):  # quizgen.output opens each temporary file it writes with os.fdopen
        out = real_fdopen(fd, *args, **kwargs)
        if not os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            return out
        opened.append(out)
        return Paused(out) if len(opened) == int(sys.argv[1]) else out

    os.fdopen = fdopen
    sys.exit(main(sys.argv[2:]))
    """
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stop_mid_write(argv: list[str], pause_at: int = 1) -> tuple[int, str, Path]:
    """Run ``quizgen ARGV``, SIGTERM it while it writes; returns its status, its stderr and the temporary file."""
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(pause_at), *argv],
        cwd=ROOT, env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = child.stdout.readline()  # blocks until the child pauses (or ends: then the line is empty)
        assert line.startswith("WRITING "), f"the command never paused while writing:\n{line}{child.stderr.read()}"
        temp = Path(line.split(" ", 1)[1].strip())
        assert temp.is_file() and temp.stat().st_size > 0  # mid-write: the temporary file holds the new output
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode, err, temp


def assert_stopped_cleanly(status: int, err: str, temp: Path) -> None:
    assert status == 128 + signal.SIGTERM, err
    assert "已中断（SIGTERM），没有留下不完整的输出" in err and "Traceback" not in err
    assert not temp.exists()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fmt", ["gift", "xlsx"])
def test_export_stopped_mid_write_keeps_the_previous_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    out.write_bytes(b"the previous export")
    status, err, temp = stop_mid_write(["export", "-f", fmt, "-o", str(out)])
    assert_stopped_cleanly(status, err, temp)
    assert temp.parent == tmp_path  # it was written beside the output, and is gone
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_export_stopped_mid_write_makes_no_new_file(tmp_path: Path) -> None:
    out = tmp_path / "new" / "all.json"
    status, err, temp = stop_mid_write(["export", "-f", "json", "-o", str(out)])
    assert_stopped_cleanly(status, err, temp)
    assert not out.exists() and leftovers(tmp_path) == []


def test_paper_stopped_mid_write_keeps_the_previous_set(tmp_path: Path) -> None:
    """A paper is a set of files (paper, answer sheet, key…): stopped with the first already written beside the
    folder and the second being written, the folder still holds the previous set, every file as it was."""
    out = tmp_path / "paper"
    first = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "paper", SPEC, "-o", str(out)],
        cwd=ROOT, env=build_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    for path in out.iterdir():  # an earlier set, different from what the command writes now
        path.write_bytes(b"previous " + path.name.encode())
    before = snapshot(out)
    assert len(before) >= 3
    status, err, temp = stop_mid_write(["paper", SPEC, "-o", str(out)], pause_at=2)
    assert_stopped_cleanly(status, err, temp)
    assert snapshot(out) == before and leftovers(tmp_path) == []


def test_generate_stopped_mid_write_keeps_the_previous_bank(tmp_path: Path) -> None:
    out = tmp_path / "generated.yaml"
    previous = (ROOT / "quizzes" / "banks" / "generated.yaml").read_bytes() + b"# an earlier run\n"
    out.write_bytes(previous)  # a generated bank (generate refuses to write over any other file)
    status, err, temp = stop_mid_write(["generate", "-o", str(out)])
    assert_stopped_cleanly(status, err, temp)
    assert out.read_bytes() == previous
    assert sorted(os.listdir(tmp_path)) == ["generated.yaml"]
