"""The catalogue (one table per kind, the national template's columns, filters in the address, paging and sorting,
the filtered view as XLSX/CSV) and the element page (attributes, reference codes, links both ways, findings with
their fix, history, the context diagram)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Catalogue, Text
from metamodel import load_metamodel
from viz import views

from ..render import person, render
from ..session import PageRoute
from .home import Ippd, Person, Repo

CAT = Catalogue(
    "web.catalog",
    {
        "cat.title": Text("Katalog {ippd}", "Catalogue of {ippd}"),
        "cat.deleted": Text("{id} sudah dihapus.", "{id} has been deleted."),
        "el.saved": Text("Perubahan tersimpan (versi {version}).", "Changes saved (version {version})."),
        "cat.filters": Text("Saringan", "Filters"),
        "cat.kind": Text("Jenis atau domain", "Kind or domain"),
        "cat.domain_all": Text("{domain}: semua jenis", "{domain}: every kind"),
        "cat.kind_count": Text("{kind} ({count})", "{kind} ({count})"),
        "cat.plateau": Text("Plateau", "Plateau"),
        "cat.opd": Text("OPD", "OPD"),
        "cat.opd_all": Text("semua OPD", "every OPD"),
        "cat.code": Text("Kode referensi", "Reference code"),
        "cat.text": Text("Teks dalam nama atau ID", "Text in the name or ID"),
        "cat.findings_only": Text("Hanya yang bertemuan", "Only those with findings"),
        "cat.per": Text("Baris per halaman", "Rows per page"),
        "cat.shown": Text("{count} elemen di halaman ini", "{count} elements on this page"),
        "cat.empty": Text("Tidak ada elemen yang cocok dengan saringan ini.", "No element matches these filters."),
        "cat.findings": Text("Temuan", "Findings"),
        "cat.sort_by": Text("Urutkan menurut {column}", "Sort by {column}"),
        "cat.sorted_up": Text("(urut naik)", "(ascending)"),
        "cat.sorted_down": Text("(urut turun)", "(descending)"),
        "cat.pages": Text("Halaman", "Pages"),
        "cat.export": Text("Unduh tampilan ini", "Download this view"),
        "cat.export_note": Text(
            "Berkas berisi semua elemen yang cocok dengan saringan (semua halaman), dalam kolom templat nasional.",
            "The file holds every element matching the filters (every page), in the national template's columns.",
        ),
        "cat.table_caption": Text("{kind} — {plateau}", "{kind} — {plateau}"),
        "el.title": Text("{kind} {id}", "{kind} {id}"),
        "el.in": Text("{ippd}, plateau {plateau}", "{ippd}, plateau {plateau}"),
        "el.attributes": Text("Atribut", "Attributes"),
        "el.references": Text("Kode model referensi", "Reference model codes"),
        "el.ref_code": Text("Kode", "Code"),
        "el.ref_name": Text("Nama", "Name"),
        "el.ref_status": Text("Keterangan", "Note"),
        "el.ref_known": Text("ada dalam daftar {list}", "in the {list} list"),
        "el.ref_unknown": Text("tidak ada dalam daftar {list}", "not in the {list} list"),
        "el.ref_others": Text("elemen lain dengan kode ini", "other elements with this code"),
        "el.links_out": Text("Tautan keluar", "Links out"),
        "el.links_in": Text("Tautan masuk", "Links in"),
        "el.relation": Text("Relasi", "Relation"),
        "el.other": Text("Elemen", "Element"),
        "el.other_kind": Text("Jenis", "Kind"),
        "el.declared_in": Text("Kolom", "Column"),
        "el.missing": Text("tidak ditemukan atau tidak diizinkan", "not found or not allowed"),
        "el.missing_domain": Text("Target tidak ditemukan", "Target not found"),
        "el.findings": Text("Temuan", "Findings"),
        "el.rule": Text("Aturan", "Rule"),
        "el.severity": Text("Tingkat", "Severity"),
        "el.message": Text("Temuan", "Finding"),
        "el.fix": Text("Perbaikan", "Fix"),
        "el.no_findings": Text("Tidak ada temuan pada elemen ini.", "No findings on this element."),
        "el.history": Text("Riwayat", "History"),
        "el.when": Text("Waktu", "When"),
        "el.who": Text("Oleh", "Who"),
        "el.action": Text("Tindakan", "Action"),
        "el.changes": Text("Perubahan", "Changes"),
        "el.no_history": Text("Belum ada riwayat.", "No history yet."),
        "el.action.create": Text("dibuat", "created"),
        "el.action.update": Text("diubah", "changed"),
        "el.action.delete": Text("dihapus", "deleted"),
        "el.action.dismiss-redundancy": Text("redundansi diabaikan", "redundancy dismissed"),
        "el.action.restore-redundancy": Text("redundansi dipulihkan", "redundancy restored"),
        "el.version": Text("versi {version}", "version {version}"),
        "el.empty_value": Text("(kosong)", "(empty)"),
        "el.diagram": Text("Diagram konteks", "Context diagram"),
        "el.diagram_alt": Text(
            "Diagram konteks {id}: elemen ini dan elemen yang tertaut langsung dengannya.",
            "Context diagram of {id}: this element and the elements linked to it directly.",
        ),
        "el.diagram_missing": Text(
            "Diagram tidak dapat digambar di server ini: {reason}",
            "The diagram cannot be drawn on this server: {reason}",
        ),
        "el.diagram_svg": Text("Unduh SVG", "Download SVG"),
        "el.edit": Text("Ubah", "Edit"),
        "el.delete": Text("Hapus", "Delete"),
        "el.back": Text("Kembali ke katalog {kind}", "Back to the {kind} catalogue"),
        "el.sections": Text("Isi halaman", "On this page"),
    },
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PER_PAGE, MAX_PER_PAGE = 50, 200
SORTABLE = {"metadata.id": "id", "metadata.name": "name", "metadata.opd": "opd"}  # column -> the service's order
LEFT_OUT = ("metadata.ippd", "metadata.plateau", "metadata.labels", "metadata.annotations")  # the plateau is a filter
DIAGRAM_NODES = 400


def element_url(ippd: str, plateau: str, element_id: str, tail: str = "") -> str:
    """/ippd/{ippd}/elemen/{plateau}/{id}[/tail]: every part quoted (a plateau or ID is never read as a path)."""
    parts = (quote(p, safe="") for p in (ippd, plateau, element_id))
    return "/ippd/{}/elemen/{}/{}".format(*parts) + (f"/{tail}" if tail else "")


# --- the catalogue ----------------------------------------------------------------------
@dataclass(frozen=True)
class View:
    """The filters of a catalogue view, as read from the address."""

    kind: str  # a kind key or a domain key
    plateau: str
    opd: str | None
    code: str | None
    text: str | None
    findings: bool
    order: str
    per: int

    def query(self) -> service.ElementQuery:
        return service.ElementQuery(
            plateau=self.plateau,
            kind=self.kind,
            opd=self.opd,
            reference=self.code,
            text=self.text,
            with_findings=self.findings,
            order=self.order,
        )

    def url(self, request: Request, **changes: Any) -> str:
        """This view's address (every filter spelled out, so a link means the same view later), with `changes`."""
        params = {**self.params(), "per": None if self.per == PER_PAGE else str(self.per)}
        if request.query_params.get("lang"):
            params["lang"] = request.query_params["lang"]
        params.update(changes)
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return request.url.path + (f"?{query}" if query else "")

    def params(self) -> dict[str, str]:
        """The filters and the order (no page position, no page size): for the downloads too."""
        pairs = {
            "jenis": self.kind,
            "plateau": self.plateau,
            "opd": self.opd,
            "kode": self.code,
            "teks": self.text,
            "temuan": "1" if self.findings else None,
            "urut": None if self.order == "id" else self.order,
        }
        return {k: v for k, v in pairs.items() if v}


def _param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value or None


def read_view(request: Request, counts: dict[str, dict[str, int]]) -> View:
    metamodel = load_metamodel()
    plateau = _param(request, "plateau") or "as-is"
    kind = _param(request, "jenis")
    if kind is None:
        present = counts.get(plateau, {})
        kind = next((k.key for k in metamodel.kinds if present.get(k.name)), "application")
    service.kinds_for(kind)  # an unknown kind or domain is refused here, with the choices
    order = _param(request, "urut") or "id"
    if order.lstrip("-") not in service.ELEMENT_ORDERS:
        order = "id"
    try:
        per = max(1, min(int(_param(request, "per") or PER_PAGE), MAX_PER_PAGE))
    except ValueError:
        per = PER_PAGE
    return View(
        kind,
        plateau,
        _param(request, "opd"),
        _param(request, "kode"),
        _param(request, "teks"),
        _param(request, "temuan") in ("1", "ya", "on", "true"),
        order,
        per,
    )


def _kind_choices(counts: dict[str, int], lang: str) -> list[dict[str, Any]]:
    """Per domain: the domain itself, then each of its kinds with how many elements it has in the plateau."""
    metamodel = load_metamodel()
    groups = []
    for domain in metamodel.domains:
        kinds = metamodel.kinds_in_domain(domain.key)
        options = [(k.key, k.title(lang), counts.get(k.name, 0)) for k in kinds]
        domain_option = [(domain.key, None, None)] if len(kinds) > 1 else []
        groups.append({"domain": domain, "options": domain_option + options})
    return groups


def _sort_links(view: View, request: Request) -> dict[str, dict[str, Any]]:
    """Per sortable column: the address that sorts by it (the other way round when it already does) and its state."""
    out = {}
    for field, order in SORTABLE.items():
        current = view.order.lstrip("-") == order
        descending = view.order.startswith("-")
        target = f"-{order}" if current and not descending else order
        state = ("descending" if descending else "ascending") if current else None
        out[field] = {"url": view.url(request, urut=None if target == "id" else target), "state": state}
    return out


@router.get("/ippd/{ippd}/katalog")
def catalog(request: Request, ippd: Ippd, repo: Repo, principal: Person) -> Response:
    lang = request.state.lang
    counts = service.kind_counts(repo, ippd.code, principal=principal)
    view = read_view(request, counts)
    page = service.element_page(
        repo, ippd.code, view.query(), limit=view.per, cursor=_param(request, "kursor"), principal=principal
    )
    metamodel = load_metamodel()
    tables = service.catalog_tables(page.items, leave_out=LEFT_OUT)
    if not tables and len(service.kinds_for(view.kind) or ()) == 1:  # an empty table still shows its columns
        only = (service.kinds_for(view.kind) or ("",))[0]
        tables = [service.KindTable(only, service.table_columns(only, LEFT_OUT), [])]
    report = service.findings(repo, ippd.code, principal=principal)  # cached per change of the catalogue
    found: dict[str, int] = {}
    for finding in report.findings:
        if finding.plateau == view.plateau and finding.element:
            found[finding.element] = found.get(finding.element, 0) + 1
    opds = [o for o in service.organisations(repo, principal=principal, ippd=ippd.code) if o.kind == "OPD"]
    plateaus = list(dict.fromkeys([*metamodel.named_plateaus, *sorted(counts), view.plateau]))
    export_query = urlencode(view.params())
    context = {
        "active": "catalog",
        "view": view,
        "tables": tables,
        "kind_titles": {k.name: k.title(lang) for k in metamodel.kinds},
        "kind_groups": _kind_choices(counts.get(view.plateau, {}), lang),
        "opds": opds,
        "plateaus": plateaus,
        "page": page,
        "found": found,
        "sort": _sort_links(view, request),
        "next_url": view.url(request, kursor=page.next) if page.next else None,
        "first_url": view.url(request) if _param(request, "kursor") else None,
        "export_xlsx": f"/ippd/{quote(ippd.code, safe='')}/katalog.xlsx" + (f"?{export_query}" if export_query else ""),
        "export_csv": f"/ippd/{quote(ippd.code, safe='')}/katalog.csv" + (f"?{export_query}" if export_query else ""),
        "element_url": lambda row: element_url(row.ippd, row.plateau, row.element_id),
        "id_url": lambda element_id: element_url(ippd.code, view.plateau, element_id),
        "per_choices": (25, 50, 100, 200),
    }
    return render(request, "catalog.html", context, texts=CAT)


MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "zip": "application/zip",
}


def _download(request: Request, ippd: service.OrganisationRow, repo, principal, fmt: str) -> Response:
    counts = service.kind_counts(repo, ippd.code, principal=principal)
    view = read_view(request, counts)
    made = service.export_view(repo, ippd.code, view.query(), format=fmt, lang=request.state.lang, principal=principal)
    stem = "-".join(_file_part(p) for p in ("katalog", ippd.code, view.kind, view.plateau))
    headers = {
        "content-disposition": f'attachment; filename="{stem}.{made.format}"',
        "x-elements": str(made.elements),
    }
    return Response(made.content, media_type=MEDIA[made.format], headers=headers)


def _file_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[:60]


@router.get("/ippd/{ippd}/katalog.xlsx")
def catalog_xlsx(request: Request, ippd: Ippd, repo: Repo, principal: Person) -> Response:
    return _download(request, ippd, repo, principal, "xlsx")


@router.get("/ippd/{ippd}/katalog.csv")
def catalog_csv(request: Request, ippd: Ippd, repo: Repo, principal: Person) -> Response:
    return _download(request, ippd, repo, principal, "csv")


# --- one element ------------------------------------------------------------------------
@router.get("/ippd/{ippd}/elemen/{plateau}/{element_id}")
def element(request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person) -> Response:
    lang = request.state.lang
    metamodel = load_metamodel()
    detail = service.element_detail(repo, ippd.code, plateau, element_id, principal=principal)  # 404 when hidden
    row = detail.element
    kind = metamodel.kind(row.kind)
    domain = metamodel.domain(kind.domain)
    table = service.catalog_tables([row], leave_out=("metadata.ippd", "spec.reference"))[0]
    cells = zip(table.columns, table.rows[0][1], strict=True)
    attributes = [(column, cell) for column, cell in cells if not column.ids]
    entries = service.history(
        repo, element_id=row.element_id, ippd=row.ippd, plateau=row.plateau, limit=50, principal=principal
    )
    context = {
        "active": "catalog",
        "row": row,
        "kind": kind,
        "domain": domain,
        "attributes": attributes,
        "references": _references(repo, principal, row, domain.reference),
        "links_out": _links_by_domain(detail.links_out, lang),
        "links_in": _links_by_domain(detail.links_in, lang),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "title": service.RULES[f.rule].title[lang] if f.rule in service.RULES else "",
                "message": service.message_for(f, lang) if f.rule in service.RULES else f.rule,
                "fix": service.RULES[f.rule].fix.get(lang) if f.rule in service.RULES else "",
            }
            for f in detail.findings
        ],
        "history": [_history_entry(e, lang) for e in entries],
        "diagram": _context_diagram(repo, principal, row, lang),
        "diagram_url": element_url(row.ippd, row.plateau, row.element_id, "konteks.svg"),
        "may_write": principal.may_write(row.ippd, row.opd),
        "edit_url": element_url(row.ippd, row.plateau, row.element_id, "ubah"),
        "delete_url": element_url(row.ippd, row.plateau, row.element_id, "hapus"),
        "catalog_url": f"/ippd/{quote(row.ippd, safe='')}/katalog?"
        + urlencode({"jenis": kind.key, "plateau": row.plateau}),
        "id_url": lambda other: element_url(row.ippd, row.plateau, other),
    }
    return render(request, "element.html", context, texts=CAT)


def _references(repo, principal, row, list_name: str) -> list[dict[str, Any]]:
    """Each reference code written on the element, with its name from the list in force (or as written)."""
    lists = service.reference_lists(repo, principal=principal)
    out = []
    for written in row.reference:
        code, _, name = str(written).partition(" ")
        listed = lists.get(code.split(".", 1)[0].upper()) or lists.get(list_name)
        found = listed.get(code) if listed is not None else None
        out.append(
            {
                "code": code,
                "name": found.name if found is not None else name.strip(),
                "known": found is not None,
                "list": listed.domain if listed is not None else list_name,
            }
        )
    return out


def _links_by_domain(links: list[service.LinkView], lang: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Links grouped by the domain of the element at the other end, in the metamodel's order of domains."""
    metamodel = load_metamodel()
    groups: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        other_kind = (
            metamodel.kind(link.other_kind) if link.other_kind and metamodel.has_kind(link.other_kind) else None
        )
        key = other_kind.domain if other_kind is not None else ""
        groups.setdefault(key, []).append(
            {
                "relation": metamodel.relation_label(link.relation, lang) if link.relation else None,
                "other": link.other,
                "kind": other_kind.title(lang) if other_kind is not None else None,
                "field": link.field,
                "found": other_kind is not None,
            }
        )
    ordered = [d for d in metamodel.domains if d.key in groups]
    out = [(d.name(lang), sorted(groups[d.key], key=lambda x: x["other"])) for d in ordered]
    if "" in groups:
        out.append((CAT.t("el.missing_domain", lang), groups[""]))
    return out


def _history_entry(entry: service.AuditEntry, lang: str) -> dict[str, Any]:
    change = entry.change
    before, after = change.before or {}, change.after or {}
    changes = []
    if change.before is not None and change.after is not None:
        for section in ("metadata", "spec"):
            old, new = before.get(section) or {}, after.get(section) or {}
            for name in sorted(set(old) | set(new)):
                if old.get(name) != new.get(name) and name != "version":
                    changes.append((f"{section}.{name}", _shown(old.get(name)), _shown(new.get(name))))
    action = f"el.action.{change.action}"
    return {
        "at": entry.at,
        "actor": person(SimpleNamespace(name=entry.actor)),
        "action": CAT.t(action, lang) if action in CAT else change.action,
        "version": change.version,
        "changes": changes,
    }


def _shown(value: Any) -> str | None:
    """A stored value as one line of text: lists joined, key: value pairs joined; None when empty."""
    if value in (None, "", [], {}):
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _context_svg(repo, principal, ippd: str, plateau: str, element_id: str, lang: str) -> bytes:
    """The element's context view (it and its direct neighbours) as SVG, drawn by viz/ as the API draws it."""
    request = service.DiagramRequest("context", plateau, element=element_id)
    source = service.diagram_view(repo, ippd, request, principal=principal)
    graph, title = views.view_graph(source, lang)
    return views.produce(graph, title, "svg", lang=lang, max_nodes=DIAGRAM_NODES)[0]


@router.get("/ippd/{ippd}/elemen/{plateau}/{element_id}/konteks.svg")
def element_diagram(
    request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person
) -> Response:
    data = _context_svg(repo, principal, ippd.code, plateau, element_id, request.state.lang)
    name = "-".join(_file_part(p) for p in ("konteks", ippd.code, plateau, element_id))
    return Response(
        data, media_type="image/svg+xml", headers={"content-disposition": f'attachment; filename="{name}.svg"'}
    )


def _context_diagram(repo, principal, row, lang: str) -> dict[str, Any]:
    """The element's context view as inline SVG, drawn by viz/ (every label escaped there), or why not."""
    try:
        data = _context_svg(repo, principal, row.ippd, row.plateau, row.element_id, lang)
    except ConfigError as exc:  # no Graphviz on this server
        return {"svg": None, "problem": " ".join(exc.render(lang))}
    text = data.decode("utf-8", "replace")
    start = text.find("<svg")
    # Our own renderer's output (viz/dot.py escapes every label it writes): inserted as markup, without the XML
    # prologue and doctype, which do not belong inside HTML. Nothing stored reaches it unescaped.
    return {"svg": Markup(text[start:]) if start >= 0 else None, "problem": None}
