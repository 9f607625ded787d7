"""Writing outputs without losing anything: never over an input, never half-written, never a foreign folder.

- ``write_file`` and ``write_files`` write each file to a temporary file in its target's own folder and move it
  into place with ``os.replace``, so a reader sees the old file or the new one, never a part. A symbolic link is
  written through: its target gets the new content and the link stays. A new file gets the mode the umask
  gives (0644 under umask 022), a file that existed keeps its mode.
- ``guard_file`` and ``guard_folder`` refuse, before any work, a target that is one of the project's inputs
  (banks, facts, speech, specs, manifests, the site's pages) or lies in a folder of them (docs/, src/, quizzes/
  and its folders of YAML files: a key written into docs/ would be published), or, for a folder that a build
  replaces, one that is or holds the project or an input, or that quizgen did not create (``MARKER`` is missing).
- ``signals_raise`` turns SIGTERM and SIGHUP (and SIGINT) into ``Interrupted``, so the clean-up code of a
  command runs when it is stopped.

A refusal raises ``OutputRefused``; the command line prints its message and exits with status 2.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .layout import QUIZZES, SPEECH
from .problems import display_path

MARKER = ".quizgen-output"
MARKER_TEXT = "quizgen 生成的文件夹：再次生成时会整个替换。请不要把自己的文件放在这里。\n"
# What quizgen reads in a project, so nothing may be written over it: every file of the site's pages and the
# package, the configuration, the speech, and under quizzes/ every YAML file (banks, facts, specs, manifests,
# notes) but not the sample exports kept there, which are outputs.
INPUT_FOLDERS = ("docs", "src")
INPUT_FILES = ("conf.py", "pyproject.toml", SPEECH)
QUIZZES_INPUTS = (".yaml", ".yml")


class OutputRefused(Exception):
    """The output named cannot be written without overwriting or deleting something that must stay."""


class Interrupted(BaseException):  # like KeyboardInterrupt: not an error of the program
    """A signal asked the command to stop."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def real(path: Path) -> Path:
    """``path`` with every symbolic link followed, even a link whose target does not exist yet."""
    return Path(os.path.realpath(path))


def new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def project_inputs(root: Path, *extra: Path | str) -> list[Path]:
    """The project's input folders and files (resolved), plus ``extra`` (files or folders read by this run)."""
    paths = [root / name for name in INPUT_FOLDERS + INPUT_FILES]
    quizzes = root / QUIZZES
    if quizzes.is_dir():
        found = [p for p in quizzes.rglob("*") if p.suffix in QUIZZES_INPUTS and p.is_file()]
        # the folders that hold them are inputs too: a paper or an export written into quizzes/banks would be read
        # as a bank next time; quizzes/ itself holds the speech
        paths += [quizzes, *found, *(p.parent for p in found)]
    paths += [root / p for p in extra]  # root / an absolute path is that path
    return sorted({real(p) for p in paths if p.exists()})


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def guard_file(target: Path, inputs: Iterable[Path], allow: Iterable[Path] = ()) -> None:
    """Refuse to write ``target`` if it is an existing input file or lies in an input folder (``allow``: exceptions)."""
    path = real(target)
    if path in {real(a) for a in allow}:
        return
    for item in inputs:
        if path == item:
            raise OutputRefused(f"拒绝写入 {target}：它是输入文件，写入会覆盖它。请用 -o 指定别的文件")
        if _inside(path, item):  # new files too: a key written into docs/ would be published by the next build
            raise OutputRefused(
                f"拒绝写入 {target}：它在输入文件夹 {display_path(item)} 中，输出不能放进输入。请用 -o 指定别的位置"
            )


def guard_folder(
    target: Path, root: Path, inputs: Iterable[Path], ours: Callable[[Path], bool] = lambda folder: False
) -> None:
    """Refuse a folder that a build would replace as a whole if anything in it must stay (``ours``: recognises
    an output of this build made before the marker existed)."""
    path = real(target)
    if _inside(real(root), path):
        raise OutputRefused(f"拒绝使用输出文件夹 {target}：它是项目文件夹或包含项目，生成时会被整个替换")
    for item in inputs:
        if _inside(item, path):
            raise OutputRefused(f"拒绝使用输出文件夹 {target}：它包含输入 {display_path(item)}，生成时会被整个替换")
        if item.is_dir() and _inside(path, item):
            raise OutputRefused(f"拒绝使用输出文件夹 {target}：它在输入文件夹 {display_path(item)} 中")
    if path.exists() and not path.is_dir():
        raise OutputRefused(f"拒绝使用输出文件夹 {target}：这是一个文件，不是文件夹")
    if path.is_dir() and any(path.iterdir()) and not (path / MARKER).is_file() and not ours(path):
        raise OutputRefused(
            f"拒绝使用输出文件夹 {target}：它不是空文件夹，也不是 quizgen 生成的（没有 {MARKER}），"
            "生成时会被整个替换。请指定一个新的或空的文件夹"
        )


def _write_temp(target: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``target``, with the mode ``target`` has or a new file would get."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = new_file_mode()
    # the name's start only: a target whose name is as long as the file system allows still gets a temporary file
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if hasattr(os, "fchmod"):  # POSIX; on Windows a new file's mode is the default
                os.fchmod(out.fileno(), mode)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _folder_for(target: Path) -> Path:
    """The file ``target`` names, links followed, once its folder exists: folders are made as ``target`` names them,
    never at the far end of a symbolic link, whose folder must already be there."""
    path = real(target)
    if os.path.islink(target):
        if not path.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, "符号链接指向的文件夹不存在", str(target))
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` (links followed) to write to; moved over ``target`` when the block ends
    without an error, removed otherwise."""
    path = _folder_for(target)
    temp = _write_temp(path, b"")
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_file(target: Path, data: bytes, inputs: Iterable[Path] = (), allow: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``target`` atomically (through a link to its target); returns the file written.
    A device or pipe (``/dev/null``, ``/dev/stdout``, a FIFO) is written to directly: it cannot be replaced."""
    guard_file(target, inputs, allow)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = 0  # nothing there yet (or not reachable): the atomic path below reports what fails
    if mode and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # a failed write (a full disk, /dev/full) is the caller's error to report, never a fall-through to the
        # atomic path, which would replace the device itself with a file
        with open(target, "wb") as out:
            out.write(data)
        return target
    path = _folder_for(target)
    temp = _write_temp(path, data)
    try:
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def write_files(folder: Path, files: dict[str, bytes], inputs: Iterable[Path] = ()) -> list[Path]:
    """Write several files into ``folder``; none is moved into place until every one is written."""
    inputs = list(inputs)
    targets = {name: real(folder / name) for name in files}
    for name in files:
        guard_file(folder / name, inputs)
    made = not real(folder).exists()
    Path(folder).mkdir(parents=True, exist_ok=True)  # a dangling link is an error here, never a folder made for it
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            _folder_for(folder / name)
            temps.append((_write_temp(targets[name], data), targets[name]))
        for temp, target in temps:
            os.replace(temp, target)
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        if made and not any(real(folder).iterdir()):
            real(folder).rmdir()
        raise
    return [folder / name for name in files]


# Those this system has (Windows has no SIGHUP).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


@contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM, SIGINT and SIGHUP raise ``Interrupted`` (once; later ones are ignored while the
    clean-up runs). Outside the main thread, where Python cannot set handlers, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = False

    def handler(signum: int, frame: object) -> None:
        nonlocal fired
        if not fired:
            fired = True
            raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def signals_held() -> Iterator[None]:
    """Within the block the stop signals wait (a few renames that must not be cut in half)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield  # Windows cannot hold signals; Ctrl+C there is a KeyboardInterrupt between the renames at worst
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
