"""ea token create / list / revoke, and ea history."""

from __future__ import annotations

import typer
from rich.table import Column, Table

from cli.common import EXIT_FINDINGS, LOCAL, err, lang_of, out, plain, state, translate_errors, write_json, write_raw
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.i18n import columns, t

app = typer.Typer(help=help_text("token"), no_args_is_help=True)


@app.command(help=help_text("token.create"))
@translate_errors
def create(
    ctx: typer.Context,
    role: str = typer.Option(..., "--role", help=help_text("opt.role")),
    name: str = typer.Option(..., "--name", help=help_text("opt.token_name")),
    ippd: str | None = typer.Option(
        None,
        "--ippd",
        help=help_text("opt.ippd_token"),
    ),
    opd: list[str] | None = typer.Option(None, "--opd", help=help_text("opt.opd_token")),
) -> None:
    info, text = service.create_token(
        state(ctx).repository(), role=role, name=name, ippd=ippd, opds=opd or None, principal=LOCAL
    )
    lang = lang_of(ctx)
    err.print(t("token_created", lang, id=info.id, role=info.role.value, scope=info.principal().scope), markup=False)
    write_raw(text + "\n")


@app.command("list", help=help_text("token.list"))
@translate_errors
def list_(
    ctx: typer.Context, format: str = typer.Option("table", "--format", help=help_text("opt.format_table_json"))
) -> None:
    rows = service.list_tokens(state(ctx).repository(), principal=LOCAL)
    show_grants(ctx, rows, format, "columns_tokens", who="id", ended="revoked_at")


def show_grants(ctx: typer.Context, rows: list, format: str, heading: str, *, who: str, ended: str) -> None:
    """Tokens or users as JSON or a table: who (`who`: id or login), name, role, scope, created, by whom, and when
    it ended (`ended`: revoked or disabled)."""
    if format == "json":
        write_json([service.grant_record(info) for info in rows], indent=2)
        return
    table = Table(*columns(heading, lang_of(ctx)))
    for info in rows:
        cells = (getattr(info, who), info.name, info.role.value, info.principal().scope, info.created_at[:19])
        table.add_row(*(plain(c) for c in (*cells, info.created_by, (getattr(info, ended) or "")[:19])))
    out.print(table)


@app.command(help=help_text("token.revoke"))
@translate_errors
def revoke(
    ctx: typer.Context,
    token_id: str = typer.Argument(..., help=help_text("opt.token_id")),
) -> None:
    info = service.revoke_token(state(ctx).repository(), token_id, principal=LOCAL)
    err.print(t("token_revoked", lang_of(ctx), id=info.id), markup=False)


@translate_errors
def history(
    ctx: typer.Context,
    element_id: str | None = typer.Argument(None, help=help_text("opt.element_id_history")),
    ippd: str | None = typer.Option(None, "--ippd", help=help_text("opt.ippd_only")),
    plateau: str | None = typer.Option(None, "--plateau", help=help_text("opt.plateau_only")),
    limit: int = typer.Option(50, "--limit", help=help_text("opt.limit_history")),
    format: str = typer.Option("table", "--format", help=help_text("opt.format_history")),
) -> None:
    entries = service.history(
        state(ctx).repository(), element_id=element_id, ippd=ippd, plateau=plateau, limit=limit, principal=LOCAL
    )
    if format == "json":
        write_json([audit_json(e) for e in entries], indent=None)
    elif not entries:
        err.print(t("no_history", lang_of(ctx)))
        raise typer.Exit(EXIT_FINDINGS)
    else:
        *headers, changed_header = columns("columns_history", lang_of(ctx))
        table = Table(*headers, Column(changed_header, overflow="fold", min_width=12))
        for e in entries:
            c = e.change
            changed = [name.split(".", 1)[1] for name in changed_fields(c.before, c.after)]
            shown = ", ".join(changed[:4]) + (f" +{len(changed) - 4}" if len(changed) > 4 else "")
            cells = (
                str(e.id),
                e.at[:16].replace("T", " "),
                e.actor,
                c.action,
                f"{c.ippd}/{c.plateau}" if c.plateau else c.ippd,
                c.subject,
                str(c.version or "-"),
                shown,
            )
            table.add_row(*(plain(x) for x in cells))
        out.print(table)


def audit_json(entry: service.AuditEntry) -> dict:
    c = entry.change
    return {
        "id": entry.id,
        "at": entry.at,
        "actor": entry.actor,
        "via": entry.via,
        "action": c.action,
        "ippd": c.ippd,
        "plateau": c.plateau,
        "opd": c.opd,
        "subject": c.subject,
        "kind": c.kind,
        "version": c.version,
        "before": c.before,
        "after": c.after,
    }


def changed_fields(before: dict | None, after: dict | None) -> list[str]:
    """metadata.x / spec.y that differ between two documents."""
    if before is None or after is None:
        return []
    names = []
    for section in ("metadata", "spec"):
        old, new = before.get(section, {}), after.get(section, {})
        names += [f"{section}.{k}" for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return names
