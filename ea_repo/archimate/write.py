"""The catalogue as an Open Group ArchiMate 3.1 exchange file: elements, relationships, folders, property
definitions and laid-out views, every type taken from the metamodel's mapping (metamodel/archimate.py).

Deterministic: the same rows give the same bytes. Identifiers are "id-" and a hash of the ea-repo key
(IPPD, plateau, element ID, ...), so they are valid xs:IDs and stable from one export to the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from ea_repo.archimate.folders import Folders
from ea_repo.archimate.layout import Layout
from ea_repo.archimate.records import DELIVERS, record_properties
from ea_repo.catalog.elements import ElementRow, OrganisationRow
from ea_repo.core.i18n import t
from ea_repo.planning.records import RoadmapItem
from metamodel import load_metamodel
from metamodel.archimate import NAMESPACE, load_archimate_mapping

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
_TYPE = f"{{{XSI}}}type"
_NS = f"{{{NAMESPACE}}}"
_PROPERTIES, _PROPERTY, _VALUE = _NS + "properties", _NS + "property", _NS + "value"


def identifier(*key: str) -> str:
    """A valid, stable xs:ID for an ea-repo key: "id-" and 16 hex digits of its hash."""
    return "id-" + hashlib.blake2b("\x1f".join(key).encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class LaidOutView:
    """A view `ea diagram` draws, with Graphviz's boxes for its nodes (keyed by element ID, or by the node name of an
    OPD in `opds`); a diff's nodes are elements of `plateau`, else of `before` (what was retired)."""

    name: str
    plateau: str
    layout: Layout
    before: str | None = None
    opds: dict[str, str] = field(default_factory=dict)  # node name -> Kode OPD


@dataclass(frozen=True)
class ExchangeModel:
    """What one export holds: the IPPD, its OPDs, the elements (all plateaus asked for), the roadmap's initiatives,
    views."""

    ippd: OrganisationRow
    opds: list[OrganisationRow]
    elements: list[ElementRow]
    initiatives: list[RoadmapItem] = field(default_factory=list)
    views: list[LaidOutView] = field(default_factory=list)
    lang: str = "id"


@dataclass
class ExchangeCounts:
    elements: int = 0
    relationships: int = 0
    views: int = 0
    dangling: int = 0  # links to an element not in the export: a relationship needs both ends


def write_exchange(model: ExchangeModel) -> tuple[etree._Element, ExchangeCounts]:
    """The <model> element of the exchange file, and what it holds."""
    return _Writer(model).build()


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _text(parent: etree._Element, tag: str, value: str, lang: str | None = "id") -> etree._Element:
    node = etree.SubElement(parent, _NS + tag)
    if lang:
        node.set(XML_LANG, lang)
    node.text = value
    return node


def property_text(value: object) -> str:
    """Attribute values as the text a spreadsheet cell would hold: booleans true/false, whole numbers without .0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(property_text(v) for v in value)
    return str(value)


class _Writer:
    def __init__(self, model: ExchangeModel):
        self.model, self.lang = model, model.lang
        self.metamodel, self.mapping = load_metamodel(), load_archimate_mapping()
        self.root = etree.Element(_NS + "model", nsmap={None: NAMESPACE, "xsi": XSI})
        self.root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
        self.root.set("identifier", identifier("model", model.ippd.code))
        self.properties: dict[str, str] = {}  # property name -> definition identifier, in first-use order
        self.counts = ExchangeCounts()
        self.folders = Folders(self.metamodel, self.lang)
        self.element_ids: dict[tuple[str, str], str] = {}  # (plateau, element ID) -> identifier
        self.element_rows: dict[str, ElementRow] = {}
        self.relationship_ends: dict[
            str, tuple[str, str]
        ] = {}  # element-to-element relationships: id -> (source, target)

    def build(self) -> tuple[etree._Element, ExchangeCounts]:
        model = self.model
        _text(self.root, "name", model.ippd.name or model.ippd.code)
        self.elements = etree.SubElement(self.root, _NS + "elements")
        self.relationships = etree.SubElement(self.root, _NS + "relationships")
        self._organisation()
        for row in model.elements:
            self._element(row)
        for row in model.elements:
            self._links(row)
        self._plateaus()
        self._roadmap()
        if len(self.relationships) == 0:
            self.root.remove(self.relationships)
        views = self._views()  # before the folders: the views have a folder too
        organisations = self.folders.write(etree.SubElement(self.root, _NS + "organizations"), _NS, XML_LANG)
        if len(organisations) == 0:
            self.root.remove(organisations)
        self._property_definitions()
        if views is not None:
            self.root.append(views)
        return self.root, self.counts

    # --- elements --------------------------------------------------------------------------
    def _add_element(
        self,
        ident: str,
        archimate_type: str,
        name: str,
        folder: tuple[str, ...],
        properties: list[tuple[str, str]],
        documentation: str | None = None,
    ) -> None:
        node = etree.SubElement(self.elements, _NS + "element", identifier=ident)
        node.set(_TYPE, archimate_type)
        _text(node, "name", name)
        if documentation:
            _text(node, "documentation", documentation)
        self._properties(node, properties)
        self.folders.add(folder, ident)
        self.counts.elements += 1

    def _properties(self, node: etree._Element, properties: list[tuple[str, str]]) -> None:
        if not properties:
            return
        holder = etree.SubElement(node, _PROPERTIES)
        definitions, sub = self.properties, etree.SubElement
        for name, value in properties:
            ref = definitions.get(name) or definitions.setdefault(name, identifier("property", name))
            # a value is a code, a number or a cell as written: no language, so no xml:lang
            # (half the bytes, and Archi reads it)
            sub(sub(holder, _PROPERTY, propertyDefinitionRef=ref), _VALUE).text = value

    def _element(self, row: ElementRow) -> None:
        kind = self.metamodel.kind(row.kind)
        names = self.mapping.properties
        ident = identifier(row.ippd, row.plateau, row.element_id)
        self.element_ids[(row.plateau, row.element_id)] = ident
        self.element_rows[ident] = row
        properties = [(names["id"], row.element_id), (names["kind"], row.kind), (names["ippd"], row.ippd)]
        if row.opd:
            properties.append((names["opd"], row.opd))
        properties.append((names["plateau"], row.plateau))
        if row.reference:
            properties.append((names["reference"], "\n".join(row.reference)))
        properties += [
            (a.column, property_text(row.spec[a.name])) for a in kind.attributes if row.spec.get(a.name) is not None
        ]
        description = row.spec.get("description") if kind.attribute("description") else None
        archimate_type = self.mapping.element_type(row.kind)
        self._add_element(
            ident,
            archimate_type,
            row.name or "",
            self.folders.for_kind(archimate_type, kind, row.plateau),
            properties,
            str(description) if description else None,
        )

    def _organisation(self) -> None:
        names, ippd = self.mapping.properties, self.model.ippd
        actor = self.mapping.organisation
        ippd_id = identifier(ippd.code)
        folder = self.folders.organisation(actor["IPPD"])
        self._add_element(
            ippd_id, actor["IPPD"], ippd.name or ippd.code, folder, [(names["id"], ippd.code), (names["kind"], "IPPD")]
        )
        for opd in self.model.opds:
            opd_id = identifier(ippd.code, "OPD", opd.code)
            self._add_element(
                opd_id,
                actor["OPD"],
                opd.name or opd.code,
                folder,
                [(names["id"], opd.code), (names["kind"], "OPD"), (names["ippd"], ippd.code), (names["opd"], opd.code)],
            )
            self._relationship(identifier(ippd.code, "member", opd.code), actor["member"], ippd_id, opd_id)

    # --- relationships ---------------------------------------------------------------------
    def _relationship(
        self,
        ident: str,
        archimate_type: str,
        source: str,
        target: str,
        name: str | None = None,
        properties: Sequence[tuple[str, str]] = (),
    ) -> None:
        node = etree.SubElement(
            self.relationships, _NS + "relationship", identifier=ident, source=source, target=target
        )
        node.set(_TYPE, archimate_type)
        if name:
            _text(node, "name", name)
        self._properties(node, list(properties))
        self.folders.add(self.folders.relations(), ident)
        self.counts.relationships += 1

    def _links(self, row: ElementRow) -> None:
        """Each declared link as a relationship of its relation's type, read in ArchiMate's direction; the declaring
        field in a property so that an untyped `related` link is read back as written; the owner's link from its OPD."""
        source = self.element_ids[(row.plateau, row.element_id)]
        if row.opd:
            owner = identifier(row.ippd, "OPD", row.opd)
            if owner in self.opd_ids:
                self._relationship(
                    identifier(row.ippd, row.plateau, row.element_id, "owner"),
                    self.mapping.organisation["owner"],
                    owner,
                    source,
                )
        seen = set()
        for link_field, target_id in row.links:
            target = self.element_ids.get((row.plateau, target_id))
            if target is None:
                self.counts.dangling += 1
                continue
            if (link_field, target_id) in seen:
                continue
            seen.add((link_field, target_id))
            self._link(row, source, link_field, target)

    def _link(self, row: ElementRow, source: str, link_field: str, target: str) -> None:
        resolved = self.metamodel.resolve_link(row.kind, link_field, self.element_rows[target].kind)
        archimate_type, name, backwards = "Association", None, False
        if resolved is not None:
            relationship = self.mapping.relationship(resolved.relation.name)
            archimate_type, backwards = relationship.type, resolved.reversed != relationship.reverse
            name = resolved.relation.label(self.lang)
        ends = (target, source) if backwards else (source, target)
        ident = identifier(row.ippd, row.plateau, row.element_id, link_field, self.element_rows[target].element_id)
        names = self.mapping.properties
        self._relationship(
            ident,
            archimate_type,
            *ends,
            name=name,
            properties=[(names["field"], link_field), (names["declared_by"], row.element_id)],
        )
        self.relationship_ends[ident] = ends

    @property
    def opd_ids(self) -> set[str]:
        if not hasattr(self, "_opd_ids"):
            self._opd_ids = {identifier(self.model.ippd.code, "OPD", o.code) for o in self.model.opds}
        return self._opd_ids

    # --- plateaus, gap, roadmap ------------------------------------------------------------
    def _plateaus(self) -> None:
        ippd, names = self.model.ippd.code, self.mapping.properties
        plateau_type, member = self.mapping.plateau
        plateaus = sorted({p for p, _ in self.element_ids}, key=self.metamodel.plateau_order)
        plateau_ids = {}
        for plateau in plateaus:
            plateau_ids[plateau] = ident = identifier(ippd, "plateau", plateau)
            self._add_element(
                ident,
                plateau_type,
                plateau,
                self.folders.migration(plateau_type),
                [(names["plateau"], plateau), (names["ippd"], ippd)],
            )
        for (plateau, element_id), element in self.element_ids.items():
            self._relationship(identifier(ippd, plateau, element_id, "plateau"), member, plateau_ids[plateau], element)
        named = self.metamodel.named_plateaus
        if named[0] in plateau_ids and named[-1] in plateau_ids:
            self._gap(plateau_ids[named[0]], plateau_ids[named[-1]], named[0], named[-1])

    def _gap(self, before_id: str, after_id: str, before: str, after: str) -> None:
        ippd = self.model.ippd.code
        gap_type, link = self.mapping.gap
        ident = identifier(ippd, "gap", before, after)
        self._add_element(
            ident,
            gap_type,
            t("archimate_gap_name", self.lang, before=before, after=after),
            self.folders.migration(gap_type),
            [(self.mapping.properties["ippd"], ippd)],
        )
        for plateau_id, plateau in ((before_id, before), (after_id, after)):
            self._relationship(identifier(ippd, "gap", before, after, plateau), link, ident, plateau_id)

    def _roadmap(self) -> None:
        ippd, names = self.model.ippd.code, self.mapping.properties
        deliverable_type, realises = self.mapping.deliverable
        latest = {
            element_id: ident
            for (_, element_id), ident in sorted(
                self.element_ids.items(), key=lambda item: self.metamodel.plateau_order(item[0][0])
            )
        }
        delivered: set[str] = set()
        for item in self.model.initiatives:
            ident = identifier(ippd, "initiative", item.item_id)
            self._add_element(
                ident,
                self.mapping.initiative,
                item.name or item.item_id,
                self.folders.migration(self.mapping.initiative),
                [(names["id"], item.item_id), (names["kind"], item.kind), (names["ippd"], ippd)]
                + [(column, property_text(value)) for column, value in record_properties(item.kind, item.document())],
            )
            for element_id in dict.fromkeys(item.ids(DELIVERS)):  # one realization per element, however often listed
                deliverable = identifier(ippd, "deliverable", element_id)
                if element_id not in delivered:
                    delivered.add(element_id)
                    self._deliverable(deliverable, element_id, latest.get(element_id))
                self._relationship(
                    identifier(ippd, "initiative", item.item_id, "delivers", element_id), realises, ident, deliverable
                )

    def _deliverable(self, ident: str, element_id: str, element: str | None) -> None:
        deliverable_type, realises = self.mapping.deliverable
        row = self.element_rows.get(element) if element else None
        name = f"{element_id} {row.name}" if row is not None and row.name else element_id
        self._add_element(
            ident,
            deliverable_type,
            name,
            self.folders.migration(deliverable_type),
            [(self.mapping.properties["id"], element_id), (self.mapping.properties["ippd"], self.model.ippd.code)],
        )
        if element is not None:
            self._relationship(
                identifier(self.model.ippd.code, "deliverable", element_id, "realises"), realises, ident, element
            )

    # --- definitions and views -------------------------------------------------------------
    def _property_definitions(self) -> None:
        if not self.properties:
            return
        holder = etree.SubElement(self.root, _NS + "propertyDefinitions")
        for name, ident in self.properties.items():
            definition = etree.SubElement(holder, _NS + "propertyDefinition", identifier=ident, type="string")
            _text(definition, "name", name)

    def _views(self) -> etree._Element | None:
        """<views>, not yet in the model (it comes last in the file)."""
        drawn = [v for v in self.model.views if any(self._drawn_element(v, n) for n in v.layout.boxes)]
        if not drawn:
            return None
        views = etree.Element(_NS + "views")
        diagrams = etree.SubElement(views, _NS + "diagrams")
        for view in drawn:
            self._view(diagrams, view)
        return views

    def _drawn_element(self, view: LaidOutView, node: str) -> str | None:
        """The identifier of the element a view's node stands for: an element of the view's plateau (of the earlier
        one when only it holds it), or an OPD's actor; None for what the export leaves out."""
        element = self.element_ids.get((view.plateau, node))
        if element is None and view.before is not None:
            element = self.element_ids.get((view.before, node))
        if element is None and node in view.opds:
            actor = identifier(self.model.ippd.code, "OPD", view.opds[node])
            element = actor if actor in self.opd_ids else None
        return element

    def _view(self, diagrams: etree._Element, view: LaidOutView) -> None:
        since = (view.before,) if view.before else ()
        view_id = identifier(self.model.ippd.code, "view", view.name, view.plateau, *since)
        node = etree.SubElement(diagrams, _NS + "view", identifier=view_id)
        node.set(_TYPE, "Diagram")
        _text(node, "name", view.name)
        shown: dict[str, str] = {}  # element identifier -> node identifier
        for element_id, box in sorted(view.layout.boxes.items()):
            element = self._drawn_element(view, element_id)
            if element is None:
                continue  # the legend, and what the diagram draws but the export leaves out
            shown[element] = identifier(view_id, element_id)
            shape = etree.SubElement(
                node,
                _NS + "node",
                identifier=shown[element],
                elementRef=element,
                x=str(box.x),
                y=str(box.y),
                w=str(box.w),
                h=str(box.h),
            )
            shape.set(_TYPE, "Element")
        for ident, (source, target) in self.relationship_ends.items():
            if source in shown and target in shown:
                line = etree.SubElement(
                    node,
                    _NS + "connection",
                    identifier=identifier(view_id, ident),
                    relationshipRef=ident,
                    source=shown[source],
                    target=shown[target],
                )
                line.set(_TYPE, "Relationship")
        self.folders.add(self.folders.views(), view_id)
        self.counts.views += 1
