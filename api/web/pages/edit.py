"""Editing elements in the browser: create, edit, links, delete.

The forms are built from the metamodel (a kind's attributes with their template columns and types, enum values,
its link fields and the kinds they may point to, its ID rule). What a form holds becomes the catalogue document
({"apiVersion", "kind", "metadata", "spec"}) the API takes, and goes through the same service calls: the one reader
checks it and every problem comes back with its field, shown there, the person's input kept.

A stale edit loses nothing: the form carries the version it was read at; when someone saved in between, the
service refuses (VersionConflict) and the page answers 409 with both versions side by side and a form holding the
person's input over the current version, to adjust and save again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from ea_repo import service
from ea_repo.core.errors import AlreadyExists, ConfigError, ElementNotFound, InputRejected, VersionConflict
from ea_repo.core.i18n import Catalogue, Text
from metamodel import RELATED_FIELD, Attribute, Kind, UnknownKind, load_metamodel, normalise_id, split_id_list

from ..render import render
from ..session import FormChecked, PageRoute
from ..texts import WEB
from .home import Ippd, Person, Repo

CAT = Catalogue(
    "web.edit",
    {
        # creating
        "new.title": Text("Elemen baru: {kind}", "New element: {kind}"),
        "new.kind": Text("Jenis elemen", "Kind of element"),
        "new.plateau": Text("Plateau", "Plateau"),
        "new.change_kind": Text("Ganti jenis", "Change the kind"),
        "new.intro": Text(
            "Isian diperiksa sama seperti impor; setiap masalah ditunjukkan di isiannya.",
            "The form is checked as an import is; every problem is shown at its field.",
        ),
        "new.submit": Text("Simpan elemen baru", "Save the new element"),
        # editing
        "edit.title": Text("Ubah {kind} {id}", "Edit {kind} {id}"),
        "edit.version": Text("Plateau {plateau} · versi {version}", "Plateau {plateau} · version {version}"),
        "edit.links": Text("Kelola tautan", "Manage links"),
        "edit.delete": Text("Hapus elemen ini", "Delete this element"),
        "edit.back": Text("Kembali ke elemen tanpa menyimpan", "Back to the element without saving"),
        "edit.kept": Text(
            "Label dan anotasi (tetap, tidak diubah di sini)", "Labels and annotations (kept as they are)"
        ),
        # sections and fields
        "section.identity": Text("Identitas", "Identity"),
        "section.attributes": Text("Atribut", "Attributes"),
        "section.reference": Text("Kode referensi", "Reference codes"),
        "section.links": Text("Tautan", "Links"),
        "f.id": Text("ID", "ID"),
        "f.id_hint": Text(
            "Seperti {example}; tidak dapat diubah setelah disimpan.",
            "Like {example}; it cannot be changed once saved.",
        ),
        "f.required": Text("wajib", "required"),
        "f.opd": Text("OPD pemilik", "Owning OPD"),
        "f.no_opd": Text("(tanpa OPD)", "(no OPD)"),
        "f.plateau_hint": Text(
            "as-is, to-be, atau tahun transisi, mis. 2026", "as-is, to-be, or a transition year such as 2026"
        ),
        "f.choose": Text("(belum diisi)", "(not given)"),
        "f.integer_hint": Text("Bilangan bulat, mis. 32", "A whole number, e.g. 32"),
        "f.number_hint": Text("Angka, mis. 32 atau 2.5", "A number, e.g. 32 or 2.5"),
        "f.date_hint": Text("Tanggal", "A date"),
        "f.url_hint": Text("Alamat lengkap, mis. https://contoh.go.id", "The full address, e.g. https://contoh.go.id"),
        "f.reference": Text("Kode Model Referensi ({list})", "Reference model codes ({list})"),
        "f.reference_hint": Text(
            "Satu kode per baris, mis. {example}; namanya boleh ditulis sesudah kode.",
            "One code per line, e.g. {example}; its name may follow the code.",
        ),
        "f.link": Text("{relation} ({kinds})", "{relation} ({kinds})"),
        "f.link_hint": Text("ID elemen tujuan, dipisah koma", "IDs of the target elements, separated by commas"),
        "f.related": Text("ID Metadata Terkait", "Related IDs (ID Metadata Terkait)"),
        "f.related_hint": Text(
            "ID apa pun yang terkait, dipisah koma; hubungannya disimpulkan dari jenis kedua elemen.",
            "Any related IDs, separated by commas; the relation follows from the kinds of both elements.",
        ),
        "problems.title": Text("Isian belum dapat disimpan:", "The form cannot be saved yet:"),
        "problem.id_taken": Text(
            "ID {id} sudah dipakai di plateau {plateau}; pilih ID lain.",
            "ID {id} is already taken in plateau {plateau}; choose another.",
        ),
        # the race
        "conflict.title": Text(
            "{id} diubah orang lain sejak Anda membukanya", "{id} was changed by someone else since you opened it"
        ),
        "conflict.intro": Text(
            "Anda membuka versi {expected}; yang tersimpan sekarang versi {current}. Belum ada yang ditulis dan isian "
            "Anda tidak hilang: bandingkan keduanya, sesuaikan formulir di bawah, lalu simpan lagi.",
            "You opened version {expected}; version {current} is stored now. Nothing was written and your input is "
            "not lost: compare both, adjust the form below, then save again.",
        ),
        "conflict.compare": Text("Perbandingan", "Comparison"),
        "conflict.caption": Text(
            "Setiap isian: yang tersimpan sekarang dan isian Anda; baris yang berbeda ditandai.",
            "Each field: what is stored now and your input; the rows that differ are marked.",
        ),
        "conflict.field": Text("Isian", "Field"),
        "conflict.theirs": Text("Tersimpan sekarang (versi {version})", "Stored now (version {version})"),
        "conflict.yours": Text("Isian Anda", "Your input"),
        "conflict.state": Text("Keadaan", "State"),
        "conflict.differs": Text("berbeda", "differs"),
        "conflict.theirs_taken": Text(
            "diubah orang lain: nilai tersimpan dipakai", "changed by the other person: the stored value is used"
        ),
        "conflict.mine_kept": Text(
            "hanya Anda yang mengubah: isian Anda dipakai", "changed by you only: yours is used"
        ),
        "conflict.both": Text(
            "diubah kedua pihak: pilih di formulir (berisi isian Anda)",
            "changed on both sides: choose in the form (it holds yours)",
        ),
        "conflict.same": Text("sama", "same"),
        "conflict.form": Text(
            "Isian Anda, untuk disimpan di atas versi {version}", "Your input, to be saved over version {version}"
        ),
        "conflict.save": Text("Simpan isian saya", "Save my input"),
        "conflict.discard": Text(
            "Buang isian saya dan lihat yang tersimpan", "Discard my input and see what is stored"
        ),
        "empty": Text("(kosong)", "(empty)"),
        # links
        "links.title": Text("Tautan {kind} {id}", "Links of {kind} {id}"),
        "links.intro": Text(
            "Tautan ditambah atau dilepas satu per satu pada versi yang tersimpan; isian lain tidak berubah.",
            "Links are added or removed one at a time on the stored version; nothing else changes.",
        ),
        "links.none": Text("Belum ada tautan di isian ini.", "No links in this field yet."),
        "links.caption": Text("Tautan sekarang: {field}", "Current links: {field}"),
        "links.target": Text("Elemen tujuan", "Target element"),
        "links.remove": Text("Lepas tautan ke {target}", "Remove the link to {target}"),
        "links.add": Text("Tautkan", "Link"),
        "links.choose": Text("Elemen tujuan untuk {field}", "Target element for {field}"),
        "links.type_id": Text("ID elemen tujuan untuk {field}", "ID of the target element for {field}"),
        "links.too_many": Text(
            "Terlalu banyak elemen untuk daftar pilihan: tulis ID-nya.", "Too many elements for a list: type the ID."
        ),
        "links.no_candidates": Text(
            "Tidak ada elemen {kinds} yang dapat Anda lihat di plateau ini.",
            "There is no {kinds} element you can see in this plateau.",
        ),
        "links.added": Text("Tautan ke {target} ditambahkan.", "The link to {target} was added."),
        "links.removed": Text("Tautan ke {target} dilepas.", "The link to {target} was removed."),
        "links.no_target": Text("Pilih atau tulis elemen tujuan.", "Choose or type the target element."),
        "links.not_visible": Text(
            "{target} tidak ada di antara elemen plateau {plateau} yang dapat Anda lihat.",
            "{target} is not among the elements of plateau {plateau} you can see.",
        ),
        "links.wrong_kind": Text(
            "{target} adalah {kind}; isian ini hanya menaut ke {kinds}.",
            "{target} is a {kind}; this field links only to {kinds}.",
        ),
        "links.unknown_field": Text("{kind} tidak punya isian tautan {field}.", "{kind} has no link field {field}."),
        "links.back": Text("Kembali ke elemen", "Back to the element"),
        "links.edit": Text("Ubah semua isian", "Edit every field"),
        # deleting
        "delete.title": Text("Hapus {kind} {id}?", "Delete {kind} {id}?"),
        "delete.intro": Text(
            "{id} ({name}) dan tautan yang dinyatakannya akan dihapus dari plateau {plateau}.",
            "{id} ({name}) and the links it declares will be deleted from plateau {plateau}.",
        ),
        "delete.dangling": Text(
            "Tautan dari elemen lain yang sesudahnya menunjuk ke elemen yang tidak ada",
            "Links from other elements that would then point at nothing",
        ),
        "delete.no_dangling": Text(
            "Tidak ada elemen lain (yang dapat Anda lihat) yang menaut ke elemen ini.",
            "No other element (that you can see) links to this one.",
        ),
        "delete.own": Text(
            "Tautan yang dinyatakan elemen ini (ikut terhapus)", "Links this element declares (deleted with it)"
        ),
        "delete.confirm": Text("Ya, hapus {id}", "Yes, delete {id}"),
        "delete.changed": Text(
            "Elemen ini berubah sejak Anda membuka halaman ini (sekarang versi {current}); periksa lagi sebelum "
            "menghapus.",
            "The element changed since you opened this page (now version {current}); look again before deleting.",
        ),
        "col.source": Text("Elemen", "Element"),
        "col.field": Text("Isian", "Field"),
        "col.target": Text("Tujuan", "Target"),
        "col.kind": Text("Jenis", "Kind"),
        "col.name": Text("Nama", "Name"),
        "col.action": Text("Tindakan", "Action"),
    },
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
ELEMENT = "/ippd/{ippd}/elemen/{plateau}/{element_id}"
CANDIDATES_IN_A_LIST = 500  # more than this: the link form asks for the target's ID instead of listing them


async def _form_values(request: Request) -> dict[str, str]:
    """The posted form's text fields (the form guard has read it already; Starlette keeps it)."""
    form = await request.form()
    return {name: value for name, value in form.items() if isinstance(value, str)}


FormValues = Annotated[dict[str, str], Depends(_form_values)]


# --- the form, from the metamodel ------------------------------------------------------------------------------
@dataclass
class Field:
    """One control of an element form. `name` is the field's path in the document (metadata.name, spec.url): the
    reader names problems by it, so a problem finds its field."""

    name: str
    label: str
    control: str = "text"  # text, textarea, select, date
    value: str = ""
    code: str = ""  # the field's name in a document, shown beside its label
    hint: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    inputmode: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def html_id(self) -> str:
        return "f-" + self.name.replace(".", "-").replace("_", "-")

    def shown(self, value: str) -> str:
        """A value as a reader reads it: an option by its text."""
        return next((text for option, text in self.options if option == value and option), value)


@dataclass
class Section:
    title: str
    fields: list[Field]


@dataclass(frozen=True)
class Problem:
    field: str | None
    text: str


def _t(request: Request, key: str, **params: Any) -> str:
    return CAT.t(key, request.state.lang, **params)


def _web(request: Request, key: str) -> str:
    return WEB.t(key, request.state.lang)


def _sections(
    request: Request, kind: Kind, opds: list[service.OrganisationRow], values: dict[str, str], *, creating: bool
) -> list[Section]:
    metamodel = load_metamodel()
    identity: list[Field] = []
    if creating:
        identity.append(
            Field(
                "metadata.id",
                _t(request, "f.id"),
                code="metadata.id",
                hint=_t(request, "f.id_hint", example=kind.id_example),
                required=True,
            )
        )
    identity.append(Field("metadata.name", kind.name_column, code="metadata.name"))
    opd_options = [("", _t(request, "f.no_opd"))] + [
        (o.code, f"{o.code} · {o.name}" if o.name else o.code) for o in opds
    ]
    identity.append(Field("metadata.opd", _t(request, "f.opd"), "select", code="metadata.opd", options=opd_options))
    if creating:
        identity.append(
            Field(
                "metadata.plateau",
                _t(request, "new.plateau"),
                code="metadata.plateau",
                hint=_t(request, "f.plateau_hint"),
            )
        )
    attributes = [_attribute_field(request, a) for a in kind.attributes]
    domain = metamodel.domain(kind.domain)
    reference = Field(
        "spec.reference",
        _t(request, "f.reference", list=domain.reference),
        "textarea",
        code="spec.reference",
        hint=_t(request, "f.reference_hint", example=f"{domain.reference}.01.01"),
    )
    links = [_link_field(request, kind, name) for name in (*kind.link_fields, RELATED_FIELD)]
    sections = [
        Section(_t(request, "section.identity"), identity),
        Section(_t(request, "section.attributes"), attributes),
        Section(_t(request, "section.reference"), [reference]),
        Section(_t(request, "section.links"), links),
    ]
    for section in sections:
        for each in section.fields:
            each.value = values.get(each.name, each.value)
            if each.control == "select" and each.value not in {option for option, _ in each.options}:
                each.options.append((each.value, each.value))  # as stored or typed: a select loses nothing either
    return sections


def _attribute_field(request: Request, attribute: Attribute) -> Field:
    name = f"spec.{attribute.name}"
    made = Field(name, attribute.column, code=name)
    if attribute.type == "enum":
        made.control = "select"
        made.options = [("", _t(request, "f.choose"))] + [(v, v) for v in attribute.values]
    elif attribute.type == "boolean":
        made.control = "select"
        made.options = [("", _t(request, "f.choose")), ("true", _web(request, "yes")), ("false", _web(request, "no"))]
    elif attribute.type == "date":
        made.control = "date"
        made.hint = _t(request, "f.date_hint")
    elif attribute.type in ("integer", "number"):
        made.inputmode = "numeric" if attribute.type == "integer" else "decimal"
        made.hint = _t(request, f"f.{attribute.type}_hint")
    elif attribute.type == "url":
        made.inputmode = "url"
        made.hint = _t(request, "f.url_hint")
    return made


def _link_field(request: Request, kind: Kind, name: str) -> Field:
    hint = _t(request, "f.related_hint" if name == RELATED_FIELD else "f.link_hint")
    return Field(f"spec.{name}", _link_label(request, kind, name), code=f"spec.{name}", hint=hint)


def _link_label(request: Request, kind: Kind, name: str) -> str:
    """A link field as a reader names it: its relation(s) and the kinds it points to."""
    lang = request.state.lang
    metamodel = load_metamodel()
    if name == RELATED_FIELD:
        return _t(request, "f.related")
    relations = " / ".join(
        dict.fromkeys(r.label(lang) for r in metamodel.relations if r.field == name and kind.name in r.sources)
    )
    return _t(request, "f.link", relation=relations[:1].upper() + relations[1:], kinds=_kinds_text(request, kind, name))


def _kinds_text(request: Request, kind: Kind, name: str) -> str:
    metamodel = load_metamodel()
    targets = service.link_target_kinds(kind.name, name)
    return ", ".join(k.title(request.state.lang) for k in metamodel.kinds if k.name in targets)


def _values_of(row: service.ElementRow) -> dict[str, str]:
    """The form's values for a stored element."""
    kind = load_metamodel().kind(row.kind)
    values = {"metadata.name": row.name or "", "metadata.opd": row.opd or "", "metadata.plateau": row.plateau}
    for attribute in kind.attributes:
        value = row.spec.get(attribute.name)
        if isinstance(value, bool):
            values[f"spec.{attribute.name}"] = "true" if value else "false"
        elif value is not None:
            values[f"spec.{attribute.name}"] = str(value)
    values["spec.reference"] = "\n".join(row.reference)
    for name in (*kind.link_fields, RELATED_FIELD):
        values[f"spec.{name}"] = ", ".join(target for link_field, target in row.links if link_field == name)
    return values


def _document(
    kind: Kind,
    ippd: str,
    values: dict[str, str],
    *,
    element_id: str,
    plateau: str,
    labels: dict[str, str],
    annotations: dict[str, str],
) -> dict[str, Any]:
    """The catalogue document the form says (empties left out, as a file would leave them)."""
    metadata = {
        "id": element_id,
        "name": values.get("metadata.name", "").strip() or None,
        "ippd": ippd,
        "opd": values.get("metadata.opd", "").strip() or None,
        "plateau": plateau,
        "labels": labels,
        "annotations": annotations,
    }
    spec: dict[str, Any] = {}
    for attribute in kind.attributes:
        value = values.get(f"spec.{attribute.name}", "").strip()
        if value:
            spec[attribute.name] = value
    reference = [line.strip() for line in values.get("spec.reference", "").splitlines() if line.strip()]
    if reference:
        spec["reference"] = reference
    for name in (*kind.link_fields, RELATED_FIELD):
        value = values.get(f"spec.{name}", "").strip()
        if value:
            spec[name] = value
    return {"apiVersion": "ea-repo/v1", "kind": kind.name, "metadata": metadata, "spec": spec}


def _place(problems: list[Problem], sections: list[Section]) -> list[tuple[Field | None, str]]:
    """Each problem at its field; all of them (with their field, if any) for the summary at the top."""
    fields = [f for s in sections for f in s.fields]
    summary: list[tuple[Field | None, str]] = []
    for problem in problems:
        target = None
        if problem.field:
            target = next(
                (f for f in fields if problem.field == f.name or problem.field.startswith(f.name + ".")), None
            )
        if target is not None:
            target.problems.append(problem.text)
        summary.append((target, problem.text))
    return summary


def _problems(request: Request, error: Exception) -> list[Problem]:
    lang = request.state.lang
    if isinstance(error, InputRejected):
        out = []
        for p in error.problems:
            message = getattr(p, "message", None)
            text = message.render(lang) if message is not None else p.render(lang)
            out.append(Problem(getattr(p, "field", None), text))
        return out
    if isinstance(error, ConfigError):
        return [Problem(None, line) for line in error.render(lang)]
    return []


def _kind_for(selector: str) -> Kind:
    """A kind by its key or name; a domain key gives the domain's first kind."""
    metamodel = load_metamodel()
    try:
        return metamodel.kind(selector)
    except UnknownKind:
        pass
    try:
        return metamodel.kinds_in_domain(metamodel.domain(selector).key)[0]
    except (KeyError, IndexError):
        service.kinds_for(selector)  # raises the service's own problem naming the kinds and domains there are
        raise


def _opds(repo: service.Repository, ippd: str, principal: service.Principal) -> list[service.OrganisationRow]:
    rows = service.organisations(repo, principal=principal, ippd=ippd)
    return sorted((o for o in rows if o.kind == "OPD"), key=lambda o: o.code)


def _path(*parts: str) -> str:
    return "/" + "/".join(quote(p, safe="") for p in parts)


def _element_url(ippd: str, plateau: str, element_id: str) -> str:
    return _path("ippd", ippd, "elemen", plateau, element_id)


def _version(values: dict[str, str]) -> int:
    """The version the form was read at; an unreadable one can match no stored version (the save then shows the
    conflict page, losing nothing)."""
    try:
        return int(values.get("versi", ""))
    except ValueError:
        return 0


# --- create ----------------------------------------------------------------------------------------------------
def _create_page(
    request: Request,
    repo: service.Repository,
    principal: service.Principal,
    ippd: service.OrganisationRow,
    kind: Kind,
    values: dict[str, str],
    problems: list[Problem],
    status: int = 200,
) -> Response:
    lang = request.state.lang
    metamodel = load_metamodel()
    sections = _sections(request, kind, _opds(repo, ippd.code, principal), values, creating=True)
    summary = _place(problems, sections)
    kinds = [
        (d.name(lang), [(k.key, k.title(lang)) for k in metamodel.kinds_in_domain(d.key)]) for d in metamodel.domains
    ]
    context = {
        "active": "catalog",
        "kind": kind,
        "kind_title": kind.title(lang),
        "kinds": kinds,
        "plateau": values.get("metadata.plateau", "as-is"),
        "sections": sections,
        "summary": summary,
        "action": _path("ippd", ippd.code, "elemen-baru"),
    }
    return render(request, "edit_new.html", context, texts=CAT, status_code=status)


@router.get("/ippd/{ippd}/elemen-baru")
def new_element(
    request: Request, ippd: Ippd, repo: Repo, principal: Person, jenis: str = "application", plateau: str = "as-is"
) -> Response:
    service.require_editor(repo, ippd.code, principal=principal)
    kind = _kind_for(jenis)
    return _create_page(request, repo, principal, ippd, kind, {"metadata.plateau": plateau}, [])


@router.post("/ippd/{ippd}/elemen-baru", dependencies=[FormChecked])
def create_element(request: Request, ippd: Ippd, repo: Repo, principal: Person, values: FormValues) -> Response:
    kind = _kind_for(values.get("jenis", ""))
    element_id = values.get("metadata.id", "").strip()
    plateau = values.get("metadata.plateau", "").strip() or "as-is"
    document = _document(kind, ippd.code, values, element_id=element_id, plateau=plateau, labels={}, annotations={})
    try:
        row = service.create_element(repo, document, ippd=ippd.code, principal=principal)
    except (InputRejected, ConfigError) as error:
        return _create_page(request, repo, principal, ippd, kind, values, _problems(request, error), 422)
    except AlreadyExists:
        taken = Problem("metadata.id", _t(request, "problem.id_taken", id=normalise_id(element_id), plateau=plateau))
        return _create_page(request, repo, principal, ippd, kind, values, [taken], 409)
    return RedirectResponse(_element_url(row.ippd, row.plateau, row.element_id) + "?tersimpan=1", status_code=303)


# --- edit ------------------------------------------------------------------------------------------------------
def _edit_context(
    request: Request,
    repo: service.Repository,
    principal: service.Principal,
    row: service.ElementRow,
    values: dict[str, str],
    version: int,
    problems: list[Problem],
) -> dict[str, Any]:
    kind = load_metamodel().kind(row.kind)
    sections = _sections(request, kind, _opds(repo, row.ippd, principal), values, creating=False)
    base = _element_url(row.ippd, row.plateau, row.element_id)
    return {
        "active": "catalog",
        "row": row,
        "kind_title": kind.title(request.state.lang),
        "sections": sections,
        "summary": _place(problems, sections),
        "version": version,
        "original": json.dumps(_values_of(row), ensure_ascii=False, sort_keys=True),
        "element_url": base,
        "action": base + "/ubah",
        "kept": sorted(row.labels.items()) + sorted(row.annotations.items()),
    }


@router.get(ELEMENT + "/ubah")
def edit_element(
    request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person
) -> Response:
    key = service.element_key(ippd.code, plateau, element_id)
    row = service.editable_element(repo, key, principal=principal)
    context = _edit_context(request, repo, principal, row, _values_of(row), row.stored_version, [])
    return render(request, "edit_change.html", context, texts=CAT)


@router.post(ELEMENT + "/ubah", dependencies=[FormChecked])
def save_element(
    request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person, values: FormValues
) -> Response:
    key = service.element_key(ippd.code, plateau, element_id)
    current = service.editable_element(repo, key, principal=principal)
    kind = load_metamodel().kind(current.kind)
    expected = _version(values)
    # labels and annotations are not in the form: they stay as stored (the version check covers them too)
    document = _document(
        kind,
        current.ippd,
        values,
        element_id=current.element_id,
        plateau=current.plateau,
        labels=current.labels,
        annotations=current.annotations,
    )
    try:
        row = service.replace_element(repo, key, document, expected_version=expected, principal=principal)
    except VersionConflict:
        stored = service.editable_element(repo, key, principal=principal)
        return _conflict_page(request, repo, principal, stored, values, expected)
    except (InputRejected, ConfigError) as error:
        context = _edit_context(request, repo, principal, current, values, expected, _problems(request, error))
        return render(request, "edit_change.html", context, texts=CAT, status_code=422)
    return RedirectResponse(_element_url(row.ippd, row.plateau, row.element_id) + "?tersimpan=1", status_code=303)


def _original(values: dict[str, str]) -> dict[str, str] | None:
    """The values the form was opened with (its hidden `asal`), or None when absent or unreadable."""
    try:
        found = json.loads(values.get("asal", ""))
    except ValueError:
        return None
    if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
        return None
    return found


def _merged(
    yours: dict[str, str], theirs: dict[str, str], original: dict[str, str] | None
) -> tuple[dict[str, str], dict[str, str]]:
    """A three-way merge of a stale edit, field by field: what the person changed is kept; what they left as it
    was takes the value stored now (the other person's change); both changed, differently: theirs in the table,
    yours in the form. States: same, theirs (taken from the stored version), mine (only you changed it),
    both (changed on both sides)."""
    merged, states = dict(yours), {}
    for name in set(yours) | set(theirs):
        if name in ("csrf", "versi", "asal"):
            continue
        mine, stored = yours.get(name, ""), theirs.get(name, "")
        if _normal(name, mine) == _normal(name, stored):
            continue
        if original is None:
            states[name] = "both"
        elif _normal(name, mine) == _normal(name, original.get(name, "")):
            merged[name], states[name] = stored, "theirs"
        elif _normal(name, stored) == _normal(name, original.get(name, "")):
            states[name] = "mine"
        else:
            states[name] = "both"
    return merged, states


def _normal(name: str, value: str) -> Any:
    """A value as compared: link lists as IDs, reference codes line by line, texts without outer spaces."""
    if name == "spec.reference":
        return [line.strip() for line in value.splitlines() if line.strip()]
    return split_id_list(value) if _is_link(name) else value.strip()


def _is_link(name: str) -> bool:
    field_name = name.removeprefix("spec.")
    return field_name == RELATED_FIELD or any(r.field == field_name for r in load_metamodel().relations)


def _conflict_page(
    request: Request,
    repo: service.Repository,
    principal: service.Principal,
    stored: service.ElementRow,
    yours: dict[str, str],
    expected: int,
) -> Response:
    theirs = _values_of(stored)
    merged, states = _merged(yours, theirs, _original(yours))
    context = _edit_context(request, repo, principal, stored, merged, stored.stored_version, [])
    rows = []
    for section in context["sections"]:
        for each in section.fields:
            mine = yours.get(each.name, "")
            stored_value = theirs.get(each.name, "")
            if not mine.strip() and not stored_value.strip():
                continue  # empty on both sides: nothing to compare
            state = states.get(each.name, "same")
            rows.append((each, each.shown(stored_value), each.shown(mine), state))
    context |= {"compare": rows, "expected": expected, "current": stored.stored_version}
    return render(request, "edit_conflict.html", context, texts=CAT, status_code=409)


# --- links -----------------------------------------------------------------------------------------------------
@dataclass
class LinkGroup:
    field: str
    label: str
    kinds: str
    targets: list[tuple[str, str]]  # (target ID, its name as far as the person sees it)
    candidates: list[tuple[str, str]] | None  # (ID, ID · name · kind) to choose from; None: type the ID
    problems: list[str] = field(default_factory=list)

    @property
    def html_id(self) -> str:
        return "tautan-" + self.field.replace("_", "-")


def _links_page(
    request: Request,
    repo: service.Repository,
    principal: service.Principal,
    row: service.ElementRow,
    problems: dict[str, list[str]] | None = None,
    note: str = "",
    status: int = 200,
) -> Response:
    lang = request.state.lang
    metamodel = load_metamodel()
    kind = metamodel.kind(row.kind)
    groups = []
    for name in (*kind.link_fields, RELATED_FIELD):
        found = service.link_candidates(repo, row.key, name, principal=principal, limit=CANDIDATES_IN_A_LIST)
        names = {c.element_id: c.name or "" for c in found or ()}
        linked = {target for link_field, target in row.links if link_field == name}
        candidates = (
            None
            if found is None
            else [
                (c.element_id, " · ".join(p for p in (c.element_id, c.name, metamodel.kind(c.kind).title(lang)) if p))
                for c in found
                if c.element_id not in linked
            ]
        )
        groups.append(
            LinkGroup(
                name,
                _link_label(request, kind, name),
                _kinds_text(request, kind, name),
                [(target, names.get(target, "")) for link_field, target in row.links if link_field == name],
                candidates,
                list((problems or {}).get(name, [])),
            )
        )
    base = _element_url(row.ippd, row.plateau, row.element_id)
    context = {
        "active": "catalog",
        "row": row,
        "kind_title": kind.title(lang),
        "groups": groups,
        "note": note,
        "element_url": base,
        "action": base + "/tautan",
    }
    return render(request, "edit_links.html", context, texts=CAT, status_code=status)


@router.get(ELEMENT + "/tautan")
def links(
    request: Request,
    ippd: Ippd,
    plateau: str,
    element_id: str,
    repo: Repo,
    principal: Person,
    ditaut: str = "",
    dilepas: str = "",
) -> Response:
    row = service.editable_element(repo, service.element_key(ippd.code, plateau, element_id), principal=principal)
    note = ""
    if ditaut:
        note = _t(request, "links.added", target=ditaut)
    elif dilepas:
        note = _t(request, "links.removed", target=dilepas)
    return _links_page(request, repo, principal, row, note=note)


@router.post(ELEMENT + "/tautan", dependencies=[FormChecked])
def add_link(
    request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person, values: FormValues
) -> Response:
    key = service.element_key(ippd.code, plateau, element_id)
    row = service.editable_element(repo, key, principal=principal)
    kind = load_metamodel().kind(row.kind)
    name = values.get("field", "")
    target = normalise_id(values.get("target", ""))
    if name not in (*kind.link_fields, RELATED_FIELD):
        problem = _t(request, "links.unknown_field", kind=kind.title(request.state.lang), field=name)
        return _links_page(request, repo, principal, row, {RELATED_FIELD: [problem]}, status=422)
    problem = _target_problem(request, repo, principal, row, name, target)
    if problem:
        return _links_page(request, repo, principal, row, {name: [problem]}, status=422)
    try:
        service.add_link(repo, key, target, field=name, principal=principal)
    except (InputRejected, ConfigError) as error:
        shown = [p.text for p in _problems(request, error)]
        return _links_page(request, repo, principal, row, {name: shown}, status=422)
    return _back_to_links(row, ditaut=target)


def _back_to_links(row: service.ElementRow, **done: str) -> Response:
    """Back to the element's links page after a change, saying what was linked or unlinked."""
    return RedirectResponse(
        _element_url(row.ippd, row.plateau, row.element_id) + "/tautan?" + urlencode(done), status_code=303
    )


def _target_problem(
    request: Request,
    repo: service.Repository,
    principal: service.Principal,
    row: service.ElementRow,
    name: str,
    target: str,
) -> str:
    """Why `target` may not be linked from this field ('' when it may): it must be an element of the same IPPD and
    plateau that the person sees, of a kind the field may point to."""
    if not target:
        return _t(request, "links.no_target")
    try:
        found = service.get_element(repo, service.element_key(row.ippd, row.plateau, target), principal=principal)
    except ElementNotFound:
        return _t(request, "links.not_visible", target=target, plateau=row.plateau)
    allowed = service.link_target_kinds(row.kind, name)
    if found.kind not in allowed:
        kind = load_metamodel().kind(row.kind)
        lang = request.state.lang
        return _t(
            request,
            "links.wrong_kind",
            target=target,
            kind=load_metamodel().kind(found.kind).title(lang),
            kinds=_kinds_text(request, kind, name),
        )
    return ""


@router.post(ELEMENT + "/tautan/lepas", dependencies=[FormChecked])
def remove_link(
    request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person, values: FormValues
) -> Response:
    key = service.element_key(ippd.code, plateau, element_id)
    target = normalise_id(values.get("target", ""))
    row = service.remove_link(repo, key, target, field=values.get("field") or None, principal=principal)
    return _back_to_links(row, dilepas=target)


# --- delete ----------------------------------------------------------------------------------------------------
def _delete_page(
    request: Request,
    repo: service.Repository,
    principal: service.Principal,
    key: service.Key,
    note: str = "",
    status: int = 200,
) -> Response:
    row, dangling = service.delete_preview(repo, key, principal=principal)
    kind = load_metamodel().kind(row.kind)
    base = _element_url(row.ippd, row.plateau, row.element_id)
    context = {
        "active": "catalog",
        "row": row,
        "kind_title": kind.title(request.state.lang),
        "dangling": dangling,
        "own": list(row.links),
        "note": note,
        "element_url": base,
        "action": base + "/hapus",
        "path_of": lambda element_id: _element_url(row.ippd, row.plateau, element_id),
    }
    return render(request, "edit_delete.html", context, texts=CAT, status_code=status)


@router.get(ELEMENT + "/hapus")
def delete_page(request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person) -> Response:
    return _delete_page(request, repo, principal, service.element_key(ippd.code, plateau, element_id))


@router.post(ELEMENT + "/hapus", dependencies=[FormChecked])
def delete_element(
    request: Request, ippd: Ippd, plateau: str, element_id: str, repo: Repo, principal: Person, values: FormValues
) -> Response:
    key = service.element_key(ippd.code, plateau, element_id)
    current = service.editable_element(repo, key, principal=principal)
    try:
        service.delete_element(repo, key, expected_version=_version(values), principal=principal)
    except VersionConflict as conflict:
        note = _t(request, "delete.changed", current=conflict.current)
        return _delete_page(request, repo, principal, key, note, 409)
    kind = load_metamodel().kind(current.kind)
    query = urlencode({"jenis": kind.key, "plateau": current.plateau, "dihapus": current.element_id})
    return RedirectResponse(_path("ippd", current.ippd, "katalog") + "?" + query, status_code=303)
