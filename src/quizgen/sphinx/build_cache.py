"""Results of slow pure steps (minifying the runtime, trimming the theme's stylesheets) kept between builds in the
doctree folder, keyed by a hash of everything they depend on: an incremental build skips them when nothing they
read has changed, and a changed input simply gets a new key. One entry per kind is kept."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def cached(folder: Path, kind: str, inputs: Iterable[str], make: Callable[[], str]) -> str:
    digest = hashlib.sha256()
    for part in inputs:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    store = folder / "quizgen-cache"
    path = store / f"{kind}-{digest.hexdigest()}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    value = make()
    try:
        store.mkdir(parents=True, exist_ok=True)
        for old in store.glob(f"{kind}-*.txt"):
            old.unlink(missing_ok=True)
        handle, temp = tempfile.mkstemp(dir=store, prefix=f".{kind}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(value)
        os.replace(temp, path)  # whole or not at all: a build stopped here leaves no half entry
    except OSError:
        pass  # a cache that cannot be written only costs time
    return value
