"""What the site's search finds: each page once, and the course's terms as whole words.

A glossary term is an index entry of 术语表 as well as words on that page, so the search listed 术语表 twice for
one term. The search index leaves the terms' index entries out (the general index keeps them, it reads them
when pages are read); the page itself is still found by every term it defines.

jieba cuts 中央八项规定精神 into one word (and its two- and three-character parts), so a search for 八项规定 missed
every page that says it only inside the longer name. Every term of the search dictionary (``html_search_options
["dict"]``, docs/search-terms.txt: the glossary's terms and the official lists') that a text contains is indexed
as a word of that text, whatever jieba made of it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese


def drop_glossary_index_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    for glossary in list(doctree.findall(addnodes.glossary)):
        for entry in list(glossary.findall(addnodes.index)):
            entry.parent.remove(entry)


def dictionary_terms(path: str | None) -> list[str]:
    """The words of a jieba dictionary file (``word [frequency] [tag]`` a line)."""
    if not path or not Path(path).is_file():
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]


def terms_in(text: str, terms: list[str]) -> list[str]:
    return [term for term in terms if term in text]


class SearchChineseWholeTerms(SearchChinese):
    """Sphinx's Chinese search, with every dictionary term a text contains among its words."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.whole_terms = dictionary_terms(options.get("dict"))

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        return words + terms_in(input, self.whole_terms)


def search_language(old_sphinx: bool) -> type[SearchChinese]:
    if not old_sphinx:
        return SearchChineseWholeTerms

    class SearchChineseFixed(SearchChineseWholeTerms):
        language_name = "English"  # names the stemmer class that language_data.js really defines (before 9.1.1)

    return SearchChineseFixed
