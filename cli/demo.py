"""ea demo: the shipped real samples in a fresh local database, and what the tool finds in them."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer
from rich.table import Table

from cli.common import LOCAL, err, lang_of, out, translate_errors
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.i18n import Catalogue, t
from ea_repo.service import DemoResult, run_demo
from viz import views

app = typer.Typer()

_TEXT = {
    "id": {
        "title": "Demo ea-repo: sampel nyata (Kabupaten Pesawaran, Kabupaten Serang) dan contoh",
        "columns": "IPPD|OPD|elemen (as-is / to-be)|temuan (galat/peringatan/info)|kesenjangan (+ / − / ~)|"
        "inisiatif (temuan)|klaster aplikasi redundan",
        "outputs": "Hasil ditulis ke {folder}:",
        "next": "Lanjut: ea --db {db} check | ea --db {db} show A.001 | ea --db {db} serve",
        "web": "Halaman web: ea --db {db} serve, lalu buka http://127.0.0.1:8000/ dan masuk sebagai {login} "
        "dengan kata sandi {password} (dibuat untuk demo ini; ganti dengan ea user password {login})",
        "no_dot": "Diagram dilewati: Graphviz `dot` tidak terpasang (apt-get install graphviz).",
    },
    "en": {
        "title": "ea-repo demo: real samples (Kabupaten Pesawaran, Kabupaten Serang) and the illustrative one",
        "columns": "IPPD|OPDs|elements (as-is / to-be)|findings (errors/warnings/info)|gap (+ / − / ~)|"
        "initiatives (findings)|redundant application clusters",
        "outputs": "Outputs written to {folder}:",
        "next": "Next: ea --db {db} check | ea --db {db} show A.001 | ea --db {db} serve",
        "web": "Web pages: ea --db {db} serve, then open http://127.0.0.1:8000/ and sign in as {login} with the "
        "password {password} (made for this demo; change it with ea user password {login})",
        "no_dot": "Diagrams skipped: Graphviz `dot` is not installed (apt-get install graphviz).",
    },
}
TEXT = Catalogue.from_languages("cli.demo", _TEXT)


@app.command(help=help_text("demo"))
@translate_errors
def demo(
    ctx: typer.Context,
    folder: Path = typer.Option(Path("ea-demo"), "--dir", help=help_text("opt.demo_dir")),
) -> None:
    lang = lang_of(ctx)
    result = run_demo(folder, lang)
    result.outputs += _diagrams(result, lang)
    table = Table(*TEXT.t("columns", lang).split("|"), title=TEXT.t("title", lang), title_justify="left")
    for s in result.ippds:
        gap = f"{s.gap['added']} / {s.gap['retired']} / {s.gap['changed']}" if s.gap else "-"
        roadmap = f"{s.initiatives} ({sum(s.roadmap_findings.values())})" if s.initiatives else "-"
        table.add_row(
            f"{s.code}\n{s.name or ''}",
            str(s.opds),
            f"{s.elements['as-is']} / {s.elements['to-be']}",
            f"{s.findings['error']}/{s.findings['warning']}/{s.findings['info']}",
            gap,
            roadmap,
            str(s.redundant),
        )
    out.print(table)
    for s in result.ippds:
        short, met, total = s.evidence
        out.print(t("demo_evidence", lang, short=short, ippd=s.code, met=met, total=total), markup=False)
    out.print(TEXT.t("outputs", lang, folder=result.folder))
    for path in result.outputs:
        out.print(f"  {path}")
    out.print(TEXT.t("next", lang, db=result.folder / "ea.db"))
    out.print(TEXT.t("web", lang, db=result.folder / "ea.db", login=result.web_login, password=result.web_password))


def _diagrams(result: DemoResult, lang: str) -> list[Path]:
    if shutil.which("dot") is None:
        err.print(TEXT.t("no_dot", lang), markup=False)
        return []
    written = []
    who = LOCAL
    national = service.national_diagram_data(result.repo, "as-is", principal=who)
    graph, title, note = views.national_graph(national, 2000, lang)
    written.append(
        _save(result.folder / "diagram-nasional.svg", views.produce(graph, title, "svg", lang=lang, note=note)[0])
    )
    for summary in result.ippds:
        if summary.gap:  # the IPPD with both plateaus: what changes
            graph, title = views.view_graph(
                service.diagram_view(result.repo, summary.code, views.ViewRequest("diff"), principal=who), lang
            )
            written.append(
                _save(
                    result.folder / f"diagram-perubahan-{summary.code}.svg",
                    views.produce(graph, title, "svg", lang=lang)[0],
                )
            )
    return written


def _save(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
