"""ea evidence: the provenance records for indicators 11 and 12, the self-assessment, the evidence document."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .. import service
from ..errors import ConfigError, ImportRejected
from ..evidence import Assessment, assessment_data
from ..roadmap_docs import BUDGET, ENACTMENT, REVIEW, read_documents
from ..yaml_io import LoadedDocument
from .common import err, lang_of, only_ippd, out, plain, state, translate_errors, write_raw

app = typer.Typer(help="Evidence for SPBE indicators 11 (Arsitektur) and 12 (Peta Rencana): records, self-assessment, document.",
                  no_args_is_help=True)
record_app = typer.Typer(help="Record an enactment, a review or a budget (create, or replace the record with the same --id).",
                         no_args_is_help=True)
app.add_typer(record_app, name="record")

Ippd = typer.Option(None, "--ippd", help="The IPPD; default: the only one in the repository.")
Covers = typer.Option(None, "--covers", help="arsitektur and/or peta-rencana (repeatable); default both.")
On = typer.Option(None, "--date", help="Assess as on this date (YYYY-MM-DD); default today.")


@app.command()
@translate_errors
def status(ctx: typer.Context, ippd: Optional[str] = Ippd, on: Optional[str] = On,
           output_format: str = typer.Option("table", "--format", "-f", help="table or json.")) -> None:
    """The self-assessed level of indicators 11 and 12, every criterion with what stands behind it, and the next steps."""
    repo = state(ctx).repository()
    assessment = service.assess_evidence(repo, only_ippd(repo, ippd), _date(on) if on else None)
    lang = lang_of(ctx)
    if output_format == "json":
        write_raw(json.dumps(assessment_data(assessment, lang), ensure_ascii=False, indent=1) + "\n")
    elif output_format == "table":
        _print(assessment, lang)
    else:
        raise ConfigError(f"--format: expected table or json, got {output_format!r}")


_WORDS = {"id": {"indicator": "Indikator {n}: level {level}", "next": "Langkah berikutnya ke level {level}:", "ok": "ya", "no": "belum",
                 "columns": ("level", "kriteria", "terpenuhi", "rincian")},
          "en": {"indicator": "Indicator {n}: level {level}", "next": "Next steps to level {level}:", "ok": "yes", "no": "no",
                 "columns": ("level", "criterion", "met", "detail")}}


def _print(assessment: Assessment, lang: str) -> None:
    words = _WORDS["en" if lang == "en" else "id"]
    for indicator in assessment.indicators:
        table = Table(*words["columns"], title=words["indicator"].format(n=indicator.indicator, level=indicator.level), title_justify="left")
        for c in indicator.criteria:
            detail = c.detail.get(lang) + (f"\n({c.caveat.get(lang)})" if c.caveat else "")
            table.add_row(*(plain(x) for x in (str(c.level), c.title.get(lang), words["ok"] if c.passed else words["no"], detail)))
        out.print(table)
        steps = indicator.next_steps()
        if steps and indicator.level < 5:
            out.print(words["next"].format(level=indicator.level + 1))
            for c in steps:
                out.print(plain(f"  - {c.title.get(lang)}: {c.detail.get(lang)}"))
    out.print(plain(assessment.disclaimer.get(lang)))


@app.command("list")
@translate_errors
def list_(ctx: typer.Context, ippd: Optional[str] = Ippd) -> None:
    """The recorded enactments, reviews and budgets."""
    repo = state(ctx).repository()
    table = Table("kind", "ID", "date/year", "document / summary")
    for item in service.evidence_records(repo, only_ippd(repo, ippd)):
        spec = item.spec
        summary = spec.get("document") or f"{len(spec.get('issues') or [])} issues, {len(spec.get('recommendations') or [])} recommendations"
        table.add_row(*(plain(x) for x in (item.kind, item.item_id, str(spec.get("date") or spec.get("year")), summary)))
    out.print(table)


@record_app.command("enactment")
@translate_errors
def enactment(ctx: typer.Context, doc: str = typer.Option(..., "--doc", help='The regulation as written, e.g. "Perbup 71/2022".'),
              date: str = typer.Option(..., "--date", help="The date it was enacted (YYYY-MM-DD)."),
              signed_by: Optional[str] = typer.Option(None, "--signed-by", help="Who signed it."), covers: Optional[list[str]] = Covers,
              record_id: Optional[str] = typer.Option(None, "--id", help="Record ID; default from the document."), ippd: Optional[str] = Ippd) -> None:
    """Record the enactment (penetapan) of the architecture and/or the roadmap."""
    spec = {"document": doc, "date": date, "signed_by": signed_by, "covers": covers or ["arsitektur", "peta-rencana"]}
    _record(ctx, ENACTMENT, record_id or _slug(doc), doc, spec, ippd)


@record_app.command("review")
@translate_errors
def review(ctx: typer.Context, date: str = typer.Option(..., "--date", help="The date of the review (YYYY-MM-DD)."),
           issues: list[str] = typer.Option(..., "--issues", help="An issue found (repeatable)."),
           recommendations: list[str] = typer.Option(..., "--recommendations", help="A recommendation (repeatable)."),
           covers: Optional[list[str]] = Covers,
           concerns: Optional[str] = typer.Option(None, "--concerns", help="Element IDs or plateaus it concerns: 'A.001, to-be'."),
           followed_up_in: Optional[list[str]] = typer.Option(None, "--followed-up-in", help="What answers it: to-be, a year, or peta-rencana (repeatable)."),
           record_id: Optional[str] = typer.Option(None, "--id", help="Record ID; default reviu-<date>."), ippd: Optional[str] = Ippd) -> None:
    """Record a review (reviu) with its issues and recommendations, and what follows it up."""
    spec = {"date": date, "covers": covers or ["arsitektur", "peta-rencana"], "issues": issues, "recommendations": recommendations,
            "concerns": concerns, "followed_up_in": followed_up_in or []}
    _record(ctx, REVIEW, record_id or f"reviu-{date}", f"Reviu {date}", spec, ippd)


@record_app.command("budget")
@translate_errors
def budget(ctx: typer.Context, year: int = typer.Option(..., "--year", help="The budget year."),
           doc: str = typer.Option(..., "--doc", help='The work plan or budget document, e.g. "DPA 2025".'),
           initiatives: str = typer.Option(..., "--initiatives", help="IDs of the roadmap initiatives it funds: 'APL.1, INF.2'."),
           amount: Optional[float] = typer.Option(None, "--amount", help="The amount in rupiah."),
           record_id: Optional[str] = typer.Option(None, "--id", help="Record ID; default anggaran-<year>."), ippd: Optional[str] = Ippd) -> None:
    """Record that a year's work plan and budget (RKPD, DPA) carries roadmap initiatives (indicator 12 level 4)."""
    _record(ctx, BUDGET, record_id or f"anggaran-{year}", doc, {"year": year, "document": doc, "initiatives": initiatives, "amount": amount}, ippd)


def _record(ctx: typer.Context, kind: str, record_id: str, name: str, spec: dict, ippd: Optional[str]) -> None:
    repo = state(ctx).repository()
    code = only_ippd(repo, ippd)
    body = {"apiVersion": "ea-repo/v1", "kind": kind, "metadata": {"id": record_id, "name": name, "ippd": code},
            "spec": {k: v for k, v in spec.items() if v is not None}}
    items, problems = read_documents([LoadedDocument(0, None, body)], "--options")
    if problems:
        raise ImportRejected(problems)
    written = service.record_evidence(repo, items[0])
    action = "created" if written.created else ("updated" if written.updated else "unchanged")
    out.print(plain(f"{kind} {items[0].item_id}: {action}"))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:32] or "penetapan"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--date: expected YYYY-MM-DD, got {text!r}") from None


@app.command()
@translate_errors
def report(ctx: typer.Context, output: Path = typer.Option(..., "--output", "-o", help="arsitektur-spbe.html, .docx or .pdf: the suffix picks the format."),
           ippd: Optional[str] = Ippd, on: Optional[str] = On,
           diagrams: bool = typer.Option(True, "--diagrams/--no-diagrams", help="Include the Graphviz diagrams (needs `dot`).")) -> None:
    """The evidence document an IPPD submits: the six domain tables in the national layouts, the alignment with the
    reference architectures, the diagrams, the gap analysis, the roadmap, the provenance and the self-assessment."""
    from ..reports.document import write_long_document
    from ..reports.evidence import evidence_document

    fmt = output.suffix.lstrip(".").lower()
    if fmt not in ("html", "docx", "pdf"):
        raise ConfigError(f"-o: name an .html, .docx or .pdf file, got {output.name!r}")
    repo = state(ctx).repository()
    code = only_ippd(repo, ippd)
    lang = lang_of(ctx)
    figures = _figures(repo, code, lang) if diagrams else ()
    content = service.evidence_content(repo, code, _date(on) if on else None, figures=figures)
    data = write_long_document(evidence_document(content, lang), fmt)
    output.write_bytes(data)
    out.print(f"{output} ({len(data):,} bytes)")


def _figures(repo, ippd: str, lang: str) -> tuple:
    """The layered as-is picture and, with a to-be, the change picture; none without Graphviz."""
    import shutil

    from viz import views

    from ..reports.document import Figure

    if shutil.which("dot") is None:
        err.print("Graphviz `dot` is not installed: the document has no diagrams (apt-get install graphviz)", markup=False)
        return ()
    who = service.local_principal()
    requests = [(views.ViewRequest("layers"), "Arsitektur as-is" if lang != "en" else "As-is architecture")]
    if "to-be" in {e.plateau for e in service.list_elements(repo, ippd=ippd, plateau="to-be")}:
        requests.append((views.ViewRequest("diff"), "Perubahan as-is → to-be" if lang != "en" else "Changes as-is → to-be"))
    figures = []
    for request, title in requests:
        graph, heading = views.select(repo, who, ippd, request)
        svg, _ = views.produce(graph, heading, "svg", lang=lang)
        png, _ = views.produce(graph, heading, "png", lang=lang)
        figures.append(Figure(title, svg=svg, png=png))
    return tuple(figures)
