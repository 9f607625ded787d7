"""The tools a course build runs (Sphinx in its own process, latexmk/xelatex), supervised so none outlives it.

On POSIX each tool leads its own process group, so a whole tree (latexmk → xelatex, Sphinx and its workers) is
stopped at once: SIGTERM, then SIGKILL after a grace period. Windows has neither process groups nor those
signals: there a tool starts in a new process group of its own (``CREATE_NEW_PROCESS_GROUP``) and is stopped
with its children by ``taskkill /T``, or by ``Popen.kill`` where taskkill is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

# What a build needs for its PDFs (the site needs Python alone).
PDF_TOOLS = ("xelatex", "latexmk")


class BuildError(Exception):
    """A step of the build failed; the message says which, with its output."""


def _groups() -> bool:
    """Whether this system stops a tool with its children through a process group (POSIX)."""
    return hasattr(os, "killpg") and hasattr(signal, "SIGKILL")


class Children:
    """The tools running for a build; :meth:`stop` ends every one of them with the processes it started."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: set[subprocess.Popen] = set()
        self.stopping = False

    def start(self, command: list[str], what: str, **kwargs: Any) -> subprocess.Popen:
        if _groups():
            kwargs["start_new_session"] = True
        else:
            kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        with self.lock:
            if self.stopping:
                raise BuildError(f"{what}已取消")
            process = subprocess.Popen(command, **kwargs)
            self.running.add(process)
        return process

    def done(self, process: subprocess.Popen) -> None:
        with self.lock:
            self.running.discard(process)

    def stop(self, grace: float = 5.0) -> None:
        """End every tool still running, with its children."""
        with self.lock:
            self.stopping = True
            alive = list(self.running)
        if not _groups():
            for process in alive:
                _stop_tree(process)
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for process in alive:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, sig)
            deadline = time.monotonic() + grace
            while alive and time.monotonic() < deadline:
                alive = [p for p in alive if _group_alive(p)]
                time.sleep(0.05)
            if not alive:
                return

    def reset(self) -> None:
        with self.lock:
            self.stopping = False


def _group_alive(leader: subprocess.Popen) -> bool:
    """Whether any process of the leader's group still exists (the leader is reaped first if it has exited)."""
    leader.poll()
    try:
        os.killpg(leader.pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _stop_tree(process: subprocess.Popen) -> None:
    """Windows: the process and everything it started (taskkill /T), else the process alone."""
    if process.poll() is not None:
        return
    taskkill = shutil.which("taskkill")
    if taskkill:
        subprocess.run([taskkill, "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


CHILDREN = Children()


def build_env() -> dict[str, str]:
    """The environment of every tool: reproducible hashing and dates."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.setdefault("SOURCE_DATE_EPOCH", "1577836800")
    return env


def run(command: list[str], what: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    """Run a tool to its end; raise BuildError with the end of its output when it fails."""
    process = CHILDREN.start(
        command,
        what,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=env or build_env(),
    )
    try:
        stdout, stderr = process.communicate()
    except BaseException:  # a signal while waiting: the tool and its children go too
        CHILDREN.stop()
        raise
    finally:
        CHILDREN.done(process)
    if process.returncode != 0:
        output = (stderr.strip() + "\n" + stdout.strip()).strip()
        raise BuildError(f"{what}失败：\n{output[-6000:]}")


def python_module(module: str, *args: str, what: str) -> None:
    """``python -m module args`` with this interpreter."""
    run([sys.executable, "-m", module, *args], what)


def latexmk(tex: Path, what: str) -> Path:
    """``tex`` typeset by latexmk with xelatex, as Sphinx's Makefile would (its ``latexmkrc`` reads LATEXOPTS),
    without needing make; returns the PDF."""
    env = {**build_env(), "LATEXOPTS": "-interaction=nonstopmode"}
    # Sphinx's folders bring a latexmkrc that makes -pdf run xelatex; a folder of ours says so itself.
    mode = (
        ["-pdf", "-dvi-", "-ps-"] if (tex.parent / "latexmkrc").is_file() else ["-xelatex", "-interaction=nonstopmode"]
    )
    run(["latexmk", *mode, "-silent", "-halt-on-error", tex.name], what, cwd=tex.parent, env=env)
    return tex.with_suffix(".pdf")


def missing_pdf_tools() -> list[str]:
    return [tool for tool in PDF_TOOLS if not shutil.which(tool)]
