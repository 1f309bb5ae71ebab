"""Catalogue files -> validated rows. Every problem is collected; nothing is written here."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ea_repo.archimate.read import ExchangeContext, read_exchange
from ea_repo.catalog.documents import API_VERSION, all_kind_names, document_model, metadata_model, spec_model
from ea_repo.catalog.elements import (
    ElementRow,
    FieldProblem,
    OrganisationRow,
    element_from_document,
    organisation_from_document,
)
from ea_repo.catalog.envelope import ValidDocument
from ea_repo.catalog.limits import document_problems, shown_id
from ea_repo.core.errors import ImportRejected, InputProblem
from ea_repo.core.i18n import Message
from ea_repo.core.yaml_io import (
    MAX_FILE_BYTES,
    YAML_SUFFIXES,
    LoadedDocument,
    YamlRefused,
    compose,
    load_documents,
    locate,
)
from ea_repo.planning.records import RoadmapItem, item_from_document
from ea_repo.sheets.read import SHEET_SUFFIXES, read_csv, read_workbook, validate_rows
from metamodel import Kind, RecordKind, load_metamodel

EXCHANGE_SUFFIXES = (".xml",)  # Open Group ArchiMate exchange files (ea_repo/archimate/read.py)


@dataclass
class ParsedCatalog:
    """Everything read from the input, shape- and invariant-valid, not yet stored."""

    elements: list[ElementRow] = field(default_factory=list)
    organisations: list[OrganisationRow] = field(default_factory=list)
    files: int = 0
    roadmap: list[RoadmapItem] = field(default_factory=list)  # the records (roadmap, evidence) beside the catalogue
    notes: list[str | Message] = field(
        default_factory=list
    )  # spreadsheets: sheets and columns left aside; score files skipped
    kinds: set[str] = field(
        default_factory=set
    )  # kinds the input covers (its rows' kinds, and sheets present though empty)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # "file [sheet]" -> field -> "Header (F)"

    def covered_kinds(self) -> set[str]:
        return self.kinds | {row.kind for row in self.elements}


def collect_files(paths: list[Path]) -> tuple[list[Path], list[InputProblem]]:
    """The files named, and the YAML, XLSX, CSV and ArchiMate XML files under named folders, in a stable order."""
    files: list[Path] = []
    problems: list[InputProblem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in (*YAML_SUFFIXES, *SHEET_SUFFIXES, *EXCHANGE_SUFFIXES)
                    and p.is_file()
                    and not p.name.startswith("~$")
                )
            )  # "~$x.xlsx": Excel's lock file beside an open workbook
        elif path.is_file():
            files.append(path)
        else:
            problems.append(InputProblem(str(path), None, Message("no_such_path")))
    return files, problems


def parse_catalog(
    paths: list[Path],
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    on_file: Callable[[Path], None] | None = None,
    exchange: ExchangeContext | None = None,
) -> ParsedCatalog:
    """Read and validate every document; raise ImportRejected listing all problems.

    `exchange`: what the repository adds to ArchiMate exchange files (its only IPPD, the IDs taken)."""
    files, problems = collect_files(paths)
    catalog = ParsedCatalog(files=len(files))
    for path in files:
        problems.extend(_parse_file(path, catalog, max_file_bytes, exchange))
        if on_file:
            on_file(path)
    problems.extend(duplicate_problems(catalog))
    if problems:
        raise ImportRejected(problems)
    return catalog


def parse_text(text: str, name: str, catalog: ParsedCatalog) -> list[InputProblem]:
    """Validate one YAML text into `catalog`; used for files and for uploaded bodies."""
    try:
        documents = load_documents(text)
    except YamlRefused as exc:
        return [InputProblem(name, exc.line, exc.message)]
    if is_score_file(documents):
        catalog.notes.append(Message("score_file_skipped", name=name))
        return []
    reader = _DocumentReader(name, text)
    return _collect((reader.read(loaded) for loaded in documents), catalog)


# the top-level fields of an index score file (ea_repo/index/inputs.py `ScoreFile`, with its Indonesian aliases)
_SCORE_FIELDS = {"instrument", "instrumen", "indicators", "indikator", "aspects", "aspek"}


def is_score_file(documents: list[LoadedDocument]) -> bool:
    """One mapping without a catalogue envelope that names an instrument, indicators or aspects: `ea index` reads it."""
    if len(documents) != 1 or not isinstance(documents[0].body, dict):
        return False
    body = documents[0].body
    return "apiVersion" not in body and "kind" not in body and bool(_SCORE_FIELDS & set(map(str, body)))


def parse_bodies(bodies: list[Any], name: str, catalog: ParsedCatalog) -> list[InputProblem]:
    """Validate documents given as data (a JSON array) into `catalog`; problems name `name[i]`."""
    results = (
        _DocumentReader(f"{name}[{i}]", None).read(LoadedDocument(i, None, body)) for i, body in enumerate(bodies)
    )
    return _collect(results, catalog)


def _collect(results, catalog: ParsedCatalog) -> list[InputProblem]:
    problems: list[InputProblem] = []
    for result in results:
        if isinstance(result, ElementRow):
            catalog.elements.append(result)
        elif isinstance(result, OrganisationRow):
            catalog.organisations.append(result)
        elif isinstance(result, RoadmapItem):
            catalog.roadmap.append(result)
        else:
            problems.extend(result)
    return problems


def read_records(
    loaded: list[LoadedDocument], name: str, text: str | None = None, kinds: tuple[str, ...] | None = None
) -> tuple[list[RoadmapItem], list[InputProblem]]:
    """The records (roadmap and evidence) of some documents, through the one reader, or every problem with them.

    `kinds`: the record kinds accepted (default: every record kind); any other kind is a problem."""
    reader = _DocumentReader(name, text, kinds or load_metamodel().record_kind_names())
    catalog = ParsedCatalog()
    problems = _collect((reader.read(document) for document in loaded), catalog)
    return catalog.roadmap, problems + duplicate_problems(catalog)


def parse_records_text(text: str, name: str) -> tuple[list[RoadmapItem], list[InputProblem]]:
    """Every record of one YAML text, or the problems with their lines."""
    return parse_records_texts([(name, text)])


def parse_records_texts(texts: list[tuple[str, str]]) -> tuple[list[RoadmapItem], list[InputProblem]]:
    """Every record of some (name, YAML text) pairs, or the problems with their lines; a record written twice is a
    problem whether the two are in one text or in two."""
    catalog = ParsedCatalog()
    problems: list[InputProblem] = []
    for name, text in texts:
        try:
            loaded = load_documents(text)
        except YamlRefused as exc:
            problems.append(InputProblem(name, exc.line, exc.message))
            continue
        reader = _DocumentReader(name, text, load_metamodel().record_kind_names())
        problems += _collect((reader.read(document) for document in loaded), catalog)
    return catalog.roadmap, problems + duplicate_problems(catalog)


def parse_document(body: Any, name: str) -> ElementRow | OrganisationRow | RoadmapItem:
    """Validate one document given as data (a JSON request body); ImportRejected if bad. The caller checks the
    kind it takes."""
    result = _DocumentReader(name, None).read(LoadedDocument(0, None, body))
    if isinstance(result, list):
        raise ImportRejected(result)
    return result


def _parse_file(
    path: Path, catalog: ParsedCatalog, max_file_bytes: int, exchange: ExchangeContext | None = None
) -> list[InputProblem]:
    size = path.stat().st_size
    if size > max_file_bytes:
        return [
            InputProblem(
                str(path),
                None,
                Message("file_too_big", size=f"{size / 2**20:.1f}", limit=f"{max_file_bytes / 2**20:.0f}"),
            )
        ]
    if path.suffix.lower() in SHEET_SUFFIXES:
        return parse_sheets(path, catalog)
    if path.suffix.lower() in EXCHANGE_SUFFIXES:
        return parse_exchange_file(path, catalog, exchange)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [InputProblem(str(path), None, Message("not_utf8", byte=exc.start))]
    return parse_text(text, str(path), catalog)


def parse_sheets(path: Path, catalog: ParsedCatalog, default_ippd: str | None = None) -> list[InputProblem]:
    """An XLSX workbook or a CSV file in the national layouts into `catalog`; problems name sheet, row and column."""
    read = (read_csv if path.suffix.lower() == ".csv" else read_workbook)(path, default_ippd)
    catalog.notes.extend(read.notes)
    catalog.kinds.update(read.kinds)
    for row in read.rows:
        catalog.columns.setdefault(row.where, row.columns)
    parsed, problems = validate_rows(read.rows, lambda where: _DocumentReader(where, None))
    return read.problems + problems + _collect(iter(parsed), catalog)


def parse_exchange_file(
    path: Path, catalog: ParsedCatalog, exchange: ExchangeContext | None = None
) -> list[InputProblem]:
    """An ArchiMate exchange file into `catalog` through the one reader; problems name the XPath-like location and
    line."""
    read = read_exchange(path.read_bytes(), str(path), exchange)
    catalog.notes.extend(read.notes)
    problems = list(read.problems)
    for index, document in enumerate(read.documents):
        result = _DocumentReader(document.where, None).read(LoadedDocument(index, document.line, document.body))
        if isinstance(result, list):
            result = [dataclasses.replace(p, line=p.line or document.line) for p in result]
        problems.extend(_collect(iter([result]), catalog))
    return problems


class _DocumentReader:
    """Validates the documents of one text, whatever their kind; finds field lines only when something is wrong.

    `kinds`: the only kinds accepted (a roadmap import takes records only); None: every kind the metamodel declares."""

    def __init__(self, name: str, text: str | None, kinds: tuple[str, ...] | None = None):
        self.name, self.text = name, text  # text None: the documents came as data, without lines
        self.kinds = kinds
        self.metamodel = load_metamodel()
        self._nodes: list | None = None

    def _line(self, loaded: LoadedDocument, path: tuple) -> int | None:
        if self.text is None:
            return None
        if self._nodes is None:
            self._nodes = compose(self.text)
        return locate(self._nodes, loaded.index, path) or loaded.line

    def read(self, loaded: LoadedDocument) -> ElementRow | OrganisationRow | RoadmapItem | list[InputProblem]:
        body = loaded.body
        if not isinstance(body, dict):
            return [self._problem(loaded, Message("not_mapping"))]
        kind = self._kind(body, loaded)
        if isinstance(kind, InputProblem):
            return [kind]
        body = body | {"kind": kind.name}
        metadata = body.get("metadata")
        element_id = shown_id(metadata.get("id")) if isinstance(metadata, dict) else None
        beyond_limits = document_problems(body)
        if beyond_limits:
            return [
                self._field_problem(loaded, kind, element_id, FieldProblem(field, message))
                for field, message in beyond_limits
            ]
        try:
            # the model is built at run time from the kind: ValidDocument names what its instances hold
            document = cast(ValidDocument, document_model(kind.name).model_validate(body))
        except ValidationError as exc:
            return [self._pydantic_problem(loaded, kind, element_id, err) for err in exc.errors()]
        source = f"{self.name}:{loaded.line}" if loaded.line else self.name
        result: ElementRow | OrganisationRow | RoadmapItem | list[FieldProblem]
        if isinstance(kind, RecordKind):
            result = item_from_document(document, kind, source)
        elif kind.domain == "organisation":
            result = organisation_from_document(document, kind, source)
        else:
            result = element_from_document(document, kind, source)
        if isinstance(result, list):
            return [self._field_problem(loaded, kind, element_id, p) for p in result]
        return result

    def _kind(self, body: dict, loaded: LoadedDocument) -> Kind | RecordKind | InputProblem:
        if body.get("apiVersion") != API_VERSION:
            return self._problem(
                loaded,
                Message("api_version", expected=API_VERSION, got=repr(body.get("apiVersion"))),
                field="apiVersion",
            )
        kind = self._known_kind(_text(body.get("kind")) or "")
        if kind is None or (self.kinds is not None and kind.name not in self.kinds):
            known = ", ".join(self.kinds if self.kinds is not None else all_kind_names())
            return self._problem(loaded, Message("unknown_kind", got=repr(body.get("kind")), known=known), field="kind")
        return kind

    def _known_kind(self, name: str) -> Kind | RecordKind | None:
        metamodel = self.metamodel
        kind = metamodel.organisation_kind(name) or (metamodel.kind(name) if metamodel.has_kind(name) else None)
        return kind or metamodel.record_kind(name)

    def _pydantic_problem(
        self, loaded: LoadedDocument, kind: Kind | RecordKind, element_id: str | None, error: ErrorDetails
    ) -> InputProblem:
        path = tuple(error["loc"])
        return InputProblem(
            self.name,
            self._line(loaded, path),
            _explain(error, kind),
            kind.name,
            element_id,
            ".".join(str(p) for p in path),
        )

    def _field_problem(
        self, loaded: LoadedDocument, kind: Kind | RecordKind, element_id: str | None, problem: FieldProblem
    ) -> InputProblem:
        return InputProblem(
            self.name,
            self._line(loaded, tuple(problem.field.split("."))),
            problem.message,
            kind.name,
            element_id,
            problem.field,
        )

    def _problem(self, loaded: LoadedDocument, message: Message, field: str | None = None) -> InputProblem:
        return InputProblem(self.name, loaded.line, message, field=field)


_EXPECTATIONS = {
    "float_parsing": "number",
    "float_type": "number",
    "int_parsing": "integer",
    "int_type": "integer",
    "bool_parsing": "boolean",
    "bool_type": "boolean",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_type": "date",
    "missing": "missing",
    "string_type": "text",
    "dict_type": "mapping",
    "model_type": "mapping",
    "list_type": "list",
    "int_from_float": "integer",
    "string_too_short": "missing",  # a required text left empty
}
_BOUNDS = {"greater_than_equal": ("at_least", "ge"), "less_than_equal": ("at_most", "le")}


def _explain(error: ErrorDetails, kind: Kind | RecordKind) -> Message:
    """What a schema error means, in the catalogue's words (Bahasa Indonesia by default), for every kind alike."""
    kind_of_error = error["type"]
    if kind_of_error == "extra_forbidden":
        section = error["loc"][0]
        message = Message("unknown_field", kind=kind.name, section=section, allowed=", ".join(_allowed(kind, section)))
    elif kind_of_error == "literal_error":
        message = Message("one_of", values=", ".join(re.findall(r"'([^']*)'", error["ctx"]["expected"])))
    elif kind_of_error == "finite_number":
        message = Message("finite_number")
    elif kind_of_error in _EXPECTATIONS:
        message = Message(_EXPECTATIONS[kind_of_error])
    elif kind_of_error in _BOUNDS:
        key, bound = _BOUNDS[kind_of_error]
        message = Message(key, limit=error["ctx"][bound])
    else:  # an error no key above covers: pydantic's own words, as they come
        message = Message("as_written", text=error["msg"])
    if kind_of_error in ("missing", "string_too_short") or error.get("input") is None:
        return message
    return Message("got", message=message, got=repr(error["input"]))


def _allowed(kind: Kind | RecordKind, section: str | int) -> list[str]:
    if section == "metadata":
        return list(metadata_model(kind.name).model_fields)
    if section == "spec":
        return list(spec_model(kind.name).model_fields)
    return ["apiVersion", "kind", "metadata", "spec"]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def duplicate_problems(catalog: ParsedCatalog) -> list[InputProblem]:
    problems: list[InputProblem] = []
    seen: dict[tuple, str | None] = {}
    for row in catalog.elements:
        _note_duplicate(seen, ("element", *row.key), row.source, f"{row.kind} {row.element_id}", row.plateau, problems)
    for org in catalog.organisations:
        _note_duplicate(seen, (org.kind, org.ippd, org.code), org.source, f"{org.kind} {org.code}", None, problems)
    for item in catalog.roadmap:
        _note_duplicate(seen, ("record", *item.key), item.source, f"{item.kind} {item.item_id}", None, problems)
    return problems


def _note_duplicate(
    seen: dict, key: tuple, source: str | None, label: str, plateau: str | None, problems: list[InputProblem]
) -> None:
    if key in seen:
        path, _, line = (source or "").rpartition(":")
        # no plateau, no words: an empty text is the same in both languages
        where = Message("in_plateau", plateau=plateau) if plateau else Message("as_written", text="")
        problems.append(
            InputProblem(
                path,
                int(line) if line.isdigit() else None,
                Message("duplicate", label=label, where=where, other=seen[key]),
                field="metadata.id",
            )
        )
    else:
        seen[key] = source
