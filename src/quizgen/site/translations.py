"""The site's own words for the theme (message catalogs named by ``quizgen_locale_dirs``), compiled into the build.

Sphinx compiles each ``.po`` of ``locale_dirs`` into a ``.mo`` beside it, so every fresh build wrote into the site's
sources (docs/locales). The project names its catalogs in ``quizgen_locale_dirs`` instead and leaves
``locale_dirs`` empty: here each ``.po`` is compiled into the doctree folder, and its translations are put in front
of Sphinx's and the theme's own, where ``locale_dirs`` would have put them.
"""

from __future__ import annotations

import gettext
import io
import itertools
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.config import Config

FOLDER = "quizgen-locales"  # inside the doctree folder


def compile_catalog(po: Path, mo: Path, language: str) -> None:
    """``po`` compiled into ``mo``, which is written only when its content changes (an incremental build stays so)."""
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    data = buffer.getvalue()
    if not mo.is_file() or mo.read_bytes() != data:
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(data)


def load_translations(app: Sphinx, config: Config) -> None:
    language = config.language or "en"
    chain: list[gettext.NullTranslations] = []
    for number, folder in enumerate(config.quizgen_locale_dirs):
        po = Path(app.confdir, folder) / language / "LC_MESSAGES" / "sphinx.po"
        if po.is_file():
            compiled = Path(app.doctreedir) / FOLDER / str(number)
            compile_catalog(po, compiled / language / "LC_MESSAGES" / "sphinx.mo", language)
            chain.append(gettext.translation("sphinx", localedir=compiled, languages=[language]))
    previous = locale.translators.get(("general", "sphinx"))
    if not chain:
        return
    if previous is not None and previous.__class__ is not gettext.NullTranslations:
        chain.append(previous)  # Sphinx's own catalog; the theme adds its own at the end later
    for first, then in itertools.pairwise(chain):
        first.add_fallback(then)
    locale.translators["general", "sphinx"] = chain[0]
    app.translator = chain[0]


def setup_translations(app: Sphinx) -> None:
    app.connect("config-inited", load_translations)
