"""Slow pure build steps are kept between builds, keyed by everything they read, and give the same text."""

from __future__ import annotations

from pathlib import Path

from quizgen.sphinx.build_cache import cached
from quizgen.sphinx.runtime import runtime_js


def test_a_cached_result_is_reused_until_an_input_changes(tmp_path: Path) -> None:
    calls: list[str] = []

    def make(text: str):
        return lambda: calls.append(text) or text.upper()

    assert cached(tmp_path, "demo", ["a", "b"], make("ab")) == "AB"
    assert cached(tmp_path, "demo", ["a", "b"], make("ab")) == "AB"
    assert calls == ["ab"]
    assert cached(tmp_path, "demo", ["ab", ""], make("ab2")) == "AB2"  # parts are separated: no collision
    assert calls == ["ab", "ab2"]
    assert len(list((tmp_path / "quizgen-cache").glob("demo-*.txt"))) == 1  # one entry per kind
    assert not list((tmp_path / "quizgen-cache").glob(".*"))  # no temporary file left


def test_a_damaged_or_unwritable_cache_costs_only_time(tmp_path: Path) -> None:
    cached(tmp_path, "demo", ["x"], lambda: "X")
    entry = next((tmp_path / "quizgen-cache").glob("demo-*.txt"))
    entry.write_bytes(b"\xff\xfe")  # not UTF-8: made again
    assert cached(tmp_path, "demo", ["x"], lambda: "X") == "X"
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert cached(blocked, "demo", ["x"], lambda: "X") == "X"  # the cache folder cannot be made


def test_the_cached_runtime_is_the_runtime(tmp_path: Path) -> None:
    assert runtime_js(tmp_path) == runtime_js()
    assert runtime_js(tmp_path) == runtime_js()  # read back from the cache
    assert len(list((tmp_path / "quizgen-cache").glob("runtime-*.txt"))) == 1
