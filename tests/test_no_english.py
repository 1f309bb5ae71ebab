"""One voice: every command's output and every report on the sample, in Indonesian (the default), holds no
English words. The word list is common English words that are not also Indonesian; the allow-list holds the
codes and proper names the output may carry as written."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cli import app
from metamodel import load_metamodel

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "contoh"
IPPD = "kab-contoh"
runner = CliRunner()

# Common English words that are not Indonesian words (nor codes the output keeps as written).
ENGLISH = set(
    """
    the and of with without for from into onto to in on at by as is are was were be been being has have had
    do does did not no yes none true false null this that these those there their they them it its which who
    whom whose what when where why how all any each every some more most other another such only own same so
    than too very can will just should would could may might must shall also but or if then else because while
    about above after before below between during through under again further once here both few many much
    name names created updated deleted removed unchanged changed added retired missing found error
    errors warning warnings levels severity rule rules check checks checked message messages fix
    link links linked supports supported runs uses used serves realizes realises protects stores holds owns
    element elements kind kinds kinds service services application applications process processes
    network networks security business infrastructure domains
    budget budgets review reviews enactment enactments record records recorded document documents
    tokens role roles scope scopes revoked active owner
    gap gaps current new old added removed change changes planned unplanned initiative initiatives
    roadmap year years draft proposed budget cost
    cluster clusters score scores why keep members member signals evidence like recommendation
    history who when what before after via through
    index indicator indicators aspect aspects value values band weight what-if raise raises
    legend source sources version versions codes list lists reset shipped
    total summary report reports table tables column columns row rows sheet sheets files folder
    write written read shows show shown nothing something everything done open save
    yes none unknown empty required optional allowed expected got invalid valid
    """.split()
) - {"no", "target", "level", "token"}  # Indonesian words too: No (nomor), target, level, token (KBBI)

# Codes, proper names and words the sample carries as written; they may stand in Indonesian output.
ALLOWED = set(
    """
    as-is to-be ippd opd spbe ea ea-repo id json yaml csv xlsx md html sarif svg png pdf dot
    """.split()
)
# Kind codes as the metamodel writes them (Application, Service, Server...): a code, not an English word.
# The national gap template's fulfilment bands (Pemenuhan) are written in English in the guideline itself.
ALLOWED_AS_WRITTEN = {kind.name for kind in load_metamodel().kinds} | {"None", "Partially", "Largely", "Fully"}
ALLOWED_AS_WRITTEN |= {"RoadmapPlan", "Initiative", "Enactment", "Review", "Budget"}  # record kinds
ALLOWED |= {"viewer", "architect", "admin"}  # role codes, typed as written on the command line
# Reference tables whose very subject is the codes: the kind keys, relation names and link fields as written.
CODES_SHOWN = {
    "metamodel kinds": {kind.key for kind in load_metamodel().kinds} | {d.key for d in load_metamodel().domains},
    "metamodel relations": {r.name for r in load_metamodel().relations} | {r.field for r in load_metamodel().relations},
}
YAML_KEY = re.compile(r"^\s*(?:- )?[a-z_A-Z]+:(?=\s|$)")  # a YAML document's field names are codes
MARKUP = re.compile(r"<style.*?</style>|<[^>]+>", re.DOTALL)
DOT_ID = re.compile(r'\bid="[^"]*"')  # a DOT/SVG element id is a handle for scripts, never shown

CODE_MARKS = re.compile(r"[/._=@:#\d]|[a-z][A-Z]")  # paths, dotted IDs and fields, numbers, camelCase kinds
BACKTICKED = re.compile(r"`[^`]*`")


def english_words(line: str, codes: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The English words of `line` (lower case); commands in backticks, paths, IDs and codes aside."""
    found = []
    for token in BACKTICKED.sub(" ", YAML_KEY.sub(" ", DOT_ID.sub(" ", line))).split():
        word = token.strip("()[]{}<>,;:!?\"'“”‘’…*|│┃")
        if not word or CODE_MARKS.search(word.rstrip(".:")) or word in ALLOWED_AS_WRITTEN or word in codes:
            continue
        if word.isupper() and len(word) > 1:  # FILE, RAB, SPBE: placeholders and codes
            continue
        lower = word.rstrip(".").lower()
        if lower in ENGLISH and lower not in ALLOWED:
            found.append(lower)
    return found


def offending(output: str, command: str = "") -> list[tuple[str, list[str]]]:
    codes = CODES_SHOWN.get(command, set())
    text = MARKUP.sub(" ", output)
    return [(line, found) for line in text.splitlines() if (found := english_words(line, codes))]


def test_the_word_test_bites():
    assert offending("Galat: name the IPPD with --ippd: the repository holds 3")
    assert offending("Budget anggaran-2025: created")
    assert offending("tautan baru: runs_on") == []  # a field name as written is a code (the gap now says "berjalan di")
    assert english_words("tautan baru: supports") == ["supports"]
    assert offending("Diperiksa 67 elemen, 120 tautan: 2 galat, 3 peringatan.") == []
    assert offending("plateau as-is ke to-be") == []


def ea(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": "400"})  # wide: no wrapped `commands`
    assert result.exit_code in (0, 1), f"ea {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)  # no crash
    return result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    return collect_outputs(tmp_path_factory.mktemp("voice"))


def collect_outputs(tmp: Path) -> dict[str, str]:
    """What every printing command shows on the sample, in the default language, keyed by command line."""
    db = f"sqlite:///{tmp}/ea.db"
    shown: dict[str, str] = {}

    def run(*args: str) -> str:
        shown[" ".join(args)] = text = ea(db, *args)
        return text

    run("init")
    run("import", str(SAMPLE))
    run("roadmap", "import", str(SAMPLE / "peta-rencana.yaml"))
    for args in (
        ("check",),
        ("check", "--limit", "0"),
        ("list",),
        ("list", "Application"),
        ("show", "A.002"),
        ("show", "A.001"),
        ("rules",),
        ("gap",),
        ("gap", "--format", "md"),
        ("roadmap",),
        ("roadmap", "check"),
        ("roadmap", "draft"),
        ("redundancy",),
        ("redundancy", "--format", "md"),
        ("redundancy", "dismissals"),
        ("evidence", "record", "budget", "--year", "2025", "--doc", "DPA 2025", "--initiatives", "APL.1"),
        ("evidence", "list"),
        ("evidence", "status"),
        ("evidence", "status", "--instrument", "permenpanrb-59-2020"),
        ("index", str(ROOT / "samples" / "indeks" / "serang-2022.yaml")),
        ("token", "create", "--role", "viewer", "--name", "Budi, Bappeda"),
        ("token", "list"),
        ("history",),
        ("metamodel", "kinds"),
        ("metamodel", "relations"),
        ("reference", "list"),
        ("diagram", "layers", "--format", "dot", "-o", str(tmp / "layers.dot")),
        ("diagram", "opds", "--format", "dot", "-o", str(tmp / "opds.dot")),
        ("gap", "-o", str(tmp / "gap.html")),
        ("check", "-o", str(tmp / "check.txt")),
        ("redundancy", "-o", str(tmp / "redundancy.xlsx")),
        ("gap", "-o", str(tmp / "gap.xlsx")),
        ("roadmap", "-o", str(tmp / "roadmap.html")),
        ("roadmap", "-o", str(tmp / "roadmap.xlsx")),
    ):
        run(*args)
    for path in sorted(tmp.iterdir()):
        if path.suffix in (".dot", ".txt", ".html", ".md"):
            shown[path.name] = path.read_text(encoding="utf-8")
        elif path.suffix == ".csv":
            shown[path.name] = "\n".join(" | ".join(row) for row in csv.reader(io.StringIO(path.read_text())))
        elif path.suffix == ".xlsx":
            shown[path.name] = _workbook_text(path)
    return shown


def _workbook_text(path: Path) -> str:
    """The sheet names and the header rows (the first three rows) of every sheet."""
    book = openpyxl.load_workbook(path, read_only=True)
    lines = []
    for sheet in book.worksheets:
        lines.append(sheet.title)
        for row in sheet.iter_rows(max_row=3, values_only=True):
            lines.append(" | ".join(str(v) for v in row if v is not None))
    return "\n".join(lines)


def test_no_english_in_indonesian_output(outputs):
    found = [
        f"{command}: {line.strip()}  <- {words}"
        for command, text in outputs.items()
        for line, words in offending(text, command)
    ]
    assert not found, "English in Indonesian output:\n" + "\n".join(found[:80])


def refused_outputs(tmp: Path) -> dict[str, str]:
    """What commands refused for a usage error (exit code 2) say on the sample, in the default language."""
    db = f"sqlite:///{tmp}/ea.db"
    ea(db, "init")
    ea(db, "import", str(SAMPLE))
    (tmp / "empty").mkdir()
    shown = {}
    for args in (
        ("export",),
        ("export", "--format", "bogus", "-o", str(tmp / "out")),
        ("diagram", "layers", "--format", "bogus", "-o", str(tmp / "d.bogus")),
        ("diagram", "layers", "--format", "png"),
        ("gap", "--from", "kemarin"),
        ("gap", "--from", "2031", "--to", "2032"),
        ("gap", "--format", "xlsx"),
        ("check", "--rule", "no-such-rule"),
        ("redundancy", "--plateau", "kemarin"),
        ("redundancy", "--settings", str(tmp / "nowhere.yaml")),
        ("redundancy", "dismiss", "A.001", "--reason", "sama"),
        ("evidence", "status", "--date", "kemarin"),
        ("evidence", "report", "-o", str(tmp / "bukti.txt")),
        ("reference", "show", "XYZ"),
        ("roadmap", "import", str(tmp / "empty")),
        ("roadmap", "-o", str(tmp / "peta.txt")),
    ):
        result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": "400"})
        assert result.exit_code == 2, f"ea {' '.join(args)} exited {result.exit_code}:\n{result.output}"
        shown[" ".join(args)] = result.output
    return shown


def test_no_english_in_indonesian_usage_errors(tmp_path):
    found = [
        f"{command}: {line.strip()}  <- {words}"
        for command, text in refused_outputs(tmp_path).items()
        for line, words in offending(text, command)
    ]
    assert not found, "English in Indonesian usage errors:\n" + "\n".join(found)


def test_every_catalogue_has_both_languages_with_the_same_placeholders():
    import ea_repo.checks.registry  # noqa: F401  (catalogues are made on import)
    import ea_repo.index.model  # noqa: F401
    import ea_repo.redundancy.recommend  # noqa: F401
    import ea_repo.redundancy.report  # noqa: F401
    import ea_repo.reports.planning  # noqa: F401
    import ea_repo.service.planning  # noqa: F401
    from ea_repo.core.i18n import CATALOGUES, Text, placeholders

    assert len(CATALOGUES) >= 6
    for catalogue in CATALOGUES:
        for key, text in catalogue.items():
            assert isinstance(text, Text), (catalogue.name, key)
            assert text.id.strip() and text.en.strip(), (catalogue.name, key)
            assert placeholders(text.id) == placeholders(text.en), (catalogue.name, key)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("rules",), "severity"),
        (("list",), "kind"),
        (("token", "list"), "revoked"),
        (("metamodel", "relations"), "from"),
    ],
)
def test_english_stays_english(tmp_path, args, expected):
    db = f"sqlite:///{tmp_path}/ea.db"
    ea(db, "init")
    ea(db, "import", str(SAMPLE))
    assert expected in ea(db, "--lang", "en", *args)


# One mechanism: no inline `"en" if lang == "en" else "id"` table or ternary picks a language's words; text lives in
# a Catalogue. These files may still test the language, for what is not text:
INLINE_LANGUAGE_ALLOWED = {
    "ea_repo/core/i18n.py": "the mechanism itself: Text picks its language",
    "ea_repo/index/report.py": "number formatting: a decimal comma in Indonesian (2,64)",
    "cli/backup.py": "number formatting: a thousands point in Indonesian (1.234.567)",
    "api/web/render.py": "number formatting: a thousands point in Indonesian (1.234.567)",
}
INLINE_LANGUAGE = re.compile(r'"en" if lang|lang [!=]= "(?:en|id)"|lang_of\(ctx\) [!=]= "(?:en|id)"')


def inline_language_choices(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if INLINE_LANGUAGE.search(line)]


def test_the_inline_language_scan_bites():
    assert inline_language_choices('    w = _W["en" if lang == "en" else "id"]')
    assert inline_language_choices('    title = quoted("Legend" if lang == "en" else "Keterangan")')
    assert inline_language_choices('    ("Dismissal removed." if lang_of(ctx) == "en" else "Pengabaian dihapus.")')
    assert inline_language_choices('    name = label_en if self.lang == "en" else label_id')
    assert inline_language_choices('    return CHANGE_NAME[change][0 if lang != "en" else 1]')
    assert not inline_language_choices('    label = LEGEND.t("title", lang)')


def test_no_inline_language_tables():
    found = [
        f"{path.relative_to(ROOT).as_posix()}: {line}"
        for folder in ("ea_repo", "cli", "api", "viz")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in INLINE_LANGUAGE_ALLOWED
        for line in inline_language_choices(path.read_text(encoding="utf-8"))
    ]
    assert not found, "a language chosen inline; put the words in a Catalogue (core/i18n.py):\n" + "\n".join(found)


def test_the_former_inline_tables_are_catalogues_with_both_languages():
    import cli.demo  # noqa: F401  (catalogues are made on import)
    import cli.evidence  # noqa: F401
    import ea_repo.evidence.text  # noqa: F401
    import ea_repo.reports.evidence  # noqa: F401
    import ea_repo.reports.evidence_pemdi  # noqa: F401
    import ea_repo.reports.longform.outline  # noqa: F401
    import viz.dot  # noqa: F401
    import viz.evidence_figures  # noqa: F401
    from ea_repo.core.i18n import CATALOGUES, placeholders

    made = {catalogue.name: catalogue for catalogue in CATALOGUES}
    names = ("cli.demo", "cli.evidence", "viz.evidence_figures", "evidence", "reports.evidence")
    names += ("reports.evidence_pemdi", "reports.longform", "viz.legend")
    for name in names:
        for key, text in made[name].items():
            assert text.id.strip() and text.en.strip(), (name, key)
            assert placeholders(text.id) == placeholders(text.en), (name, key)
