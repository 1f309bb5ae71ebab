"""Bulk import over HTTP: a YAML body, a JSON array, or uploaded .yaml/.yml files and .zip archives of them.

A zip is read with bounded sizes: a zip bomb is refused, not unpacked.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from ea_repo.access.principal import Principal
from ea_repo.catalog.limits import json_documents
from ea_repo.core.errors import ImportRejected, InputProblem
from ea_repo.core.i18n import Message
from ea_repo.core.yaml_io import YAML_SUFFIXES
from ea_repo.service.catalog import ImportResult, import_documents, import_texts
from ea_repo.service.repository import Repository

MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 512 * 1024 * 1024


def import_body(
    repo: Repository, data: bytes, *, principal: Principal, as_json: bool = False, dry_run: bool = False
) -> ImportResult:
    """A request body: a JSON array of documents (`as_json`), else a YAML stream as in a file."""
    if as_json:
        return import_documents(repo, json_documents(data), principal=principal, dry_run=dry_run)
    return import_texts(repo, [("body", _decode("body", data))], principal=principal, dry_run=dry_run)


def import_uploads(
    repo: Repository, uploads: list[tuple[str, bytes]], *, principal: Principal, dry_run: bool = False
) -> ImportResult:
    """Uploaded (name, bytes): YAML files, and zip archives whose YAML files are read in name order."""
    texts: list[tuple[str, str]] = []
    for name, data in uploads:
        texts.extend(_archive_texts(name, data) if name.lower().endswith(".zip") else [(name, _decode(name, data))])
    return import_texts(repo, texts, principal=principal, dry_run=dry_run)


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected([InputProblem(name, None, Message("not_utf8", byte=exc.start))]) from None


def _archive_texts(name: str, data: bytes) -> list[tuple[str, str]]:
    """The YAML files of a zip, read with bounded sizes (a zip bomb is refused, not unpacked)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir() and PurePosixPath(m.filename).suffix.lower() in YAML_SUFFIXES
        ]
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportRejected([InputProblem(name, None, Message("bad_archive", detail=str(exc)))]) from None
    if not members:
        raise ImportRejected([InputProblem(name, None, Message("archive_empty"))])
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ImportRejected(
            [InputProblem(name, None, Message("bad_archive", detail=f"over {MAX_ARCHIVE_MEMBERS} files"))]
        )
    texts, total = [], 0
    for member in sorted(members, key=lambda m: m.filename):
        try:
            with archive.open(member) as stream:
                content = stream.read(MAX_UNPACKED_BYTES - total + 1)
        except (
            zipfile.BadZipFile,
            RuntimeError,
            NotImplementedError,
            OSError,
        ) as exc:  # corrupt, encrypted, odd method
            raise ImportRejected(
                [InputProblem(f"{name}/{member.filename}", None, Message("bad_archive", detail=str(exc)))]
            ) from None
        total += len(content)
        if total > MAX_UNPACKED_BYTES:
            raise ImportRejected(
                [
                    InputProblem(
                        name,
                        None,
                        Message("archive_too_big", size=f">{MAX_UNPACKED_BYTES >> 20}", limit=MAX_UNPACKED_BYTES >> 20),
                    )
                ]
            )
        member_name = f"{name}/{member.filename}"
        texts.append((member_name, _decode(member_name, content)))
    return texts
