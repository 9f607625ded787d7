"""``imsmanifest.xml`` for a SCORM 1.2 package: IMS Content Packaging 1.1.2 with ADL's ``adlcp`` extension.

One organization with one item, one SCO resource (the launch page) listing every file of the package. The
``adlcp`` prefix is spelled out because some LMSs (Moodle among them) read ``adlcp:scormtype`` and
``adlcp:masteryscore`` by that literal name. Every element is built with lxml, so titles are escaped for XML.
"""

from __future__ import annotations

from urllib.parse import quote

from lxml import etree

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{CP}}}{tag}", attrs)
    element.text = text
    return element


def identifier(text: str) -> str:
    """An xsd:ID (NCName) made of the given course name and version."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "_" for c in text)


def imsmanifest(name: str, version: str, title: str, mastery: int, launch: str, files: list[str]) -> bytes:
    """The manifest: ``launch`` is the SCO's entry page; ``files`` are every path in the package (posix, relative)."""
    root = etree.Element(
        f"{{{CP}}}manifest",
        {"identifier": identifier(f"{name}-{version}"), "version": version},
        nsmap={None: CP, "adlcp": ADLCP},
    )
    metadata = _el(root, "metadata")
    _el(metadata, "schema", "ADL SCORM")
    _el(metadata, "schemaversion", "1.2")
    organizations = _el(root, "organizations", default="course")
    organization = _el(organizations, "organization", identifier="course")
    _el(organization, "title", title)
    item = _el(organization, "item", identifier="course-item", identifierref="course-sco", isvisible="true")
    _el(item, "title", title)
    etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(mastery)
    resources = _el(root, "resources")
    resource = _el(resources, "resource", identifier="course-sco", type="webcontent", href=quote(launch))
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for path in files:
        _el(resource, "file", href=quote(path))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
