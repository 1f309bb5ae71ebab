"""Import of uploaded files into one IPPD (the web page's import): YAML, XLSX/CSV in the national layouts, and zip
archives of YAML; all or nothing, through the one reader.

A dry run does everything a commit does (reading, the scope check, the write itself) inside a transaction that is
then rolled back: nothing is written, and the counts it shows (created, updated, unchanged) are exactly those the
commit would write.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path, PurePosixPath

from ea_repo.access.principal import Principal, require_ippd
from ea_repo.catalog.importer import ParsedCatalog, duplicate_problems, parse_sheets, parse_text
from ea_repo.core.errors import ImportRejected, InputProblem, PermissionDenied
from ea_repo.core.i18n import Message
from ea_repo.core.runtime import paused_gc
from ea_repo.core.yaml_io import MAX_FILE_BYTES, YAML_SUFFIXES
from ea_repo.planning.store import write_roadmap
from ea_repo.service.catalog import ImportResult, _write, authorise_catalog
from ea_repo.service.repository import Repository
from ea_repo.service.uploads import _archive_texts, _decode
from ea_repo.service.visibility import refuse_taken_ids
from ea_repo.sheets.read import SHEET_SUFFIXES
from ea_repo.storage import store
from ea_repo.storage.db import atomic

UPLOAD_SUFFIXES = (*SHEET_SUFFIXES, *YAML_SUFFIXES, ".zip")
MAX_NAME = 120  # characters of an uploaded file's name kept


def upload_name(name: str | None) -> str:
    """An uploaded file's own name, as the problems and the stored sources show it: no folders (a browser may send
    C:\\Users\\...), no control characters, bounded."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    cleaned = "".join(c for c in base if c.isprintable()).strip().lstrip(".")
    if len(cleaned) > MAX_NAME:
        stem, dot, suffix = cleaned.rpartition(".")
        cleaned = f"{stem[: MAX_NAME - len(suffix) - 1]}.{suffix}" if dot and len(suffix) <= 8 else cleaned[:MAX_NAME]
    return cleaned or "unggahan"


def check_import_allowed(repo: Repository, ippd: str, *, principal: Principal) -> None:
    """Whether this caller may import into this IPPD at all (a viewer may not): PermissionDenied if not. Each
    document is still checked against the caller's scope (its OPDs) when the import runs."""
    require_ippd(principal, ippd)
    if not principal.role.writes:
        raise PermissionDenied(Message("read_only", who=principal.name))


def import_files(
    repo: Repository,
    uploads: list[tuple[str, bytes]],
    *,
    ippd: str,
    principal: Principal,
    dry_run: bool = False,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> ImportResult:
    """Uploaded (name, bytes) into the IPPD `ippd`: every document must be of that IPPD (a sheet without an IPPD
    column is taken as that IPPD's), inside the caller's scope; ImportRejected lists every problem with its file,
    sheet, row and column. `dry_run`: write, count, roll back (ImportResult.applied is False)."""
    check_import_allowed(repo, ippd, principal=principal)
    catalog = ParsedCatalog(files=len(uploads))
    problems: list[InputProblem] = []
    with paused_gc(), tempfile.TemporaryDirectory(prefix="ea-upload-") as folder:
        for index, (raw_name, data) in enumerate(uploads):
            name = upload_name(raw_name)
            problems += _read_upload(name, data, catalog, ippd, Path(folder) / str(index), max_file_bytes)
        problems = [_without_folder(p, folder) for p in problems]
    problems += _other_ippd(catalog, ippd) + duplicate_problems(catalog)
    if problems:
        raise ImportRejected(problems)
    authorise_catalog(principal, catalog)
    if dry_run:
        return _rehearse(repo, catalog, principal)
    return _write(repo, catalog, principal)


def _read_upload(
    name: str, data: bytes, catalog: ParsedCatalog, ippd: str, folder: Path, max_file_bytes: int
) -> list[InputProblem]:
    suffix = PurePosixPath(name).suffix.lower()
    if len(data) > max_file_bytes:
        size, limit = f"{len(data) / 2**20:.1f}", f"{max_file_bytes / 2**20:.0f}"
        return [InputProblem(name, None, Message("file_too_big", size=size, limit=limit))]
    try:
        if suffix == ".zip":
            return [p for member, text in _archive_texts(name, data) for p in parse_text(text, member, catalog)]
        if suffix in YAML_SUFFIXES:
            return parse_text(_decode(name, data), name, catalog)
    except ImportRejected as exc:
        return list(exc.problems)
    if suffix in SHEET_SUFFIXES:
        folder.mkdir()  # one folder per upload: two uploads of the same name stay apart
        path = folder / name
        path.write_bytes(data)
        return parse_sheets(path, catalog, default_ippd=ippd)
    return [InputProblem(name, None, Message("upload_kind", kinds=", ".join(UPLOAD_SUFFIXES)))]


def _without_folder(problem: InputProblem, folder: str) -> InputProblem:
    """A problem the sheet reader located by the file's path on this server: by its name, as the user knows it."""
    if not problem.path.startswith(folder):
        return problem
    return dataclasses.replace(problem, path=Path(problem.path).name)


def _other_ippd(catalog: ParsedCatalog, ippd: str) -> list[InputProblem]:
    """Every document of another IPPD than the one imported into."""
    found = [(row.source, row.kind, row.element_id, row.ippd) for row in catalog.elements]
    found += [(o.source, o.kind, o.code, o.ippd or o.code) for o in catalog.organisations]
    found += [(i.source, i.kind, i.item_id, i.ippd) for i in catalog.roadmap]
    problems = []
    for source, kind, element_id, got in found:
        if got != ippd:
            where, line = _located(source)
            column = catalog.columns.get(where, {}).get("metadata.ippd", "metadata.ippd")  # a sheet's column
            problems.append(
                InputProblem(where, line, Message("import_other_ippd", got=got, ippd=ippd), kind, element_id, column)
            )
    return problems


def _located(source: str | None) -> tuple[str, int | None]:
    """'file:12' or 'file [sheet]:12' -> (where, 12)."""
    where, _, line = (source or "-").rpartition(":")
    return (where, int(line)) if where and line.isdigit() else (source or "-", None)


class _RolledBack(Exception):
    def __init__(self, summary: store.WriteSummary):
        self.summary = summary


def _rehearse(repo: Repository, catalog: ParsedCatalog, principal: Principal) -> ImportResult:
    """The write of an import, counted, then rolled back."""
    try:
        with atomic(repo.engine) as conn:
            refuse_taken_ids(conn, principal, catalog.elements)
            summary = store.write_catalog(conn, catalog.elements, catalog.organisations, principal)
            if catalog.roadmap:
                write_roadmap(conn, catalog.roadmap, principal)
            raise _RolledBack(summary)  # leaves the transaction: it is rolled back
    except _RolledBack as rolled_back:
        return ImportResult(catalog.files, rolled_back.summary, catalog, applied=False)
