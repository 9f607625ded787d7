"""What the site's search finds: each page once.

A glossary term is an index entry of 术语表 as well as words on that page, so the search listed 术语表 twice for
one term. The search index leaves the terms' index entries out (the general index keeps them, it reads them
when pages are read); the page itself is still found by every term it defines.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def drop_glossary_index_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    for glossary in list(doctree.findall(addnodes.glossary)):
        for entry in list(glossary.findall(addnodes.index)):
            entry.parent.remove(entry)
