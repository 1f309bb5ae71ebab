"""ea evidence: the provenance records, the self-assessment under the instrument in force (the Pemdi indicators of
PermenPANRB 8/2026, or indicators 11 and 12 of PermenPANRB 59/2020) and the evidence document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Table

from cli.common import LOCAL, err, lang_of, only_ippd, out, plain, state, translate_errors, write_json
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.errors import ConfigError, ImportRejected
from ea_repo.core.i18n import Catalogue, Message, columns, t
from ea_repo.service import (
    BUDGET,
    ENACTMENT,
    REVIEW,
    Assessment,
    LoadedDocument,
    PemdiAssessment,
    assessment_data,
    assessment_for,
    evidence_instrument,
    pemdi_data,
    read_records,
)

app = typer.Typer(
    help=help_text("evidence"),
    no_args_is_help=True,
)
record_app = typer.Typer(
    help=help_text("evidence.record"),
    no_args_is_help=True,
)
app.add_typer(record_app, name="record")

Ippd = typer.Option(None, "--ippd", help=help_text("opt.ippd_default"))
Covers = typer.Option(None, "--covers", help=help_text("opt.covers"))
On = typer.Option(None, "--date", help=help_text("opt.assess_date"))
Instrument = typer.Option(
    None,
    "--instrument",
    help=help_text("opt.evidence_instrument"),
)
SHOWN_IDS = 12  # IDs per cell in the table; --format json lists them all


@app.command(help=help_text("evidence.status"))
@translate_errors
def status(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    on: str | None = On,
    instrument: str | None = Instrument,
    output_format: str = typer.Option("table", "--format", "-f", help=help_text("opt.format_table_json")),
) -> None:
    if output_format not in ("table", "json"):
        raise ConfigError(Message("parameter_one_of", name="--format", choices="table, json", got=repr(output_format)))
    repo = state(ctx).repository()
    assessment = assessment_for(
        repo, only_ippd(repo, ippd), _date(on) if on else None, instrument=instrument, principal=LOCAL
    )
    lang = lang_of(ctx)
    if output_format == "json":
        data = (
            pemdi_data(assessment, lang)
            if isinstance(assessment, PemdiAssessment)
            else assessment_data(assessment, lang)
        )
        write_json(data)
    elif isinstance(assessment, PemdiAssessment):
        _print_pemdi(assessment, lang)
    else:
        _print(assessment, lang)


TEXT = Catalogue.from_languages(
    "cli.evidence",
    {
        "id": {
            "indicator": "Indikator {n}: level {level}",
            "next": "Langkah berikutnya ke level {level}:",
            "ok": "ya",
            "no": "belum",
            "columns": "level|kriteria|terpenuhi|rincian",
        },
        "en": {
            "indicator": "Indicator {n}: level {level}",
            "next": "Next steps to level {level}:",
            "ok": "yes",
            "no": "no",
            "columns": "level|criterion|met|detail",
        },
    },
)


def _print(assessment: Assessment, lang: str) -> None:
    for indicator in assessment.indicators:
        table = Table(
            *TEXT.t("columns", lang).split("|"),
            title=TEXT.t("indicator", lang, n=indicator.indicator, level=indicator.level),
            title_justify="left",
        )
        for c in indicator.criteria:
            detail = c.detail.get(lang) + (f"\n({c.caveat.get(lang)})" if c.caveat else "")
            table.add_row(
                *(plain(x) for x in (str(c.level), c.title.get(lang), TEXT.t("ok" if c.passed else "no", lang), detail))
            )
        out.print(table)
        steps = indicator.next_steps()
        if steps and indicator.level < 5:
            out.print(TEXT.t("next", lang, level=indicator.level + 1))
            for c in steps:
                out.print(plain(f"  - {c.title.get(lang)}: {c.detail.get(lang)}"))
    out.print(plain(assessment.disclaimer.get(lang)))


def _print_pemdi(assessment: PemdiAssessment, lang: str) -> None:
    instrument = assessment.instrument
    out.print(
        plain(
            t(
                "pemdi_heading",
                lang,
                index=instrument.index_label(lang),
                short=instrument.short,
                ippd=assessment.ippd,
                date=assessment.on.isoformat(),
            )
        ),
        style="bold",
    )
    for indicator in assessment.indicators:
        weight = f"{float(indicator.weight):g}" if indicator.weight is not None else "-"
        title = t(
            "pemdi_indicator",
            lang,
            n=indicator.number,
            name=indicator.name,
            weight=weight,
            aspect=indicator.aspect.get(lang),
        )
        table = Table(*t("pemdi_columns", lang).split("|"))
        for c in indicator.criteria:
            table.add_row(
                *(
                    plain(x)
                    for x in (
                        c.title.get(lang),
                        t("pemdi_yes" if c.passed else "pemdi_no", lang),
                        c.detail.get(lang),
                        _some(c.evidence, lang),
                        _some(c.missing, lang),
                    )
                )
            )
        out.print(plain(title), style="bold")
        out.print(plain(t("pemdi_looks_at", lang, text=indicator.looks_at.get(lang))))
        out.print(table)
        if indicator.external:
            out.print(plain(t("pemdi_external", lang, external=indicator.external)))
        if indicator.unmet():
            out.print(plain(t("pemdi_next", lang)))
            for c in indicator.unmet():
                out.print(plain(f"  - {c.title.get(lang)} — {c.step.get(lang) if c.step else c.detail.get(lang)}"))
    out.print(plain(assessment.disclaimer.get(lang)))


def _some(ids: tuple[str, ...], lang: str) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return (
        shown + (" " + t("pemdi_more", lang, count=len(ids) - SHOWN_IDS) if len(ids) > SHOWN_IDS else "")
        if ids
        else "-"
    )


@app.command("list", help=help_text("evidence.list"))
@translate_errors
def list_(ctx: typer.Context, ippd: str | None = Ippd) -> None:
    repo = state(ctx).repository()
    lang = lang_of(ctx)
    table = Table(*columns("columns_evidence", lang))
    for item in service.evidence_records(repo, only_ippd(repo, ippd), principal=LOCAL):
        spec = item.spec
        summary = spec.get("document") or t(
            "review_summary",
            lang,
            issues=len(spec.get("issues") or []),
            recommendations=len(spec.get("recommendations") or []),
        )
        table.add_row(
            *(
                plain(x)
                for x in (
                    t(f"record_{item.kind}", lang),
                    item.item_id,
                    str(spec.get("date") or spec.get("year")),
                    summary,
                )
            )
        )
    out.print(table)


@record_app.command("enactment", help=help_text("evidence.record.enactment"))
@translate_errors
def enactment(
    ctx: typer.Context,
    doc: str = typer.Option(..., "--doc", help=help_text("opt.enactment_doc")),
    date: str = typer.Option(..., "--date", help=help_text("opt.enactment_date")),
    signed_by: str | None = typer.Option(None, "--signed-by", help=help_text("opt.signed_by")),
    covers: list[str] | None = Covers,
    record_id: str | None = typer.Option(None, "--id", help=help_text("opt.record_id_enactment")),
    ippd: str | None = Ippd,
) -> None:
    spec = {"document": doc, "date": date, "signed_by": signed_by, "covers": covers or ["arsitektur", "peta-rencana"]}
    _record(ctx, ENACTMENT, record_id or _slug(doc), doc, spec, ippd)


@record_app.command("review", help=help_text("evidence.record.review"))
@translate_errors
def review(
    ctx: typer.Context,
    date: str = typer.Option(..., "--date", help=help_text("opt.review_date")),
    issues: list[str] = typer.Option(..., "--issues", help=help_text("opt.issues")),
    recommendations: list[str] = typer.Option(..., "--recommendations", help=help_text("opt.recommendations")),
    covers: list[str] | None = Covers,
    concerns: str | None = typer.Option(None, "--concerns", help=help_text("opt.concerns")),
    followed_up_in: list[str] | None = typer.Option(None, "--followed-up-in", help=help_text("opt.followed_up_in")),
    record_id: str | None = typer.Option(None, "--id", help=help_text("opt.record_id_review")),
    ippd: str | None = Ippd,
) -> None:
    spec = {
        "date": date,
        "covers": covers or ["arsitektur", "peta-rencana"],
        "issues": issues,
        "recommendations": recommendations,
        "concerns": concerns,
        "followed_up_in": followed_up_in or [],
    }
    _record(ctx, REVIEW, record_id or f"reviu-{date}", f"Reviu {date}", spec, ippd)


@record_app.command("budget", help=help_text("evidence.record.budget"))
@translate_errors
def budget(
    ctx: typer.Context,
    year: int = typer.Option(..., "--year", help=help_text("opt.budget_year")),
    doc: str = typer.Option(..., "--doc", help=help_text("opt.budget_doc")),
    initiatives: str = typer.Option(..., "--initiatives", help=help_text("opt.budget_initiatives")),
    amount: float | None = typer.Option(None, "--amount", help=help_text("opt.budget_amount")),
    record_id: str | None = typer.Option(None, "--id", help=help_text("opt.record_id_budget")),
    ippd: str | None = Ippd,
) -> None:
    _record(
        ctx,
        BUDGET,
        record_id or f"anggaran-{year}",
        doc,
        {"year": year, "document": doc, "initiatives": initiatives, "amount": amount},
        ippd,
    )


def _record(ctx: typer.Context, kind: str, record_id: str, name: str, spec: dict, ippd: str | None) -> None:
    repo = state(ctx).repository()
    code = only_ippd(repo, ippd)
    body = {
        "apiVersion": "ea-repo/v1",
        "kind": kind,
        "metadata": {"id": record_id, "name": name, "ippd": code},
        "spec": {k: v for k, v in spec.items() if v is not None},
    }
    items, problems = read_records([LoadedDocument(0, None, body)], "--options")
    if problems:
        raise ImportRejected(problems)
    written = service.record_evidence(repo, items[0], principal=LOCAL)
    outcome = "created" if written.created else ("updated" if written.updated else "unchanged")
    lang = lang_of(ctx)
    kind_name, outcome_name = t(f"record_{kind}", lang), t(f"outcome_{outcome}", lang)
    out.print(plain(t("record_written", lang, kind=kind_name, id=items[0].item_id, outcome=outcome_name)))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:32] or "penetapan"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(Message("bad_date", name="--date", got=repr(text))) from None


@app.command(help=help_text("evidence.report"))
@translate_errors
def report(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help=help_text("opt.output_evidence")),
    ippd: str | None = Ippd,
    on: str | None = On,
    instrument: str | None = Instrument,
    diagrams: bool = typer.Option(True, "--diagrams/--no-diagrams", help=help_text("opt.diagrams")),
) -> None:
    from ea_repo.reports.document import write_long_document
    from ea_repo.reports.evidence import evidence_document
    from viz.evidence_figures import evidence_figures

    fmt = output.suffix.lstrip(".").lower()
    if fmt not in ("html", "docx", "pdf"):
        raise ConfigError(Message("evidence_report_file", got=repr(output.name)))
    repo = state(ctx).repository()
    code = only_ippd(repo, ippd)
    lang = lang_of(ctx)
    date = _date(on) if on else None
    evidence_instrument(instrument, date)  # an unknown instrument is refused before any drawing
    figures, note = (), None
    if diagrams:
        names = {
            o.code: o.name
            for o in service.organisations(repo, principal=LOCAL)
            if o.kind == "OPD" and o.ippd == code and o.name
        }
        ippd_name = next(
            (
                o.name
                for o in service.organisations(repo, principal=LOCAL)
                if o.kind == "IPPD" and o.code == code and o.name
            ),
            code,
        )
        figures, note = evidence_figures(repo, code, ippd_name, names, lang, principal=LOCAL)
        if note:
            err.print(plain(t("evidence_no_figures", lang, why=note)))
    content = service.evidence_content(
        repo, code, date, figures=figures, instrument=instrument, figures_note=note, principal=LOCAL
    )
    data = write_long_document(evidence_document(content, lang), fmt)
    output.write_bytes(data)
    out.print(t("file_written", lang, path=output, size=f"{len(data):,}"))
