"""The <organizations> of an exchange file: the folders Archi shows, arranged as an architect would.

Archi keeps every element under the top folder of its ArchiMate layer (Business, Application, Technology &
Physical, Motivation, Strategy, Implementation & Migration) and relationships and views in folders of their
own; below that, one folder per SPBE domain, kind and plateau (the same name in as-is and to-be is two elements).
"""

from __future__ import annotations

from lxml import etree

from ea_repo.core.i18n import t
from metamodel import Kind, Metamodel

# The layer of each ArchiMate element type ea-repo writes (ArchiMate 3.1, chapter 4); Archi's top folders.
LAYER_OF_TYPE = {
    "BusinessActor": "business",
    "BusinessProcess": "business",
    "BusinessService": "business",
    "BusinessObject": "business",
    "ApplicationComponent": "application",
    "DataObject": "application",
    "Device": "technology",
    "Node": "technology",
    "CommunicationNetwork": "technology",
    "SystemSoftware": "technology",
    "Facility": "technology",
    "Constraint": "motivation",
    "CourseOfAction": "strategy",
    "Plateau": "migration",
    "Gap": "migration",
    "WorkPackage": "migration",
    "Deliverable": "migration",
}
TOP_FOLDERS = (
    "strategy",
    "business",
    "application",
    "technology",
    "motivation",
    "migration",
    "other",
    "relations",
    "views",
)


class Folders:
    """Folder paths (tuples of labels) -> the identifiers in them, written as nested <item>s."""

    def __init__(self, metamodel: Metamodel, lang: str):
        self.metamodel, self.lang = metamodel, lang
        self.items: dict[tuple[str, ...], list[str]] = {}

    def _top(self, key: str) -> str:
        return t(f"archimate_folder_{key}", self.lang)

    def for_kind(self, archimate_type: str, kind: Kind, plateau: str) -> tuple[str, ...]:
        domain = self.metamodel.domain(kind.domain).name(self.lang)
        return (self._top(LAYER_OF_TYPE.get(archimate_type, "other")), domain, kind.title(self.lang), plateau)

    def organisation(self, archimate_type: str) -> tuple[str, ...]:
        return (self._top(LAYER_OF_TYPE.get(archimate_type, "other")), t("archimate_folder_organisation", self.lang))

    def migration(self, archimate_type: str) -> tuple[str, ...]:
        return (self._top(LAYER_OF_TYPE.get(archimate_type, "other")), t(f"archimate_type_{archimate_type}", self.lang))

    def relations(self) -> tuple[str, ...]:
        return (self._top("relations"),)

    def views(self) -> tuple[str, ...]:
        return (self._top("views"),)

    def add(self, path: tuple[str, ...], ident: str) -> None:
        self.items.setdefault(path, []).append(ident)

    def write(self, holder: etree._Element, ns: str, xml_lang: str) -> etree._Element:
        """Nested items: top folders in Archi's order, sub-folders in the order their first member came."""
        order = {self._top(key): index for index, key in enumerate(TOP_FOLDERS)}
        paths = sorted(self.items, key=lambda path: order[path[0]])
        made: dict[tuple[str, ...], etree._Element] = {}
        for path in paths:
            folder = self._folder(holder, made, path, ns, xml_lang)
            for ident in self.items[path]:
                etree.SubElement(folder, ns + "item", identifierRef=ident)
        return holder

    def _folder(self, holder, made, path, ns, xml_lang) -> etree._Element:
        if path in made:
            return made[path]
        parent = holder if len(path) == 1 else self._folder(holder, made, path[:-1], ns, xml_lang)
        folder = etree.SubElement(parent, ns + "item")
        label = etree.SubElement(folder, ns + "label")
        label.set(xml_lang, self.lang)
        label.text = path[-1]
        made[path] = folder
        return folder
