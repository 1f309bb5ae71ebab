"""ea init / import / export / list / show."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from cli.common import (
    EXIT_USAGE,
    LOCAL,
    err,
    is_terminal,
    lang_of,
    only_ippd,
    out,
    plain,
    state,
    translate_errors,
    write_raw,
)
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.errors import ConfigError, ElementNotFound, RepositoryNotInitialised
from ea_repo.core.i18n import Message, columns, t
from ea_repo.reports.safety import json_text
from metamodel import load_metamodel

app = typer.Typer()


@app.command(help=help_text("init"))
@translate_errors
def init(ctx: typer.Context) -> None:
    repo, created = service.init_repository(state(ctx).db)
    out.print(t("init_created" if created else "init_exists", lang_of(ctx), url=repo.url))


@app.command(
    "import",
    help=help_text("import"),
)
@translate_errors
def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ...,
        help=help_text("opt.import_paths"),
    ),
    max_file_size: int = typer.Option(service.MAX_FILE_BYTES // 2**20, help=help_text("opt.max_file_size")),
    dry_run: bool = typer.Option(False, "--dry-run", help=help_text("opt.dry_run")),
    sync: bool = typer.Option(
        False,
        "--sync",
        help=help_text("opt.sync"),
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help=help_text("opt.yes_sync")),
) -> None:
    files = service.catalog_files(paths)
    lang = lang_of(ctx)
    if dry_run:
        with _progress(len(files)) as advance:
            catalog = service.validate_paths(paths, max_file_bytes=max_file_size * 2**20, on_file=advance)
        out.print(
            t("validated", lang, files=catalog.files, elements=len(catalog.elements), orgs=len(catalog.organisations))
        )
        _notes(catalog.notes, lang)
        return
    repo = state(ctx).repository()
    with _progress(len(files)) as advance:
        result = service.import_paths(
            repo,
            paths,
            max_file_bytes=max_file_size * 2**20,
            on_file=advance,
            sync=sync,
            preview=sync and not yes,
            principal=LOCAL,
        )
    if not result.applied:
        _print_retirement(result.retirement, lang, preview=True)
        return
    _print_import(result, lang)


def _print_import(result, lang: str) -> None:
    s = result.summary
    out.print(
        t(
            "import_done",
            lang,
            files=result.files,
            created=sum(s.created.values()),
            updated=sum(s.updated.values()),
            unchanged=sum(s.unchanged.values()),
            links=s.links,
            orgs=sum(s.organisations.values()),
        )
    )
    if result.catalog is not None and result.catalog.roadmap:
        out.print(t("roadmap_documents", lang, count=len(result.catalog.roadmap)))
    if result.retirement is not None:
        _print_retirement(result.retirement, lang, preview=False)
    if result.findings is not None:
        print_import_findings(result.findings, lang)
    if result.catalog is not None:
        _notes(result.catalog.notes, lang)


def print_import_findings(findings, lang: str) -> None:
    """The count by severity of the findings the import brought, and the first few with where to fix them."""
    from ea_repo.service import message_for

    if not findings.total:
        out.print(t("import_findings_none", lang))
        return
    counts = findings.counts
    out.print(t("import_findings", lang, errors=counts["error"], warnings=counts["warning"], infos=counts["info"]))
    for located in findings.first:
        f = located.finding
        where = ", ".join(p for p in (located.source, located.column and t("column", lang, column=located.column)) if p)
        out.print(
            plain(
                f"  {t('severity_' + f.severity.value, lang)}  {f.rule}  {where or f.element}: {message_for(f, lang)}"
            )
        )
    if findings.total > len(findings.first):
        out.print(t("import_findings_more", lang, count=findings.total - len(findings.first)))


def _print_retirement(retirement, lang: str, *, preview: bool) -> None:
    if not retirement:
        out.print(t("sync_nothing", lang))
    else:
        out.print(t("sync_preview" if preview else "sync_retired", lang, count=len(retirement.elements)))
        if preview:
            for row in retirement.elements:
                kind = load_metamodel().kind(row.kind).title(lang)
                place = f"[{row.ippd} / {row.plateau}]"
                out.print(plain(f"  {row.element_id}  {kind}  {row.name or '-'}  {place}  {row.source or ''}"))
    print_dangling(retirement.dangling, lang, preview=preview)
    if preview:
        out.print(t("sync_confirm", lang))


def print_dangling(dangling, lang: str, *, preview: bool) -> None:
    if not dangling:
        return
    out.print(t("dangling" if preview else "dangling_now", lang, count=len(dangling)))
    for link in dangling:
        out.print(plain(f"  {link.source_id}.{link.field} -> {link.target_id}  [{link.ippd} / {link.plateau}]"))


def _notes(notes: list, lang: str) -> None:
    for note in notes:
        err.print(plain(f"  {note.render(lang) if isinstance(note, Message) else note}"))


class _progress:
    """A progress bar over files on a terminal; silent otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = (
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            )
            if is_terminal() and total > 1
            else None
        )

    def __enter__(self):
        if self.bar is None:
            return lambda _path: None
        self.bar.start()
        task = self.bar.add_task("import", total=self.total)
        return lambda path: self.bar.update(task, advance=1, description=path.name)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


@app.command(help=help_text("export"))
@translate_errors
def export(
    ctx: typer.Context,
    out_dir: Path | None = typer.Argument(None, help=help_text("opt.export_dir")),
    output: Path | None = typer.Option(None, "--output", "-o", help=help_text("opt.export_output")),
    output_format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help=help_text("opt.export_format"),
    ),
    ippd: str | None = typer.Option(None, help=help_text("opt.ippd_export")),
    plateau: str = typer.Option("all", help=help_text("opt.plateau_archimate")),
    opd: str | None = typer.Option(None, help=help_text("opt.opd_archimate")),
    view: list[str] = typer.Option(
        ["layers"],
        "--view",
        help=help_text("opt.archimate_view"),
    ),
    no_validate: bool = typer.Option(False, "--no-validate", help=help_text("opt.archimate_no_validate")),
) -> None:
    target = output or out_dir
    if target is None:
        raise ConfigError(Message("export_where"))
    fmt = (output_format or ("xlsx" if target.suffix.lower() == ".xlsx" else "yaml")).lower()
    repo = state(ctx).repository()
    if fmt == "archimate":
        _export_archimate(ctx, repo, target, ippd=ippd, plateau=plateau, opd=opd, views=view, validate=not no_validate)
    elif fmt == "xlsx":
        data = service.export_workbook(repo, ippd, lang=lang_of(ctx), principal=LOCAL)
        target.write_bytes(data)
        out.print(t("file_written", lang_of(ctx), path=target, size=f"{len(data):,}"))
    elif fmt == "csv":
        files = service.export_csv(repo, target, ippd, principal=LOCAL)
        out.print(f"{target}: {len(files)} CSV")
    elif fmt == "yaml":
        result = service.export_catalog(repo, target, ippd=ippd, principal=LOCAL)
        out.print(t("export_done", lang_of(ctx), elements=result.elements, files=len(result.files), path=target))
    else:
        choices = "yaml, xlsx, csv, archimate"
        raise ConfigError(Message("parameter_one_of", name="--format", choices=choices, got=repr(fmt)))


def _export_archimate(ctx: typer.Context, repo, target: Path, *, ippd, plateau, opd, views, validate: bool) -> None:
    from viz.archimate import drawer

    lang, principal = lang_of(ctx), LOCAL
    code = only_ippd(repo, ippd)
    draw = drawer(repo, principal, code, views, opd=opd, lang=lang)
    result = service.export_archimate(
        repo, ippd=code, plateau=plateau, opd=opd, draw=draw, validate=validate, lang=lang, principal=principal
    )
    target.write_bytes(result.data)
    _notes(result.notes, lang)
    out.print(
        plain(
            t(
                "archimate_done" if result.validated else "archimate_done_unchecked",
                lang,
                path=target,
                elements=result.elements,
                relationships=result.relationships,
                views=result.views,
                size=f"{len(result.data):,}",
            )
        )
    )


@app.command(help=help_text("template"))
@translate_errors
def template(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help=help_text("opt.template_output")),
    ippd: str | None = typer.Option(None, help=help_text("opt.ippd_template")),
) -> None:
    try:
        repo = state(ctx).repository()
    except RepositoryNotInitialised:
        repo = None
    output.write_bytes(service.template_workbook(repo, ippd, lang=lang_of(ctx), principal=LOCAL))
    out.print(str(output))


@app.command("list", help=help_text("list"))
@translate_errors
def list_(
    ctx: typer.Context,
    kind: str | None = typer.Argument(None, help=help_text("opt.kind_or_domain")),
    ippd: str | None = typer.Option(None, help=help_text("opt.ippd")),
    opd: str | None = typer.Option(None, help=help_text("opt.opd_owner")),
    plateau: str | None = typer.Option(None, help=help_text("opt.plateau")),
    search: str | None = typer.Option(None, "--search", "-s", help=help_text("opt.search")),
    output: str = typer.Option("table", "--format", "-f", help=help_text("opt.format_list")),
    limit: int = typer.Option(200, help=help_text("opt.limit_rows")),
) -> None:
    rows = service.list_elements(
        state(ctx).repository(), kind=kind, ippd=ippd, opd=opd, plateau=plateau, text=search, principal=LOCAL
    )
    if output == "json":
        write_raw(json_lines(service.as_documents(rows)))
    elif output == "yaml":
        write_raw(service.as_yaml(rows))
    elif output == "table":
        _element_table(rows, lang_of(ctx), limit)
    else:
        err.print(f"--format: expected table, json or yaml, got {output!r}")
        raise typer.Exit(EXIT_USAGE)


def json_lines(items: list) -> str:
    """A JSON array, one item per line: readable, and written by the C encoder (pretty-printing 50k items takes
    minutes)."""
    return json_text("[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n")


def _element_table(rows, lang: str, limit: int) -> None:
    if not rows:
        out.print(t("no_elements", lang))
        return
    metamodel = load_metamodel()
    id_header, *headers = columns("columns_list", lang)
    table = Table(Column(id_header, no_wrap=True), *headers)
    for r in rows[:limit] if limit else rows:
        cells = (
            r.element_id,
            metamodel.kind(r.kind).title(lang),
            r.name or "-",
            r.opd or "-",
            r.plateau,
            r.ippd,
            ", ".join(x.split(" ")[0] for x in r.reference) or "-",
        )
        table.add_row(*(plain(c) for c in cells))
    out.print(table)
    out.print(t("element_count", lang, count=len(rows)))
    if limit and len(rows) > limit:
        out.print(t("more_elements", lang, count=len(rows) - limit))


@app.command(help=help_text("show"))
@translate_errors
def show(
    ctx: typer.Context,
    element_id: str = typer.Argument(..., help=help_text("opt.element_id")),
    ippd: str | None = typer.Option(None, help=help_text("opt.ippd_when_shared_id")),
    plateau: str | None = typer.Option(None, help=help_text("opt.plateau_show")),
    output: str = typer.Option("text", "--format", "-f", help=help_text("opt.format_show")),
) -> None:
    details = service.show_element(state(ctx).repository(), element_id, ippd=ippd, plateau=plateau, principal=LOCAL)
    lang = lang_of(ctx)
    if output == "json":
        write_raw(json_lines([_detail_json(d, lang) for d in details]))
        return
    for detail in details:
        _print_detail(detail, lang)


def _detail_json(detail, lang: str) -> dict:
    from ea_repo.service import message_for

    return {
        "document": service.as_documents([detail.element])[0],
        "source": detail.element.source,
        "links_out": [asdict(link) for link in detail.links_out],
        "links_in": [asdict(link) for link in detail.links_in],
        "findings": [
            {"rule": f.rule, "severity": f.severity.value, "message": message_for(f, lang), "source": f.source}
            for f in detail.findings
        ],
    }


def _print_detail(detail, lang: str) -> None:
    from ea_repo.service import message_for

    row = detail.element
    out.rule(plain(f"{row.element_id} — {row.name or '-'}  [{row.ippd} / {row.plateau}]", newlines=False))
    out.print(plain(service.as_yaml([row])), end="")
    if row.source:
        out.print(plain(f"{t('source', lang)}: {row.source}"))
    for title, links in ((t("links_out", lang), detail.links_out), (t("links_in", lang), detail.links_in)):
        out.print(f"\n{title} ({len(links)})")
        for link in links:
            kind = link.other_kind or t("link_target_missing", lang)
            relation = load_metamodel().relation_label(link.relation, lang) if link.relation else "?"
            origin = f"[{link.other}: {kind}; {link.declared_by}.{link.field}]"
            out.print(plain(f"  {link.subject} {relation} {link.object}   {origin}"))
    out.print(f"\n{t('findings', lang)} ({len(detail.findings)})")
    for f in detail.findings:
        out.print(plain(f"  {f.severity.value}  {f.rule}: {message_for(f, lang)}"))


@app.command(help=help_text("delete"))
@translate_errors
def delete(
    ctx: typer.Context,
    element_id: str = typer.Argument(..., help=help_text("opt.element_id_delete")),
    plateau: str | None = typer.Option(None, help=help_text("opt.plateau_delete")),
    ippd: str | None = typer.Option(None, help=help_text("opt.ippd_when_several")),
    link: str | None = typer.Option(
        None,
        "--link",
        help=help_text("opt.link"),
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help=help_text("opt.yes_delete")),
) -> None:
    repo, lang = state(ctx).repository(), lang_of(ctx)
    principal = LOCAL
    key = _element_key(repo, element_id, only_ippd(repo, ippd), plateau, lang)
    if link:
        field, _, target = link.rpartition(":")
        row = service.remove_link(repo, key, target, field=field or None, principal=principal)
        out.print(plain(t("link_removed", lang, element=key[2], target=target, version=row.version)))
        return
    row, dangling = service.delete_preview(repo, key, principal=principal)
    if not yes:
        out.print(
            plain(
                t(
                    "delete_preview",
                    lang,
                    element=row.element_id,
                    kind=load_metamodel().kind(row.kind).title(lang),
                    name=row.name or "-",
                    ippd=row.ippd,
                    plateau=row.plateau,
                )
            )
        )
        print_dangling(dangling, lang, preview=True)
        out.print(t("delete_confirm", lang))
        return
    service.delete_element(repo, key, principal=principal)
    out.print(plain(t("deleted", lang, element=row.element_id, ippd=row.ippd, plateau=row.plateau)))
    print_dangling(dangling, lang, preview=False)


def _element_key(repo, element_id: str, ippd: str, plateau: str | None, lang: str) -> tuple[str, str, str]:
    """The key of the element named; the plateau may be left out when the ID is in one plateau only."""
    if plateau is not None:
        return service.element_key(ippd, plateau, element_id)
    wanted = service.element_key(ippd, "-", element_id)[2]
    plateaus = [
        r.plateau
        for r in service.list_elements(repo, ippd=ippd, text=wanted, principal=LOCAL)
        if r.element_id == wanted
    ]
    if len(plateaus) > 1:
        raise ConfigError(t("plateau_many", lang, element=wanted, plateaus=", ".join(plateaus)))
    if not plateaus:
        raise ElementNotFound(wanted)
    return service.element_key(ippd, plateaus[0], wanted)
