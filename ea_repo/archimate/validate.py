"""Validation of an exchange file against the Open Group XSDs shipped in metamodel/data/archimate, offline."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from metamodel.archimate import SCHEMA_FILE, XML_SCHEMA_FILE


class _LocalXmlSchema(etree.Resolver):
    """Answers the XSDs' import of http://www.w3.org/2001/xml.xsd with the bundled copy: no network."""

    def resolve(self, url, public_id, context):
        if url and url.endswith("xml.xsd"):
            return self.resolve_filename(str(XML_SCHEMA_FILE), context)
        return None


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlSchema())
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), parser))


def validate(tree_or_bytes: etree._ElementTree | etree._Element | bytes) -> list[str]:
    """The schema's problems with the document ("line N: message"), empty when it is valid.

    Bytes are parsed without network access or entity expansion; a document that does not parse is one problem."""
    if isinstance(tree_or_bytes, (bytes, bytearray)):
        try:
            parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
            tree_or_bytes = etree.fromstring(bytes(tree_or_bytes), parser)
        except etree.XMLSyntaxError as exc:
            return [f"line {exc.lineno}: {exc.msg}"]
    checker = schema()
    if checker.validate(tree_or_bytes):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]
