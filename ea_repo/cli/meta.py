"""ea metamodel kinds / relations, ea rules, ea schema: the rules, printed from their one source."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Column, Table

from metamodel import load_metamodel

from ..checks import RULES
from ..documents import catalog_json_schema
from .common import lang_of, out

app = typer.Typer(help="What the metamodel defines: kinds, attributes, ID patterns and allowed relations.", no_args_is_help=True)


@app.command()
def kinds(ctx: typer.Context, kind: Optional[str] = typer.Argument(None, help="Show one kind's attributes.")) -> None:
    """List the element kinds per domain, or one kind's attributes and template columns."""
    metamodel, lang = load_metamodel(), lang_of(ctx)
    if kind:
        k = metamodel.organisation_kind(kind) or metamodel.kind(kind)
        table = Table(_id_column("attribute"), "type", "column (template)", "label")
        for a in k.attributes:
            table.add_row(a.name, a.type + (f" {list(a.values)}" if a.values else ""), a.column, a.label)
        for f in k.link_fields:
            table.add_row(f, "IDs", "-", ", ".join(sorted(metamodel.field_targets(k.name, f))))
        out.print(f"{k.name} ({k.key}) — {k.title(lang)}; ID e.g. {k.id_example}")
        out.print(table)
        return
    table = Table("domain", _id_column("kind"), _id_column("key"), _id_column("ID e.g."), "name")
    for k in metamodel.organisation_kinds + metamodel.kinds:
        table.add_row(k.domain, k.name, k.key, k.id_example, k.title(lang))
    out.print(table)


@app.command()
def relations(ctx: typer.Context) -> None:
    """List the allowed cross-domain relations and the typed field that declares each."""
    lang = lang_of(ctx)
    table = Table(_id_column("relation"), _id_column("field"), "from", "to", "label")
    for r in load_metamodel().relations:
        table.add_row(r.name, r.field, ", ".join(sorted(r.sources)), ", ".join(sorted(r.targets)), r.label(lang))
    out.print(table)


def rules(ctx: typer.Context) -> None:
    """List the consistency rules: id, severity, meaning and how to fix."""
    lang = lang_of(ctx)
    table = Table(_id_column("rule"), "severity", "meaning", "fix")
    for r in RULES.values():
        table.add_row(r.id, r.severity.value, r.title.get(lang), r.fix.get(lang))
    out.print(table)


def schema(output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of the screen.")) -> None:
    """Print the JSON Schema of catalogue documents (for editors: yaml-language-server)."""
    text = json.dumps(catalog_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        out.print(text, markup=False, end="")


def _id_column(header: str) -> Column:
    return Column(header, no_wrap=True)
