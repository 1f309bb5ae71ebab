"""Paths that writers build from stored names (an IPPD code, a plateau): they never leave their folder.

IPPD codes are checked where they enter (the metamodel's IPPD code rule), but a database written
before that rule, or restored from elsewhere, may still hold one like '../../x' or '/etc'. So every
writer that names files after stored data joins them here, and is refused rather than led outside.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ea_repo.core.errors import Refused
from ea_repo.core.i18n import Message

# One path component: ASCII letters, digits, '.', '_', '-', starting with a letter or digit. It
# excludes '..', separators of every system, drive letters, control characters and look-alikes of
# '/' or '.' from other scripts (U+2215, U+FF0E, ...).
_COMPONENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


def is_safe_component(name: str) -> bool:
    return _COMPONENT.fullmatch(name) is not None


def path_inside(folder: Path, relative: Path | str) -> Path:
    """`folder / relative`, where every component of `relative` is a safe name and the result stays in `folder`."""
    parts = PurePosixPath(relative).parts if isinstance(relative, str) else relative.parts
    if not parts or any(not is_safe_component(part) for part in parts):
        raise Refused(Message("unsafe_path", path=repr(str(relative)), folder=str(folder)))
    target = folder.joinpath(*parts)
    root = folder.resolve()
    if not target.resolve().is_relative_to(root):  # a symbolic link inside the folder pointing out of it
        raise Refused(Message("unsafe_path", path=repr(str(relative)), folder=str(folder)))
    return target
