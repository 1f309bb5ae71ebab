"""`ea demo`: the shipped samples in a fresh local repository, checked, compared and reported."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ea_repo.access.principal import Principal, local_principal
from ea_repo.checks.render import render_json
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message
from ea_repo.core.paths import path_inside
from ea_repo.redundancy.report import report_document as redundancy_document
from ea_repo.reports import write_document
from ea_repo.reports.planning import gap_document, roadmap_document
from ea_repo.service.browse import organisations
from ea_repo.service.catalog import check_repository, import_paths
from ea_repo.service.evidence import evidence_summary
from ea_repo.service.planning import gap_report, roadmap, roadmap_findings
from ea_repo.service.redundancy import redundancy_report
from ea_repo.service.repository import Repository, init_repository
from ea_repo.service.sheets import export_workbook
from ea_repo.service.users import create_user

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@dataclass
class IppdSummary:
    code: str
    name: str | None
    opds: int
    elements: Counter  # per plateau
    findings: Counter  # per severity
    gap: Counter | None = None  # added / retired / changed / kept, when the IPPD has a to-be
    initiatives: int = 0
    roadmap_findings: Counter = field(default_factory=Counter)
    redundant: int = 0  # clusters of applications doing the same job (within the IPPD)
    evidence: tuple[str, int, int] = (
        "",
        0,
        0,
    )  # the instrument in force (short name), its criteria met, all its criteria


DEMO_LOGIN = "demo"


@dataclass
class DemoResult:
    repo: Repository
    folder: Path
    ippds: list[IppdSummary]
    outputs: list[Path]
    web_login: str = DEMO_LOGIN  # a national admin for the web pages (`ea serve`, then /)
    web_password: str = ""  # random, made for this demo; shown once


def sample_folders() -> list[Path]:
    if not SAMPLES.is_dir():
        raise ConfigError(Message("samples_missing", path=SAMPLES))
    return sorted(
        p for p in SAMPLES.iterdir() if (p / "organisasi.yaml").is_file()
    )  # catalogues, not e.g. index score files


def run_demo(folder: Path, lang: str = "id") -> DemoResult:
    """A new SQLite repository in `folder` (an earlier demo's is replaced), every sample imported,
    then checks, gap and roadmap per IPPD; the reports written next to it."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "ea.db"
    for stale in (database, database.with_name("ea.db-wal"), database.with_name("ea.db-shm")):
        stale.unlink(missing_ok=True)
    repo, _ = init_repository(f"sqlite:///{database}")
    who = local_principal()  # the demo's repository is the local user's own
    import_paths(repo, sample_folders(), principal=who)
    report = check_repository(repo, principal=who)
    national = redundancy_report(repo, principal=who, scope="national")
    outputs = [
        _write(folder / "temuan.json", render_json(report, lang).encode()),
        _write(folder / "arsitektur.xlsx", export_workbook(repo, lang=lang, principal=who)),
        _write(folder / "redundansi-nasional.xlsx", write_document(redundancy_document(national, lang), "xlsx")),
    ]
    summaries = []
    known = organisations(repo, principal=who)
    for ippd in sorted((o for o in known if o.kind == "IPPD"), key=lambda o: o.code):
        summary, written = _summarise(repo, who, ippd, known, report, folder, lang)
        summaries.append(summary)
        outputs += written
    password = secrets.token_urlsafe(12)
    create_user(repo, login=DEMO_LOGIN, name="Demo", role="admin", password=password, principal=who)
    return DemoResult(repo, folder, summaries, outputs, DEMO_LOGIN, password)


def _summarise(
    repo: Repository, who: Principal, ippd, organisations, report, folder: Path, lang: str
) -> tuple[IppdSummary, list[Path]]:
    from ea_repo.service.catalog import list_elements

    elements = Counter(r.plateau for r in list_elements(repo, ippd=ippd.code, principal=who))
    summary = IppdSummary(
        ippd.code,
        ippd.name,
        sum(1 for o in organisations if o.kind == "OPD" and o.ippd == ippd.code),
        elements,
        Counter(f.severity.value for f in report.findings if f.ippd == ippd.code),
    )
    written = []
    summary.redundant = len(redundancy_report(repo, ippd=ippd.code, principal=who).clusters)
    summary.evidence = evidence_summary(repo, ippd.code, principal=who)
    items = roadmap(repo, ippd.code, principal=who)
    if "as-is" in elements and "to-be" in elements:
        gap = gap_report(repo, ippd.code, principal=who)
        summary.gap = Counter(i.change for i in gap.items)
        written.append(
            _write(
                path_inside(folder, f"kesenjangan-{ippd.code}.xlsx"),
                write_document(gap_document(gap, lang, items), "xlsx"),
            )
        )
    if items:
        opd_names = {o.code: o.name for o in organisations if o.kind == "OPD" and o.ippd == ippd.code and o.name}
        summary.initiatives = sum(1 for i in items if i.kind == "Initiative")
        summary.roadmap_findings = Counter(
            f.severity.value for f in roadmap_findings(repo, ippd.code, principal=who).findings
        )
        written.append(
            _write(
                path_inside(folder, f"peta-rencana-{ippd.code}.xlsx"),
                write_document(roadmap_document(ippd.code, items, lang, opd_names, ippd.name), "xlsx"),
            )
        )
    return summary, written


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
