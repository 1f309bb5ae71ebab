"""Open Group ArchiMate 3.1 exchange files (as Archi and `ea export --format archimate` write them) -> catalogue
documents.

The file is parsed without network access and without entities (a DOCTYPE is refused), validated against the bundled
XSDs, and turned into the YAML envelope by the one mapping (metamodel/archimate.py). The documents then pass the one
document reader in ea_repo/catalog/importer.py, so limits, ID rules and errors are those of YAML, XLSX and CSV.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ea_repo.archimate.assign import IdAssigner
from ea_repo.archimate.records import DELIVERS, id_example, read_record_properties
from ea_repo.archimate.validate import schema
from ea_repo.catalog.documents import API_VERSION
from ea_repo.core.errors import InputProblem
from ea_repo.core.i18n import Message
from ea_repo.planning.records import INITIATIVE
from ea_repo.storage.db import placeholders
from metamodel import RELATED_FIELD, Kind, RecordKind, load_metamodel
from metamodel.archimate import NAMESPACE, ArchimateMapping, load_archimate_mapping
from metamodel.ids import normalise_id

NS = "{" + NAMESPACE + "}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IDENTIFIER_ANNOTATION = "ArchiMate identifier"  # kept on elements whose ID was assigned: a re-import finds them again
DEFAULT_PLATEAU = "as-is"


@dataclass(frozen=True)
class ExchangeContext:
    """What the repository adds to a file: the IPPD when it holds only one, and the IDs already taken."""

    default_ippd: str | None = None
    taken_ids: frozenset[tuple[str, str]] = frozenset()  # (ippd, element ID) stored
    taken_initiatives: frozenset[tuple[str, str]] = frozenset()  # (ippd, initiative ID) stored
    assigned: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (ippd, ArchiMate identifier) -> ID assigned before


@dataclass
class ExchangeDocument:
    """One catalogue document made from an exchange file, with where it came from."""

    where: str  # file and XPath-like location
    line: int | None
    body: dict


@dataclass
class ExchangeRead:
    documents: list[ExchangeDocument] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


@dataclass
class _Node:
    """An element or relationship of the file: its identifier, type, texts, properties (name -> values)."""

    identifier: str
    type: str
    position: int
    line: int | None
    name: str | None
    documentation: str | None
    properties: dict[str, list[str]]
    source: str = ""  # a relationship's ends; "" on an element
    target: str = ""

    def prop(self, name: str) -> str | None:
        values = self.properties.get(name)
        return values[0] if values else None

    def xpath(self, section: str) -> str:
        return f"/model/{section}s/{section}[{self.position}][@identifier='{self.identifier}']"


def parse_exchange(data: bytes, name: str) -> tuple[etree._Element | None, list[InputProblem]]:
    """The file's root when it parses safely and validates against the XSDs; else the problems, each with its line."""
    if b"<!DOCTYPE" in data[:4096]:  # refused before parsing: no entity is ever declared, let alone expanded
        return None, [
            InputProblem(name, data[: data.find(b"<!DOCTYPE")].count(b"\n") + 1, Message("archimate_doctype"))
        ]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return None, [InputProblem(name, exc.lineno, Message("archimate_not_xml", detail=exc.msg))]
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        return None, [InputProblem(name, 1, Message("archimate_doctype"))]
    if root.tag != f"{NS}model":
        return None, [
            InputProblem(name, root.sourceline, Message("archimate_not_exchange", root=root.tag, namespace=NAMESPACE))
        ]
    checker = schema()
    if not checker.validate(root):
        return None, [
            InputProblem(name, e.line, Message("archimate_import_invalid", detail=e.message)) for e in checker.error_log
        ]
    return root, []


def read_exchange(data: bytes, name: str, context: ExchangeContext | None = None) -> ExchangeRead:
    """Catalogue documents from one exchange file; the reader in importer.py validates them."""
    root, problems = parse_exchange(data, name)
    if root is None:
        return ExchangeRead(problems=problems)
    return _ModelReader(root, name, context or ExchangeContext()).read()


def _text(parent: etree._Element, tag: str) -> str | None:
    """The text of the Indonesian child `tag` (xml:lang="id"), else of the first."""
    children = parent.findall(f"{NS}{tag}")
    chosen = next((c for c in children if c.get(XML_LANG) == "id"), children[0] if children else None)
    return chosen.text if chosen is not None else None


def _nodes(root: etree._Element, section: str, definitions: dict[str, str]) -> list[_Node]:
    nodes = []
    for position, node in enumerate(root.iterfind(f"{NS}{section}s/{NS}{section}"), start=1):
        properties: dict[str, list[str]] = defaultdict(list)
        for prop in node.iterfind(f"{NS}properties/{NS}property"):
            value = _text(prop, "value")
            if value is not None:
                properties[definitions.get(prop.get("propertyDefinitionRef", ""), "")].append(value)
        nodes.append(
            _Node(  # the schema requires identifier and type, and source and target on a relationship
                node.get("identifier", ""),
                node.get(XSI_TYPE, ""),
                position,
                node.sourceline,
                _text(node, "name"),
                _text(node, "documentation"),
                dict(properties),
                node.get("source", ""),
                node.get("target", ""),
            )
        )
    return nodes


class _ModelReader:
    """One file's elements and relationships mapped to kinds, OPD owners, plateaus and links."""

    def __init__(self, root: etree._Element, name: str, context: ExchangeContext):
        self.name, self.context = name, context
        self.mapping: ArchimateMapping = load_archimate_mapping()
        self.metamodel = load_metamodel()
        self.props = self.mapping.properties
        definitions = {
            d.get("identifier", ""): _text(d, "name") or ""
            for d in root.iterfind(f"{NS}propertyDefinitions/{NS}propertyDefinition")
        }
        self.elements = _nodes(root, "element", definitions)
        self.relationships = _nodes(root, "relationship", definitions)
        self.written_ids = {
            node.identifier: node.prop(self.props["id"]) for node in self.elements
        }  # identifier -> ID property
        self.result = ExchangeRead()
        self.kinds: dict[str, Kind] = {}  # identifier -> kind of a catalogue element
        self.ippds: dict[str, _Node] = {}  # identifier -> IPPD actor
        self.opds: dict[str, _Node] = {}  # identifier -> OPD actor
        self.plateaus: dict[str, str] = {}  # identifier -> plateau name
        self.work_packages: dict[str, _Node] = {}  # identifier -> a roadmap initiative
        self.deliverables: dict[str, _Node] = {}  # identifier -> what an initiative delivers
        self.delivered: dict[str, list[str]] = defaultdict(list)  # work package -> deliverables and elements realized
        self.realised: dict[str, str] = {}  # deliverable -> the catalogue element it realizes
        self.unmapped: dict[str, list[str]] = defaultdict(list)

    def read(self) -> ExchangeRead:
        for node in self.elements:
            self._classify(node)
        owners, members, links = self._relationships()
        default_ippd = self._file_ippd() or self.context.default_ippd
        opd_ippd = self._opd_ippds(default_ippd)
        ids = self._ids(default_ippd, opd_ippd, owners)
        for node in self.elements:
            if node.identifier in self.kinds:
                self._element_documents(node, ids, default_ippd, opd_ippd, owners, members, links)
        self._organisation_documents(default_ippd, opd_ippd)
        self._initiative_documents(ids, default_ippd)
        self._note_unmapped()
        return self.result

    # --- elements ------------------------------------------------------------------------
    def _classify(self, node: _Node) -> None:
        written_kind = node.prop(self.props["kind"])
        kind_name = self.mapping.kind_for(node.type, written_kind)
        if kind_name:
            self.kinds[node.identifier] = self.metamodel.kind(kind_name)
        elif node.type == self.mapping.organisation["IPPD"] and written_kind == "IPPD":
            self.ippds[node.identifier] = node
        elif node.type == self.mapping.organisation["OPD"] and (written_kind == "OPD" or self._opd_code(node)):
            self.opds[node.identifier] = node
        elif node.type == self.mapping.initiative and written_kind in (None, INITIATIVE):
            self.work_packages[node.identifier] = node
        elif node.type == self.mapping.deliverable[0]:
            self.deliverables[node.identifier] = node
        elif node.type == self.mapping.plateau[0]:
            self.plateaus[node.identifier] = (
                node.prop(self.props["plateau"]) or node.prop(self.props["id"]) or (node.name or "").strip()
            )
        else:
            self.unmapped[node.type].append(node.identifier)

    def _opd_code(self, node: _Node) -> str | None:
        return node.prop(self.props["opd"]) or node.prop(self.props["id"])

    def _file_ippd(self) -> str | None:
        codes = {node.prop(self.props["id"]) for node in self.ippds.values()} - {None}
        return codes.pop() if len(codes) == 1 else None

    def _opd_ippds(self, default_ippd: str | None) -> dict[str, str | None]:
        """identifier of each OPD actor -> its IPPD: its property, the IPPD composing it, else the default."""
        composed = {
            r.target: self.ippds[r.source].prop(self.props["id"])
            for r in self.relationships
            if r.type == self.mapping.organisation["member"] and r.source in self.ippds and r.target in self.opds
        }
        return {i: node.prop(self.props["ippd"]) or composed.get(i) or default_ippd for i, node in self.opds.items()}

    def _element_ippd(self, node: _Node, default_ippd, opd_ippd, owners) -> str | None:
        return node.prop(self.props["ippd"]) or opd_ippd.get(owners.get(node.identifier, "")) or default_ippd

    def _ids(self, default_ippd, opd_ippd, owners) -> dict[str, str]:
        """identifier -> element ID: the ID property as written, else the next free number of the kind's prefix."""
        written = {
            n.identifier: normalise_id(written_id)
            for n in self.elements
            if n.identifier in self.kinds and (written_id := n.prop(self.props["id"]))
        }
        ippd_of = {
            n.identifier: self._element_ippd(n, default_ippd, opd_ippd, owners) or ""
            for n in self.elements
            if n.identifier in self.kinds
        }
        assigner = IdAssigner({(ippd_of[i], element_id) for i, element_id in written.items()} | self.context.taken_ids)
        ids = dict(written)
        for node in self.elements:
            if node.identifier in self.kinds and node.identifier not in written:
                ids[node.identifier] = self._assign(node, ippd_of[node.identifier], assigner)
        return ids

    def _assign(self, node: _Node, ippd: str, assigner: IdAssigner) -> str:
        kind = self.kinds[node.identifier]
        earlier = self.context.assigned.get((ippd, node.identifier))
        if earlier and kind.id_matches(earlier):
            return earlier
        element_id = assigner.next_id(ippd, kind.id_example)
        self.result.notes.append(
            Message(
                "archimate_id_assigned",
                name=self.name,
                identifier=node.identifier,
                title=node.name or "-",
                id=element_id,
            )
        )
        return element_id

    def _element_documents(self, node: _Node, ids, default_ippd, opd_ippd, owners, members, links) -> None:
        kind = self.kinds[node.identifier]
        metadata, spec = self._properties(node, kind)
        metadata["id"] = ids[node.identifier]
        metadata["name"] = node.name
        ippd = self._element_ippd(node, default_ippd, opd_ippd, owners)
        if ippd:
            metadata["ippd"] = ippd
        if "opd" not in metadata and node.identifier in owners:
            metadata["opd"] = self._opd_code(self.opds[owners[node.identifier]])
        if node.prop(self.props["id"]) is None:
            metadata.setdefault("annotations", {})[IDENTIFIER_ANNOTATION] = node.identifier
        for link_field, target in links.get(node.identifier, []):
            spec.setdefault(link_field, []).append(ids[target])
        if node.documentation and kind.attribute("description") and "description" not in spec:
            spec["description"] = node.documentation
        plateaus = (
            [metadata.pop("plateau")] if "plateau" in metadata else members.get(node.identifier) or [DEFAULT_PLATEAU]
        )
        for plateau in plateaus:
            body = {
                "apiVersion": API_VERSION,
                "kind": kind.name,
                "metadata": {**metadata, "plateau": plateau},
                "spec": dict(spec),
            }
            self.result.documents.append(ExchangeDocument(f"{self.name} {node.xpath('element')}", node.line, body))

    def _properties(self, node: _Node, kind: Kind) -> tuple[dict, dict]:
        """metadata and spec from the properties: ID, IPPD, Kode OPD, Plateau, reference, attributes by column; others
        kept as annotations."""
        by_column = {a.column: a.name for a in kind.attributes}
        meta_keys = {self.props[k]: k for k in ("ippd", "opd", "plateau")}
        metadata: dict = {}
        spec: dict = {}
        annotations: dict[str, str] = {}
        for prop_name, values in node.properties.items():
            if prop_name in (self.props["id"], self.props["kind"]):
                continue
            if prop_name in meta_keys:
                metadata[meta_keys[prop_name]] = values[0]
            elif prop_name == self.props["reference"]:
                spec["reference"] = values if len(values) > 1 else values[0]
            elif prop_name in by_column:
                spec[by_column[prop_name]] = values[0]
            elif prop_name in (*kind.link_fields, RELATED_FIELD):
                spec[prop_name] = list(values)  # a link to an element the file does not hold, kept as written
            else:
                annotations[prop_name] = "\n".join(values)
        if annotations:
            metadata["annotations"] = annotations
        return metadata, spec

    # --- relationships -------------------------------------------------------------------
    def _relationships(self) -> tuple[dict[str, str], dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
        """owners (element -> OPD actor), plateau members (element -> plateau names),
        links (declarer -> (field, target))."""
        owners: dict[str, str] = {}
        members: dict[str, list[str]] = defaultdict(list)
        links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        skipped: dict[str, int] = defaultdict(int)
        related = 0
        for rel in self.relationships:
            if rel.source in self.opds and rel.target in self.kinds and rel.type == self.mapping.organisation["owner"]:
                owners.setdefault(rel.target, rel.source)
            elif rel.source in self.plateaus and rel.target in self.kinds and rel.type == self.mapping.plateau[1]:
                if self.plateaus[rel.source] not in members[rel.target]:
                    members[rel.target].append(self.plateaus[rel.source])
            elif self._realises(rel):
                continue
            elif rel.source in self.kinds and rel.target in self.kinds:
                declarer, link_field, target = self._link(rel)
                related += link_field == RELATED_FIELD
                links[declarer].append((link_field, target))
            elif not (rel.source in self.ippds and rel.target in self.opds):
                skipped[rel.type] += 1
        if related:
            self.result.notes.append(Message("archimate_related", name=self.name, count=related))
        for rel_type, count in sorted(skipped.items()):
            self.result.notes.append(
                Message("archimate_relationships_skipped", name=self.name, type=rel_type, count=count)
            )
        return owners, members, links

    def _realises(self, rel: _Node) -> bool:
        """A link of the roadmap's realization chain (work package -> deliverable -> element, or work package ->
        element), noted; False for any other relationship."""
        if rel.type != self.mapping.deliverable[1]:
            return False
        if rel.source in self.work_packages and (rel.target in self.deliverables or rel.target in self.kinds):
            self.delivered[rel.source].append(rel.target)
            return True
        if rel.source in self.deliverables and rel.target in self.kinds:
            self.realised.setdefault(rel.source, rel.target)
            return True
        return False

    def _link(self, rel: _Node) -> tuple[str, str, str]:
        """(declaring element, field, target) of a relationship between two catalogue elements."""
        source, target = self.kinds[rel.source].name, self.kinds[rel.target].name
        wanted_field = rel.prop(self.props["field"])
        declared_by = rel.prop(self.props["declared_by"])
        if wanted_field and declared_by:  # written by ea-repo: the declaring end is named
            for declarer, other_end in ((rel.source, rel.target), (rel.target, rel.source)):
                if self.written_ids.get(declarer) == declared_by:
                    return declarer, wanted_field, other_end
        if wanted_field:
            declared = self._declared_as_written(rel, wanted_field)
            if declared:
                return declared
        candidates = []
        for relation in self.metamodel.relations:
            as_written = self.mapping.relationship(relation.name)
            if as_written.type != rel.type:
                continue
            if as_written.reverse and relation.allows(target, source):
                candidates.append((rel.target, relation.field, rel.source))
            elif not as_written.reverse and relation.allows(source, target):
                candidates.append((rel.source, relation.field, rel.target))
        return candidates[0] if candidates else (rel.source, RELATED_FIELD, rel.target)

    def _declared_as_written(self, rel: _Node, link_field: str) -> tuple[str, str, str] | None:
        """The end that declared `link_field` (the "Field" property): the one from which the field, read as the
        metamodel reads it, gives this relationship's type and direction; a link no relation allows is an Association
        from its declarer."""
        for declarer, target, backwards in ((rel.source, rel.target, False), (rel.target, rel.source, True)):
            resolved = self.metamodel.resolve_link(self.kinds[declarer].name, link_field, self.kinds[target].name)
            if resolved is not None:
                as_written = self.mapping.relationship(resolved.relation.name)
                if as_written.type == rel.type and (resolved.reversed != as_written.reverse) == backwards:
                    return declarer, link_field, target
        if rel.type == "Association" and (
            link_field in self.kinds[rel.source].link_fields or link_field == RELATED_FIELD
        ):
            return rel.source, link_field, rel.target
        return None

    # --- organisation and report ---------------------------------------------------------
    def _organisation_documents(self, default_ippd: str | None, opd_ippd: dict[str, str | None]) -> None:
        for node in self.ippds.values():
            self._organisation_document(node, "IPPD", node.prop(self.props["id"]), None)
        for identifier, node in self.opds.items():
            self._organisation_document(node, "OPD", self._opd_code(node), opd_ippd[identifier])

    def _organisation_document(self, node: _Node, kind_name: str, code: str | None, ippd: str | None) -> None:
        kind = self.metamodel.organisation_kind(kind_name)
        assert kind is not None, kind_name  # called with "IPPD" or "OPD" only
        by_column = {a.column: a.name for a in kind.attributes}
        spec = {by_column[p]: values[0] for p, values in node.properties.items() if p in by_column}
        metadata = {"id": code, "name": node.name} | ({"ippd": ippd} if ippd else {})
        body = {"apiVersion": API_VERSION, "kind": kind_name, "metadata": metadata, "spec": spec}
        self.result.documents.append(ExchangeDocument(f"{self.name} {node.xpath('element')}", node.line, body))

    # --- roadmap initiatives -------------------------------------------------------------
    def _initiative_documents(self, ids: dict[str, str], default_ippd: str | None) -> None:
        """One Initiative document per work package: ID, name and IPPD as for elements, fields from the properties
        named by the workbook's columns, `delivers` from the realization chain."""
        kind = self.metamodel.record_kind(INITIATIVE)
        assert kind is not None  # the metamodel declares it (planning.records names it)
        ippds = {i: node.prop(self.props["ippd"]) or default_ippd or "" for i, node in self.work_packages.items()}
        written = {i: normalise_id(w) for i, node in self.work_packages.items() if (w := node.prop(self.props["id"]))}
        assigner = IdAssigner({(ippds[i], item_id) for i, item_id in written.items()} | self.context.taken_initiatives)
        for identifier, node in self.work_packages.items():
            read = read_record_properties(INITIATIVE, self._roadmap_properties(node))
            spec, annotations = read.spec, read.annotations
            where = f"{self.name} {node.xpath('element')}"
            self.result.problems += [InputProblem(f"{where} {p}", node.line, message) for p, message in read.problems]
            delivers = [self._delivered_id(target, ids) for target in self.delivered.get(identifier, [])]
            if delivers:
                spec[DELIVERS] = [i for i in dict.fromkeys(delivers) if i]
            item_id = written.get(identifier)
            if item_id is None:
                item_id = self._assign_record(node, kind, spec, ippds[identifier], assigner)
                annotations[IDENTIFIER_ANNOTATION] = identifier
            metadata: dict[str, Any] = {"id": item_id, "name": node.name}
            if ippds[identifier]:
                metadata["ippd"] = ippds[identifier]
            if read.labels:
                metadata["labels"] = read.labels
            if annotations:
                metadata["annotations"] = annotations
            body = {"apiVersion": API_VERSION, "kind": INITIATIVE, "metadata": metadata, "spec": spec}
            self.result.documents.append(ExchangeDocument(where, node.line, body))
        used = {target for targets in self.delivered.values() for target in targets}
        unused = [identifier for identifier in self.deliverables if identifier not in used]
        if unused:
            self.unmapped[self.mapping.deliverable[0]] = unused

    def _roadmap_properties(self, node: _Node) -> dict[str, list[str]]:
        bookkeeping = {self.props[k] for k in ("id", "kind", "ippd")}
        return {name: values for name, values in node.properties.items() if name not in bookkeeping}

    def _delivered_id(self, target: str, ids: dict[str, str]) -> str | None:
        """The ID of what a work package realizes: an element, or the element its deliverable realizes, else the
        deliverable's ID property (an element the file does not hold)."""
        if target in ids:
            return ids[target]
        element = self.realised.get(target)
        if element is not None and element in ids:
            return ids[element]
        written = self.deliverables[target].prop(self.props["id"])
        return normalise_id(written) if written else None

    def _assign_record(self, node: _Node, kind: RecordKind, spec: dict, ippd: str, assigner: IdAssigner) -> str:
        earlier = self.context.assigned.get((ippd, node.identifier))
        if earlier and kind.id_matches(earlier):
            return earlier
        item_id = assigner.next_id(ippd, id_example(kind, spec))
        self.result.notes.append(
            Message(
                "archimate_id_assigned", name=self.name, identifier=node.identifier, title=node.name or "-", id=item_id
            )
        )
        return item_id

    def _note_unmapped(self) -> None:
        for element_type, identifiers in sorted(self.unmapped.items()):
            shown = ", ".join(identifiers[:10]) + (", …" if len(identifiers) > 10 else "")
            self.result.notes.append(
                Message(
                    "archimate_unmapped", name=self.name, type=element_type, count=len(identifiers), identifiers=shown
                )
            )


def repository_context(conn) -> ExchangeContext:
    """The repository's only IPPD, its element IDs, and the IDs assigned by earlier imports of exchange files."""
    ippds = [code for (code,) in conn.exec_driver_sql("SELECT code FROM ippd")]
    rows = conn.exec_driver_sql("SELECT ippd, element_id, annotations FROM element").all()
    taken = frozenset((ippd, element_id) for ippd, element_id, _ in rows)
    initiatives = conn.exec_driver_sql(
        placeholders(conn, "SELECT ippd, item_id, annotations FROM roadmap_item WHERE kind = ?"), (INITIATIVE,)
    ).all()
    assigned = {}
    for ippd, element_id, annotations_json in [*rows, *initiatives]:
        if annotations_json and IDENTIFIER_ANNOTATION in annotations_json:
            identifier = json.loads(annotations_json).get(IDENTIFIER_ANNOTATION)
            if identifier:
                assigned[(ippd, identifier)] = element_id
    taken_initiatives = frozenset((ippd, item_id) for ippd, item_id, _ in initiatives)
    return ExchangeContext(ippds[0] if len(ippds) == 1 else None, taken, taken_initiatives, assigned)
