"""Backup and restore of the whole repository: a national admin's business."""

from __future__ import annotations

from pathlib import Path

from ea_repo.access.principal import Principal, require_admin
from ea_repo.service.repository import Repository
from ea_repo.storage import backup
from ea_repo.storage.db import make_engine

BackupSummary = backup.BackupSummary
BackupProgress = backup.Progress


def backup_repository(
    repo: Repository, path: Path, *, principal: Principal, progress: BackupProgress | None = None
) -> BackupSummary:
    """Every table as one committed state had it (the server may run on), to `path`, mode 0600."""
    require_admin(principal, None)
    return backup.write_backup(repo.engine, Path(path), progress)


def restore_repository(
    url: str | None, path: Path, *, principal: Principal, force: bool = False, progress: BackupProgress | None = None
) -> BackupSummary:
    """The backup at `path` into the database at `url` (created if need be), all or nothing.
    Refused if the database already holds ea-repo rows, unless `force` (then they are replaced)."""
    require_admin(principal, None)
    engine = make_engine(url)
    try:
        return backup.restore_backup(engine, Path(path), force=force, progress=progress)
    finally:
        engine.dispose()
