"""Redundancy, diagrams and evidence: pages over the same service calls as `ea redundancy`, `ea diagram` and
`ea evidence` (and their API routes)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from ea_repo import service
from ea_repo.core.errors import ConfigError, InputRejected, NotFound, PermissionDenied, Refused
from ea_repo.core.i18n import Catalogue, Message, Text, t
from ea_repo.redundancy.report import ACTION_TEXT, signal_line
from ea_repo.reports.document import write_long_document
from ea_repo.reports.evidence import evidence_document
from metamodel import load_metamodel, load_spbe_index
from viz import dot, views
from viz.evidence_figures import evidence_figures

from ..render import person, render
from ..session import FormChecked, PageRoute
from .home import Ippd, Person, Repo

router = APIRouter(route_class=PageRoute, include_in_schema=False)

CAT = Catalogue(
    "web.analysis",
    {
        # redundancy
        "red.title": Text("Aplikasi redundan", "Redundant applications"),
        "red.intro": Text(
            "Klaster aplikasi yang mengerjakan tugas yang sama, dengan bukti kemiripannya dan usulan aplikasi yang "
            "dipertahankan.",
            "Clusters of applications that do the same job, with the evidence of why they match and the proposed "
            "application to keep.",
        ),
        "red.scope": Text("Lingkup", "Scope"),
        "red.scope.ippd": Text("IPPD ini", "This IPPD"),
        "red.scope.nasional": Text("Nasional (semua IPPD)", "National (every IPPD)"),
        "red.opd": Text("OPD", "OPD"),
        "red.summary": Text(
            "{applications} aplikasi dibandingkan, {clusters} klaster, {dismissals} pengabaian berlaku.",
            "{applications} applications compared, {clusters} clusters, {dismissals} dismissals in force.",
        ),
        "red.none": Text("Tidak ada aplikasi redundan.", "No redundant applications."),
        "red.cluster": Text("Klaster {id}", "Cluster {id}"),
        "red.score": Text("skor {score}", "score {score}"),
        "red.count": Text("{count} aplikasi", "{count} applications"),
        "red.members": Text("Anggota klaster {id}", "Members of cluster {id}"),
        "red.col.id": Text("ID", "ID"),
        "red.col.name": Text("Nama aplikasi", "Application"),
        "red.col.opd": Text("OPD", "OPD"),
        "red.col.category": Text("Jenis", "Category"),
        "red.col.services": Text("Layanan", "Services"),
        "red.col.data": Text("Data", "Data"),
        "red.col.keep": Text("Dipertahankan", "Kept"),
        "red.evidence": Text("Mengapa mirip", "Why they match"),
        "red.proposal": Text("Usulan", "Proposal"),
        "red.keep": Text("Dipertahankan: {target}", "Keep: {target}"),
        "red.national": Text("Aplikasi nasional: {name}", "National application: {name}"),
        "red.dismiss": Text("Abaikan klaster ini", "Dismiss this cluster"),
        "red.reason": Text(
            "Alasan (mengapa aplikasi ini tidak redundan)", "Reason (why these applications are not redundant)"
        ),
        "red.dismiss_submit": Text("Abaikan", "Dismiss"),
        "red.dismissed": Text("Klaster yang diabaikan", "Dismissed clusters"),
        "red.dismissed_none": Text("Belum ada pengabaian.", "No dismissals yet."),
        "red.col.dismissal": Text("No.", "No."),
        "red.col.when": Text("Waktu", "When"),
        "red.col.who": Text("Oleh", "By"),
        "red.col.apps": Text("Aplikasi", "Applications"),
        "red.col.reason": Text("Alasan", "Reason"),
        "red.col.action": Text("Tindakan", "Action"),
        "red.restore": Text("Pulihkan", "Restore"),
        "red.dismissed_note": Text(
            "Pengabaian {id} tercatat: anggotanya tidak lagi dilaporkan bersama.",
            "Dismissal {id} recorded: its members are no longer reported together.",
        ),
        "red.restored_note": Text(
            "Pengabaian {id} dihapus: anggotanya dapat dilaporkan bersama lagi.",
            "Dismissal {id} removed: its members may be reported together again.",
        ),
        "red.read_only": Text(
            "Anda dapat membaca laporan ini; mengabaikan klaster memerlukan peran arsitek atau admin.",
            "You can read this report; dismissing a cluster needs the architect or admin role.",
        ),
        # diagrams
        "dia.title": Text("Diagram", "Diagrams"),
        "dia.view": Text("Tampilan", "View"),
        "view.layers": Text("Lapisan arsitektur", "Architecture layers"),
        "view.domain": Text("Satu domain", "One domain"),
        "view.context": Text("Konteks elemen", "Element context"),
        "view.impact": Text("Dampak elemen", "Element impact"),
        "view.diff": Text("Perubahan antar-plateau", "Changes between plateaus"),
        "view.opds": Text("Hubungan antar-OPD", "Links between OPDs"),
        "dia.plateau": Text("Plateau", "Plateau"),
        "dia.opd": Text("OPD (dengan tetangganya)", "OPD (with its neighbours)"),
        "dia.domain": Text("Domain", "Domain"),
        "dia.element": Text("ID elemen", "Element ID"),
        "dia.depth": Text("Kedalaman", "Depth"),
        "dia.from": Text("Dari plateau", "From plateau"),
        "dia.to": Text("Ke plateau", "To plateau"),
        "dia.cluster": Text("Kelompokkan per", "Group by"),
        "dia.cluster.domain": Text("domain", "domain"),
        "dia.cluster.opd": Text("OPD", "OPD"),
        "dia.show": Text("Tampilkan", "Show"),
        "dia.needs_element": Text(
            "Tampilan ini berpusat pada satu elemen: isi ID elemennya (mis. A.001).",
            "This view centres on one element: enter its ID (e.g. A.001).",
        ),
        "dia.picture": Text("Gambar diagram: {title}", "Diagram: {title}"),
        "dia.size": Text("{nodes} elemen, {edges} tautan", "{nodes} elements, {edges} links"),
        "dia.download": Text("Unduh diagram", "Download the diagram"),
        "dia.detailed": Text(
            "Tampilkan semua elemen (pada IPPD besar gambarnya lambat dibuat)",
            "Show every element (slow to draw for a large IPPD)",
        ),
        "dia.zoom_in": Text("Perbesar", "Zoom in"),
        "dia.zoom_out": Text("Perkecil", "Zoom out"),
        "dia.zoom_reset": Text("Ukuran semula", "Reset size"),
        "dia.zoom_help": Text(
            "Geser gambar dengan menyeret atau menggulir; Ctrl + roda tetikus memperbesar.",
            "Pan by dragging or scrolling; Ctrl + mouse wheel zooms.",
        ),
        # evidence
        "ev.title": Text("Bukti dukung", "Evidence"),
        "ev.instrument": Text("Instrumen", "Instrument"),
        "ev.instrument.default": Text("yang berlaku pada tanggal itu", "the one in force on the date"),
        "ev.date": Text("Tanggal penilaian", "Assessment date"),
        "ev.date_hint": Text("kosong: hari ini (YYYY-MM-DD)", "empty: today (YYYY-MM-DD)"),
        "ev.assess": Text("Nilai", "Assess"),
        "ev.heading": Text("{short} — {ippd}, per {date}", "{short} — {ippd}, as on {date}"),
        "ev.indicator": Text("Indikator {n}: {name}", "Indicator {n}: {name}"),
        "ev.indicator_level": Text("Indikator {n}: level {level}", "Indicator {n}: level {level}"),
        "ev.weight": Text("bobot {weight}; aspek {aspect}", "weight {weight}; aspect {aspect}"),
        "ev.looks_at": Text("Yang dinilai: {text}", "What it looks at: {text}"),
        "ev.external": Text("Di luar repositori: {text}", "Outside the repository: {text}"),
        "ev.criteria": Text("Kriteria indikator {n}", "Criteria of indicator {n}"),
        "ev.col.level": Text("Level", "Level"),
        "ev.col.criterion": Text("Kriteria", "Criterion"),
        "ev.col.met": Text("Terpenuhi", "Met"),
        "ev.col.detail": Text("Rincian", "Detail"),
        "ev.col.evidence": Text("Bukti (ID)", "Evidence (IDs)"),
        "ev.col.missing": Text("Belum (ID)", "Missing (IDs)"),
        "ev.met": Text("ya", "yes"),
        "ev.unmet": Text("belum", "not yet"),
        "ev.more": Text("dan {count} lagi", "and {count} more"),
        "ev.next": Text("Langkah berikutnya", "Next steps"),
        "ev.summary": Text("{met} dari {total} kriteria terpenuhi.", "{met} of {total} criteria met."),
        "ev.records": Text("Catatan penetapan, reviu dan anggaran", "Enactment, review and budget records"),
        "ev.col.kind": Text("Jenis", "Kind"),
        "ev.col.id": Text("ID", "ID"),
        "ev.col.date": Text("Tanggal/tahun", "Date/year"),
        "ev.col.document": Text("Dokumen", "Document"),
        "ev.records_none": Text("Belum ada catatan.", "No records yet."),
        "ev.document": Text("Dokumen bukti dukung", "Evidence document"),
        "ev.document_intro": Text(
            "Katalog, catatan, peta rencana, kesenjangan, diagram dan penilaian ini dalam satu dokumen, sebatas yang "
            "boleh Anda lihat. Diagram IPPD yang besar membuat dokumen lebih lama disusun.",
            "The catalogue, the records, the roadmap, the gap, the diagrams and this assessment in one document, as "
            "far as you may see them. A large IPPD's diagrams take longer to draw.",
        ),
        "ev.docx": Text("Unduh DOCX", "Download DOCX"),
        "ev.pdf": Text("Unduh PDF", "Download PDF"),
    },
)

SHOWN_IDS = 12  # IDs per cell, as `ea evidence status` shows them
DOCUMENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
DIAGRAM_FORMATS = tuple(f for f in ("svg", "png", "pdf") if f in views.FORMATS)
SCOPES = {"ippd": "ippd", "nasional": "national"}  # the page's word -> the service's


def _problems(exc: Exception, lang: str) -> list[str]:
    if isinstance(exc, InputRejected):
        return [p.render(lang) for p in exc.problems]
    if isinstance(exc, ConfigError):
        return exc.render(lang)
    if isinstance(exc, Refused | NotFound):
        return [exc.render(lang)]
    return [str(exc)]


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


# --- redundancy ---------------------------------------------------------------------------------------------------
def _report_context(request: Request, repo, principal, ippd, lingkup: str, plateau: str, opd: str | None) -> dict:
    lang = request.state.lang
    scope = SCOPES.get(lingkup)
    if scope is None:
        raise ConfigError(Message("parameter_one_of", name="lingkup", choices=", ".join(SCOPES), got=repr(lingkup)))
    report = service.redundancy_report(
        repo,
        principal=principal,
        scope=scope,
        ippd=ippd.code if scope == "ippd" else None,
        opd=opd if scope == "ippd" else None,
        plateau=plateau,
    )
    clusters = []
    for cluster in report.clusters:
        recommendation = cluster.recommendation
        clusters.append(
            {
                "cluster": cluster,
                "action": ACTION_TEXT[recommendation.action].get(lang),
                "keep": recommendation.keep.label if recommendation.keep else None,
                "national": cluster.national.name if cluster.national else None,
                "reasons": [reason.get(lang) for reason in recommendation.reasons],
                "evidence": [
                    {
                        "left": e.left,
                        "right": f"{e.right} ({e.matched_name})" if e.matched_name else e.right,
                        "score": f"{e.score:.2f}",
                        "signals": signal_line(e, lang),
                    }
                    for e in cluster.evidence
                ],
                "may_dismiss": all(principal.may_write(m.ippd, m.opd) for m in cluster.members),
            }
        )
    dismissals = service.redundancy_dismissals(repo, principal=principal, ippd=ippd.code if scope == "ippd" else None)
    opds = [o for o in service.organisations(repo, principal=principal, ippd=ippd.code) if o.kind == "OPD"]
    return {
        "active": "redundancy",
        "report": report,
        "clusters": clusters,
        "dismissals": [
            {
                "dismissal": d,
                "who": person(SimpleNamespace(name=d.actor)),
                "may_restore": all(principal.administers(i) for i, _, _ in d.members),
            }
            for d in dismissals
        ],
        "lingkup": lingkup,
        "plateau": plateau,
        "opd": opd or "",
        "opds": opds,
        "plateaus": _plateaus(plateau),
        "national_user": principal.ippd is None,
        "writes": principal.role.writes,
        "problems": {},
        "reasons": {},
        "note": None,
    }


def _plateaus(*current: str) -> list[str]:
    known = list(load_metamodel().named_plateaus)
    return known + [p for p in dict.fromkeys(current) if p and p not in known]


def _redundancy_url(code: str, lingkup: str, plateau: str, **more: Any) -> str:
    params = {"lingkup": lingkup if lingkup != "ippd" else None, "plateau": plateau if plateau != "as-is" else None}
    query = urlencode({k: v for k, v in {**params, **more}.items() if v is not None})
    return f"/ippd/{quote(code, safe='')}/redundansi" + (f"?{query}" if query else "")


@router.get("/ippd/{ippd}/redundansi")
def redundancy_page(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    lingkup: str = "ippd",
    plateau: str = "as-is",
    opd: str | None = None,
    diabaikan: str | None = None,
    dipulihkan: str | None = None,
) -> Response:
    context = _report_context(request, repo, principal, ippd, lingkup, plateau or "as-is", _blank(opd))
    if diabaikan and diabaikan.isdigit():
        context["note"] = CAT.t("red.dismissed_note", request.state.lang, id=diabaikan)
    elif dipulihkan and dipulihkan.isdigit():
        context["note"] = CAT.t("red.restored_note", request.state.lang, id=dipulihkan)
    return render(request, "redundancy.html", context, texts=CAT)


@router.post("/ippd/{ippd}/redundansi/abaikan", dependencies=[FormChecked])
def dismiss_cluster(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    klaster: Annotated[str, Form()],
    alasan: Annotated[str, Form()] = "",
    lingkup: Annotated[str, Form()] = "ippd",
    plateau: Annotated[str, Form()] = "as-is",
) -> Response:
    scope = SCOPES.get(lingkup, "ippd")
    try:
        found = service.dismiss_redundancy(
            repo,
            principal=principal,
            cluster=klaster,
            ippd=ippd.code if scope == "ippd" else None,
            reason=alasan,
            plateau=plateau,
            scope=scope,
        )
    except (ConfigError, InputRejected) as exc:
        context = _report_context(request, repo, principal, ippd, lingkup, plateau, None)
        context["problems"] = {klaster: _problems(exc, request.state.lang)}
        context["reasons"] = {klaster: alasan}
        return render(request, "redundancy.html", context, texts=CAT, status_code=422)
    return RedirectResponse(_redundancy_url(ippd.code, lingkup, plateau, diabaikan=found.id), status_code=303)


@router.post("/ippd/{ippd}/redundansi/pulihkan/{dismissal_id}", dependencies=[FormChecked])
def restore_dismissal(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    dismissal_id: Annotated[int, Path(ge=1, le=2**62)],
    lingkup: Annotated[str, Form()] = "ippd",
    plateau: Annotated[str, Form()] = "as-is",
) -> Response:
    found = service.restore_redundancy(
        repo,
        principal=principal,
        dismissal_id=dismissal_id,
        ippd=ippd.code if SCOPES.get(lingkup) == "ippd" else None,
    )
    return RedirectResponse(_redundancy_url(ippd.code, lingkup, plateau, dipulihkan=found.id), status_code=303)


# --- diagrams -----------------------------------------------------------------------------------------------------
def _depth(text: str | None) -> int:
    if not text:
        return 1
    if not text.isdigit() or not 1 <= int(text) <= 10:
        raise ConfigError(Message("parameter_one_of", name="kedalaman", choices="1-10", got=repr(text)))
    return int(text)


def _diagram_request(
    tampilan: str, plateau: str, opd: str | None, elemen: str | None, domain: str | None, depth: int, dari: str, ke: str
) -> service.DiagramRequest:
    return service.DiagramRequest(
        tampilan,
        plateau,
        opd if tampilan in ("layers", "diff") else None,
        domain if tampilan == "domain" else None,
        elemen if tampilan in ("context", "impact") else None,
        depth,
        dari,
        ke,
    )


PAGE_NODES = 300  # a page draws at most this many boxes (collapsing the rest): `dot` answers in about a second
FULL_NODES = 2000  # the downloads and `?rinci=1` draw as `ea diagram` does
_DRAWN: service.Kept[tuple] = service.Kept(32)


def _draw(repo, principal, code: str, asked, fmt: str, lang: str, kelompok: str, max_nodes: int = FULL_NODES):
    """The view read for the person (service.diagram_view), drawn by viz: (bytes, note, graph, title). Drawn once
    per change of the catalogue for each scope and view (`dot` takes seconds on a whole IPPD)."""
    scope = (principal.role, principal.ippd, principal.opds)
    key = (service.catalogue_version(repo, principal=principal), scope, code, asked, fmt, lang, kelompok, max_nodes)

    def drawn() -> tuple:
        graph, title = views.view_graph(service.diagram_view(repo, code, asked, principal=principal), lang)
        data, note = views.produce(graph, title, fmt, lang=lang, cluster=kelompok, max_nodes=max_nodes)
        return data, note, graph, title

    return _DRAWN.get(key, drawn)


def _inline_svg(data: bytes) -> Markup:
    """The SVG element of Graphviz's output (its XML prolog and DOCTYPE dropped) for the page. Markup: our own
    renderer wrote it, every name escaped by viz/dot.py (a hostile name stays text inside <text>)."""
    text = data.decode("utf-8")
    return Markup(text[text.index("<svg") :])


class DiagramParams:
    """The diagram page's query parameters: the chooser's fields, as the page and the download read them (a
    dependency: FastAPI reads these arguments from the query)."""

    def __init__(
        self,
        tampilan: str = "layers",
        plateau: str = "as-is",
        opd: str | None = None,
        elemen: str | None = None,
        domain: str | None = None,
        kedalaman: str | None = None,
        dari: str = "as-is",
        ke: str = "to-be",
        kelompok: str = "domain",
    ) -> None:
        self.view = tampilan or "layers"
        self.plateau = plateau or "as-is"
        self.opd, self.element, self.domain = _blank(opd), _blank(elemen), _blank(domain)
        self.depth_text = kedalaman or "1"
        self.before, self.after = dari or "as-is", ke or "to-be"
        self.cluster = kelompok or "domain"

    def request(self) -> service.DiagramRequest:
        if self.view not in service.DIAGRAM_VIEWS:
            raise ConfigError(
                Message(
                    "parameter_one_of", name="tampilan", choices=", ".join(service.DIAGRAM_VIEWS), got=repr(self.view)
                )
            )
        return _diagram_request(
            self.view,
            self.plateau,
            self.opd,
            self.element,
            self.domain or dot.LAYERS[0],
            _depth(self.depth_text),
            self.before,
            self.after,
        )


def _caption(params: DiagramParams, code: str, lang: str) -> str:
    """What the picture shows, in the reader's words: the view, the IPPD, the plateau(s), the element or OPD."""
    parts = [CAT.t(f"view.{params.view}", lang), code]
    parts.append(f"{params.before} → {params.after}" if params.view == "diff" else params.plateau)
    if params.view == "domain":
        parts.append(load_metamodel().domain(params.domain or dot.LAYERS[0]).name(lang))
    if params.view in ("context", "impact") and params.element:
        parts.append(params.element)
    if params.view in ("layers", "diff") and params.opd:
        parts.append(f"OPD {params.opd}")
    return " · ".join(parts)


@router.get("/ippd/{ippd}/diagram")
def diagram_page(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    params: Annotated[DiagramParams, Depends()],
    rinci: bool = False,
) -> Response:
    lang = request.state.lang
    svg, note, size, problems, status = None, None, None, [], 200
    needs_element = params.view in ("context", "impact") and not params.element
    if not needs_element:
        try:
            limit = FULL_NODES if rinci else PAGE_NODES
            data, note, graph, _ = _draw(
                repo, principal, ippd.code, params.request(), "svg", lang, params.cluster, limit
            )
            svg, size = _inline_svg(data), (graph.number_of_nodes(), graph.number_of_edges())
        except ConfigError as exc:
            problems, status = _problems(exc, lang), 422
        except NotFound as exc:  # the element of a context or impact view: absent or not the person's to see
            problems, status = _problems(exc, lang), 404
    metamodel = load_metamodel()
    query = request.url.query
    context = {
        "active": "diagrams",
        "p": params,
        "views": service.DIAGRAM_VIEWS,
        "domains": [(key, metamodel.domain(key).name(lang)) for key in dot.LAYERS],
        "clusters": dot.CLUSTERS,
        "plateaus": _plateaus(params.plateau, params.before, params.after),
        "opds": [o for o in service.organisations(repo, principal=principal, ippd=ippd.code) if o.kind == "OPD"],
        "svg": svg,
        "title": _caption(params, ippd.code, lang) if svg is not None else "",
        "size": size,
        "note": note,
        "needs_element": needs_element,
        "detailed": rinci,
        "problems": problems,
        "downloads": [
            (fmt, f"/ippd/{quote(ippd.code, safe='')}/diagram/unduh/{fmt}" + (f"?{query}" if query else ""))
            for fmt in DIAGRAM_FORMATS
        ],
    }
    return render(request, "diagram.html", context, texts=CAT, status_code=status)


def _file_name(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(p for p in parts if p)).strip("-.") or "diagram"


@router.get("/ippd/{ippd}/diagram/unduh/{fmt}")
def diagram_download(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    fmt: Annotated[str, Path(pattern="^(svg|png|pdf)$")],
    params: Annotated[DiagramParams, Depends()],
) -> Response:
    if params.view in ("context", "impact") and not params.element:
        raise ConfigError(Message("view_needs_element", view=params.view))
    data, _, _, _ = _draw(repo, principal, ippd.code, params.request(), fmt, request.state.lang, params.cluster)
    name = _file_name("diagram", ippd.code, params.view, params.element or "", params.plateau) + f".{fmt}"
    return Response(
        data,
        media_type=views.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- evidence -----------------------------------------------------------------------------------------------------
def _date(text: str | None) -> dt.date | None:
    if not text or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(Message("bad_date", name="tanggal", got=repr(text))) from None


def _ids(ids: list[str], lang: str) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    more = len(ids) - SHOWN_IDS
    return shown + (" " + CAT.t("ev.more", lang, count=more) if more > 0 else "") if ids else "-"


def _record_rows(records: list[dict], lang: str) -> list[dict]:
    rows = []
    for record in records:
        spec, metadata = record.get("spec") or {}, record.get("metadata") or {}
        rows.append(
            {
                "kind": t(f"record_{record['kind']}", lang),
                "id": metadata.get("id", ""),
                "when": str(spec.get("date") or spec.get("year") or ""),
                "document": spec.get("document") or metadata.get("name") or "",
            }
        )
    return rows


@router.get("/ippd/{ippd}/bukti")
def evidence_page(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    tanggal: str | None = None,
    instrumen: str | None = None,
) -> Response:
    lang = request.state.lang
    chosen = _blank(instrumen)
    status_data, problems, status = None, [], 200
    try:
        status_data = service.evidence_status(repo, ippd.code, _date(tanggal), chosen, lang, principal=principal)
    except (ConfigError, Refused) as exc:  # an unknown instrument, a date out of range
        if isinstance(exc, PermissionDenied | NotFound):
            raise
        problems, status = _problems(exc, lang), 422
    indicators, met, total = [], 0, 0
    if status_data is not None:
        for indicator in status_data["indicators"]:
            criteria = [
                {
                    **c,
                    "evidence_text": _ids(c.get("evidence") or [], lang),
                    "missing_text": _ids(c.get("missing") or [], lang),
                }
                for c in indicator["criteria"]
            ]
            met += sum(1 for c in criteria if c["passed"])
            total += len(criteria)
            indicators.append({**indicator, "criteria": criteria})
    index = load_spbe_index()
    instruments = [(key, index.instrument(key).short) for key in service.EVIDENCE_INSTRUMENTS]
    query = request.url.query
    context = {
        "active": "evidence",
        "data": status_data,
        "indicators": indicators,
        "met": met,
        "total": total,
        "pemdi": bool(status_data and "instrument" in status_data),
        "short": (status_data or {}).get("instrument", {}).get("short")
        or dict(instruments).get(chosen or service.EVIDENCE_INSTRUMENTS[-1], ""),
        "records": _record_rows((status_data or {}).get("records", []), lang),
        "instruments": instruments,
        "instrument": chosen or "",
        "tanggal": tanggal or "",
        "problems": problems,
        "downloads": [
            (fmt, f"/ippd/{quote(ippd.code, safe='')}/bukti/dokumen.{fmt}" + (f"?{query}" if query else ""))
            for fmt in DOCUMENT_TYPES
        ],
    }
    return render(request, "evidence.html", context, texts=CAT, status_code=status)


@router.get("/ippd/{ippd}/bukti/dokumen.{fmt}")
def evidence_download(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    fmt: Annotated[str, Path(pattern="^(docx|pdf)$")],
    tanggal: str | None = None,
    instrumen: str | None = None,
) -> Response:
    lang = request.state.lang
    on, instrument = _date(tanggal), _blank(instrumen)
    service.evidence_instrument(instrument, on)  # an unknown instrument is refused before any drawing
    opds = service.organisations(repo, principal=principal, ippd=ippd.code)
    names = {o.code: o.name for o in opds if o.kind == "OPD" and o.name}
    figures, note = evidence_figures(repo, ippd.code, ippd.name or ippd.code, names, lang, principal=principal)
    content = service.evidence_content(
        repo, ippd.code, on, figures=figures, instrument=instrument, figures_note=note, principal=principal
    )
    data = write_long_document(evidence_document(content, lang), fmt)
    name = _file_name("bukti-dukung", ippd.code, content.on.isoformat()) + f".{fmt}"
    return Response(
        data, media_type=DOCUMENT_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
