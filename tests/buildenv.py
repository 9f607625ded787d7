"""The environment every build in the tests runs in, as the Makefile sets it: one definition for all fixtures.

The Makefile exports ``SOURCE_DATE_EPOCH`` (the last commit's date, else 2020-01-01) and ``PYTHONHASHSEED=0`` and
builds with ``SPHINXOPTS = -n -W --keep-going``; tests/test_makefile.py keeps these in step with it.
"""

from __future__ import annotations

import os

DEFAULT_EPOCH = "1577836800"  # 2020-01-01, the Makefile's fallback
SPHINX_OPTS = ("-n", "-W", "--keep-going")


def build_env(**extra: str) -> dict[str, str]:
    """os.environ plus a fixed date (unless the caller set one) and a fixed hash seed, plus ``extra``."""
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH),
        "PYTHONHASHSEED": "0",
        **extra,
    }
