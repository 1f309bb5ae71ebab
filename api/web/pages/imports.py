"""Import in the browser: upload files, see the dry run (every problem where it is, and what would change), then
commit and see what changed.

Between the dry run and the commit the upload waits on this server, in a folder of its own under a random name,
with a note of the browser session, the person and the IPPD it was uploaded for: the commit form sends only that
name, and a name from another session, person or IPPD is as good as none. No path from the browser is ever used.
After the commit the files go; what changed stays beside the name for the result page, and the whole folder is
swept away after some hours.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from ea_repo import service
from ea_repo.core.errors import ConfigError, ImportRejected
from ea_repo.core.i18n import LANGS, Catalogue, Message, Text
from metamodel import load_metamodel

from ..render import render
from ..session import SESSION_COOKIE, FormChecked, PageRoute
from .home import Ippd, Person, Repo

CAT = Catalogue(
    "web.import",
    {
        "imp.title": Text("Impor ke {ippd}", "Import into {ippd}"),
        "imp.intro": Text(
            "Unggah buku kerja XLSX atau berkas CSV dalam tata letak kolom nasional, berkas YAML katalog, atau arsip "
            "zip berisi berkas YAML. Berkas diperiksa lebih dulu (uji coba) tanpa menulis apa pun; sesudah itu Anda "
            "memutuskan untuk menyimpannya. Impor berlaku utuh: satu masalah saja membuat seluruhnya ditolak.",
            "Upload an XLSX workbook or CSV files in the national column layouts, catalogue YAML files, or a zip "
            "archive of YAML files. They are checked first (a dry run) without writing anything; then you decide to "
            "save them. An import is all or nothing: a single problem rejects the whole of it.",
        ),
        "imp.files": Text("Berkas", "Files"),
        "imp.files_hint": Text(
            "Satu atau beberapa berkas .xlsx, .csv, .yaml, .yml atau .zip; paling besar {size} MiB seluruhnya. "
            "Lembar tanpa kolom IPPD dibaca sebagai milik {ippd}.",
            "One or more .xlsx, .csv, .yaml, .yml or .zip files; {size} MiB at most in all. Sheets without an IPPD "
            "column are read as {ippd}'s.",
        ),
        "imp.check": Text("Periksa (uji coba)", "Check (dry run)"),
        "imp.no_file": Text("Pilih sedikitnya satu berkas.", "Choose at least one file."),
        "imp.too_many": Text("Paling banyak {count} berkas sekaligus.", "At most {count} files at once."),
        "imp.expired": Text(
            "Unggahan ini tidak tersedia lagi (sudah disimpan, kedaluwarsa, atau dari sesi lain). Unggah berkasnya "
            "lagi.",
            "This upload is no longer here (already saved, expired, or from another session). Upload the files again.",
        ),
        "imp.problems": Text(
            "{count} masalah ditemukan. Tidak ada yang ditulis.", "{count} problem(s) found. Nothing was written."
        ),
        "imp.problems_fix": Text(
            "Perbaiki berkasnya di tempat yang disebutkan, lalu unggah lagi.",
            "Fix the files where shown, then upload them again.",
        ),
        "col.file": Text("Berkas", "File"),
        "col.sheet": Text("Lembar", "Sheet"),
        "col.row": Text("Baris", "Row or line"),
        "col.element": Text("Elemen", "Element"),
        "col.field": Text("Kolom atau isian", "Column or field"),
        "col.problem": Text("Masalah", "Problem"),
        "col.kind": Text("Jenis", "Kind"),
        "col.created": Text("Baru", "Created"),
        "col.updated": Text("Diperbarui", "Updated"),
        "col.unchanged": Text("Tetap", "Unchanged"),
        "col.rule": Text("Aturan", "Rule"),
        "col.severity": Text("Tingkat", "Severity"),
        "col.where": Text("Letak", "Where"),
        "col.message": Text("Pesan", "Message"),
        "imp.total": Text("Jumlah", "Total"),
        "imp.preview": Text("Hasil uji coba", "Dry run"),
        "imp.preview_ok": Text(
            "Tidak ada masalah. Belum ada yang ditulis: inilah yang berubah bila disimpan.",
            "No problems. Nothing has been written yet: this is what changes when it is saved.",
        ),
        "imp.summary_caption": Text("Elemen per jenis", "Elements per kind"),
        "imp.counts": Text(
            "{files} berkas · {elements} elemen · {orgs} IPPD/OPD · {links} tautan",
            "{files} file(s) · {elements} element(s) · {orgs} IPPD/OPD · {links} link(s)",
        ),
        "imp.roadmap": Text("{count} dokumen Peta Rencana atau bukti.", "{count} roadmap or evidence document(s)."),
        "imp.no_elements": Text("Berkas ini tidak memuat elemen katalog.", "These files hold no catalogue elements."),
        "imp.notes": Text("Catatan pembacaan", "Reading notes"),
        "imp.commit": Text("Simpan ke repositori", "Save to the repository"),
        "imp.other": Text("Unggah berkas lain", "Upload other files"),
        "imp.done_title": Text("Impor tersimpan", "Import saved"),
        "imp.done": Text(
            "Tersimpan: {created} baru, {updated} diperbarui, {unchanged} tetap.",
            "Saved: {created} created, {updated} updated, {unchanged} unchanged.",
        ),
        "imp.findings": Text("Temuan pada elemen yang diimpor", "Findings on the imported elements"),
        "imp.findings_counts": Text(
            "{errors} galat, {warnings} peringatan, {infos} info.",
            "{errors} error(s), {warnings} warning(s), {infos} info.",
        ),
        "imp.findings_none": Text(
            "Pemeriksaan tidak menemukan apa pun pada elemen yang diimpor.",
            "The checks found nothing on the imported elements.",
        ),
        "imp.findings_more": Text(
            "Yang pertama {shown} dari {total}; semuanya di halaman Temuan.",
            "The first {shown} of {total}; all of them on the Findings page.",
        ),
        "imp.to_catalog": Text("Buka katalog", "Open the catalogue"),
        "imp.to_findings": Text("Buka temuan", "Open the findings"),
    },
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)

MAX_FILES = 20
KEEP_SECONDS = 6 * 3600  # an upload (or a result) not used within this is swept away
_NAME = re.compile(r"[A-Za-z0-9_-]{32}")
_SHEET = re.compile(r"^(.*) \[(.+)\]$")


async def uploaded_files(request: Request) -> list[tuple[str, bytes]]:
    """The files of the form's `berkas` field, (name, content); a field sent without a file is left out."""
    form = await request.form()  # parsed once, by the form guard already
    files = [part for part in form.getlist("berkas") if isinstance(part, UploadFile) and part.filename]
    return [(part.filename or "", await part.read()) for part in files[: MAX_FILES + 1]]


@router.get("/ippd/{ippd}/impor")
def import_page(request: Request, ippd: Ippd, repo: Repo, principal: Person) -> Response:
    service.check_import_allowed(repo, ippd.code, principal=principal)
    return _page(request, ippd)


@router.post("/ippd/{ippd}/impor", dependencies=[FormChecked])
def dry_run(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    uploads: Annotated[list[tuple[str, bytes]], Depends(uploaded_files)],
) -> Response:
    service.check_import_allowed(repo, ippd.code, principal=principal)
    if not uploads:
        return _page(request, ippd, form_problem=CAT.t("imp.no_file", request.state.lang), status_code=422)
    if len(uploads) > MAX_FILES:
        problem = CAT.t("imp.too_many", request.state.lang, count=MAX_FILES)
        return _page(request, ippd, form_problem=problem, status_code=422)
    try:
        result = service.import_files(repo, uploads, ippd=ippd.code, principal=principal, dry_run=True)
    except ImportRejected as rejected:
        return _page(request, ippd, problems=_problem_rows(rejected, request.state.lang), status_code=422)
    except ConfigError as refused:
        return _page(request, ippd, form_problem="; ".join(refused.render(request.state.lang)), status_code=422)
    name = _Staging.put(request, ippd.code, principal, uploads)
    return _page(request, ippd, preview=_summary(result), upload=name)


@router.post("/ippd/{ippd}/impor/simpan", dependencies=[FormChecked])
def commit(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    unggahan: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    service.check_import_allowed(repo, ippd.code, principal=principal)
    folder = _Staging.find(request, unggahan, ippd.code, principal)
    if folder is not None and _Staging.result(folder) is not None:  # saved already (a second click): its result
        return RedirectResponse(f"/ippd/{ippd.code}/impor/hasil/{unggahan}", status_code=303)
    uploads = _Staging.claim(folder) if folder is not None else None
    if folder is None or uploads is None:
        return _page(request, ippd, form_problem=CAT.t("imp.expired", request.state.lang), status_code=404)
    try:
        result = service.import_files(repo, uploads, ippd=ippd.code, principal=principal)
    except ImportRejected as rejected:  # the repository changed since the dry run
        _Staging.release(folder)
        return _page(request, ippd, problems=_problem_rows(rejected, request.state.lang), status_code=422)
    except BaseException:
        _Staging.release(folder)
        raise
    _Staging.done(folder, _summary(result))
    return RedirectResponse(f"/ippd/{ippd.code}/impor/hasil/{unggahan}", status_code=303)


@router.get("/ippd/{ippd}/impor/hasil/{name}")
def import_result(request: Request, ippd: Ippd, repo: Repo, principal: Person, name: str) -> Response:
    service.check_import_allowed(repo, ippd.code, principal=principal)
    folder = _Staging.find(request, name, ippd.code, principal)
    summary = _Staging.result(folder) if folder is not None else None
    if summary is None:
        return _page(request, ippd, form_problem=CAT.t("imp.expired", request.state.lang), status_code=404)
    context = {"active": "import", "summary": summary, "kinds": _kind_titles(summary, request.state.lang)}
    return render(request, "import_result.html", context, texts=CAT)


def _page(
    request: Request,
    ippd: service.OrganisationRow,
    *,
    problems: list[dict] | None = None,
    form_problem: str | None = None,
    preview: dict | None = None,
    upload: str | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "active": "import",
        "problems": problems,
        "form_problem": form_problem,
        "preview": preview,
        "upload": upload,
        "kinds": _kind_titles(preview, request.state.lang) if preview else {},
        "max_mib": request.app.state.settings.max_body_bytes // 2**20,
    }
    return render(request, "import.html", context, texts=CAT, status_code=status_code)


def _problem_rows(rejected: ImportRejected, lang: str) -> list[dict]:
    """Each problem split into where it is (file, sheet, row or line, element, column or field) and what it is."""
    metamodel = load_metamodel()
    rows = []
    for problem in rejected.problems:
        kind = problem.kind
        if kind and metamodel.has_kind(kind):
            kind = metamodel.kind(kind).title(lang)
        sheet = _SHEET.match(problem.path)
        rows.append(
            {
                "file": sheet.group(1) if sheet else problem.path,
                "sheet": sheet.group(2) if sheet else "",
                "line": problem.line,
                "element": " ".join(p for p in (kind, problem.element_id) if p),
                "field": problem.field or "",
                "message": problem.message.render(lang),
            }
        )
    return rows


def _both(text: str | Message) -> dict[str, str]:
    return {lang: text.render(lang) if isinstance(text, Message) else str(text) for lang in LANGS}


def _summary(result: service.ImportResult) -> dict[str, Any]:
    """What an import changed (or, in a dry run, would change), as plain data: kept beside the upload for the result
    page, so texts that came from the service are kept in both languages."""
    s = result.summary
    kinds = sorted(set(s.created) | set(s.updated) | set(s.unchanged))
    catalog = result.catalog
    found = result.findings
    return {
        "files": result.files,
        "kinds": [[k, s.created[k], s.updated[k], s.unchanged[k]] for k in kinds],
        "created": sum(s.created.values()),
        "updated": sum(s.updated.values()),
        "unchanged": sum(s.unchanged.values()),
        "organisations": sum(s.organisations.values()),
        "links": s.links,
        "roadmap": len(catalog.roadmap) if catalog else 0,
        "notes": [_both(note) for note in (catalog.notes if catalog else [])],
        "findings": dict(found.counts) if found else None,
        "findings_total": found.total if found else 0,
        "first": [
            {
                "rule": f.finding.rule,
                "title": _rule_title(f.finding.rule),
                "severity": f.finding.severity.value,
                "element": f.finding.element or "",
                "where": f.source or "",
                "column": f.column or "",
                "message": {lang: service.message_for(f.finding, lang) for lang in LANGS},
            }
            for f in (found.first if found else [])
        ],
    }


def _rule_title(rule: str) -> dict[str, str]:
    title = service.RULES[rule].title if rule in service.RULES else None
    return {lang: title[lang] if title else rule for lang in LANGS}


def _kind_titles(summary: dict | None, lang: str) -> dict[str, str]:
    metamodel = load_metamodel()
    kinds = [row[0] for row in (summary or {}).get("kinds", [])]
    return {k: metamodel.kind(k).title(lang) if metamodel.has_kind(k) else k for k in kinds}


class _Staging:
    """Uploads waiting between their dry run and their commit, on this server only (see the module's note)."""

    @staticmethod
    def root() -> Path:
        """A folder of this server's user under the temporary folder; refused if someone else made it."""
        uid = os.getuid() if hasattr(os, "getuid") else 0
        root = Path(tempfile.gettempdir()) / f"ea-repo-impor-{uid}"
        root.mkdir(mode=0o700, exist_ok=True)
        stat = root.lstat()
        if root.is_symlink() or not root.is_dir() or (hasattr(os, "getuid") and stat.st_uid != uid):
            raise PermissionError(f"{root} is not this server's own folder")  # the server's log and a 500 page
        return root

    @staticmethod
    def owner(request: Request) -> str:
        """The browser session an upload belongs to (a hash of its secret, never the secret)."""
        secret = request.cookies.get(SESSION_COOKIE) or ""
        return hashlib.sha256(f"ea-repo upload {secret}".encode()).hexdigest()

    @classmethod
    def put(cls, request: Request, ippd: str, principal: service.Principal, uploads: list[tuple[str, bytes]]) -> str:
        root = cls.root()
        cls.sweep(root)
        name = secrets.token_urlsafe(24)
        folder = root / name
        folder.mkdir(mode=0o700)
        for index, (_, data) in enumerate(uploads):
            (folder / f"{index}.unggahan").write_bytes(data)
        note = {"owner": cls.owner(request), "who": principal.name, "ippd": ippd, "names": [n for n, _ in uploads]}
        (folder / "catatan.json").write_text(json.dumps(note), encoding="utf-8")
        return name

    @classmethod
    def find(cls, request: Request, name: str, ippd: str, principal: service.Principal) -> Path | None:
        """The folder of this upload, if it is this session's, this person's and this IPPD's; else None."""
        if not _NAME.fullmatch(name or ""):
            return None
        folder = cls.root() / name
        try:
            note = json.loads((folder / "catatan.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if time.time() - folder.stat().st_mtime > KEEP_SECONDS:
            return None
        mine = hmac.compare_digest(str(note.get("owner", "")), cls.owner(request))
        return folder if mine and note.get("who") == principal.name and note.get("ippd") == ippd else None

    @staticmethod
    def claim(folder: Path) -> list[tuple[str, bytes]] | None:
        """The files of an upload for one commit only (a second click meanwhile finds it taken); None if taken or
        committed already."""
        try:
            (folder / "simpan.kunci").touch(exist_ok=False)
        except OSError:
            return None
        names = json.loads((folder / "catatan.json").read_text(encoding="utf-8"))["names"]
        try:
            return [(n, (folder / f"{i}.unggahan").read_bytes()) for i, n in enumerate(names)]
        except OSError:  # committed already
            return None

    @staticmethod
    def release(folder: Path) -> None:
        (folder / "simpan.kunci").unlink(missing_ok=True)

    @staticmethod
    def done(folder: Path, summary: dict) -> None:
        for path in folder.glob("*.unggahan"):
            path.unlink()
        (folder / "hasil.json").write_text(json.dumps(summary), encoding="utf-8")

    @staticmethod
    def result(folder: Path) -> dict | None:
        try:
            return json.loads((folder / "hasil.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    @staticmethod
    def sweep(root: Path) -> None:
        limit = time.time() - KEEP_SECONDS
        for folder in root.iterdir():
            try:
                if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < limit:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue
