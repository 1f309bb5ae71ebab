"""Plateaus as a whole: start the to-be (or a transition year) from the as-is."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ea_repo.access.principal import Principal, require_ippd
from ea_repo.catalog.retire import Retirement, apply_retirement, plan_replace
from ea_repo.core.errors import AlreadyExists, ImportRejected, InputProblem, NotFound, PermissionDenied
from ea_repo.core.i18n import Message
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import refuse_taken_ids, require_registered
from ea_repo.storage import store
from ea_repo.storage.db import atomic
from metamodel import load_metamodel


@dataclass
class PlateauCopy:
    """What a copy wrote: every element of `source` (that the principal may write) into `target`."""

    ippd: str
    source: str
    target: str
    summary: store.WriteSummary
    retirement: Retirement


def copy_plateau(
    repo: Repository, *, principal: Principal, ippd: str, source: str, target: str, replace: bool = False
) -> PlateauCopy:
    """Write every element and link of `source` into `target`, in one transaction, audited.

    Refused (AlreadyExists) when `target` already holds elements the principal sees, unless
    `replace`: then its elements that `source` does not hold are retired. An OPD-scoped principal
    copies (and replaces) only its own OPDs' elements."""
    who = principal
    require_ippd(who, ippd)
    _require_plateaus(source, target)
    if not who.role.writes:
        raise PermissionDenied(Message("read_only", who=who.name))
    opds = tuple(sorted(who.opds)) if who.opds is not None else None
    with atomic(repo.engine) as conn:
        require_registered(conn, ippd)
        rows = [
            dataclasses.replace(row, plateau=target, version=None)
            for row in store.read_elements(conn, store.ElementFilter(ippd=ippd, plateau=source, opds=opds))
        ]
        if not rows:
            raise NotFound(Message("plateau_empty", plateau=source, ippd=ippd))
        held, _links = store.count_elements_and_links(conn, store.ElementFilter(ippd=ippd, plateau=target, opds=opds))
        if held and not replace:
            raise AlreadyExists(Message("plateau_not_empty", plateau=target, count=held))
        refuse_taken_ids(conn, who, rows)
        retirement = plan_replace(conn, who, ippd, target, rows) if replace else Retirement()
        summary = store.write_catalog(conn, rows, [], who)
        apply_retirement(conn, who, retirement)
    return PlateauCopy(ippd, source, target, summary, retirement)


def _require_plateaus(source: str, target: str) -> None:
    metamodel = load_metamodel()
    problems = [
        InputProblem(name, None, Message("plateau", got=repr(value)), field=name)
        for name, value in (("from", source), ("to", target))
        if not metamodel.is_plateau(value)
    ]
    if not problems and source == target:
        problems.append(InputProblem("to", None, Message("plateau_same", plateau=target), field="to"))
    if problems:
        raise ImportRejected(problems)
