"""The one service layer: the only door for the CLI, the API and the web pages.

One calling convention: every function here that takes a repository takes it first and a required
keyword-only `principal` (who is asking); it reads and writes only what that principal may. The API
passes the token's holder, the CLI the local admin (`local_principal()`), explicitly. Functions that
need no caller (formatting, the metamodel's kinds, a score file) take no repository. `authenticate`
is the one exception: it is how the API finds the principal.
"""

from __future__ import annotations

from ea_repo.access.principal import Principal, Role, local_principal
from ea_repo.access.tokens import TokenInfo
from ea_repo.catalog.documents import catalog_json_schema
from ea_repo.catalog.importer import read_records
from ea_repo.checks import RULES, CheckFilter, Severity, message_for
from ea_repo.core.yaml_io import MAX_FILE_BYTES, LoadedDocument, dump_documents
from ea_repo.evidence.assessment import Assessment, assessment_data
from ea_repo.evidence.pemdi import PemdiAssessment, pemdi_data
from ea_repo.planning.gap import Gap
from ea_repo.planning.records import BUDGET, ENACTMENT, REVIEW
from ea_repo.redundancy.settings import Settings as RedundancySettings
from ea_repo.redundancy.settings import load_settings as load_redundancy_settings
from ea_repo.service.archimate import ArchimateExport, ViewDrawing, export_archimate
from ea_repo.service.backup import BackupProgress, BackupSummary, backup_repository, restore_repository
from ea_repo.service.browse import (
    MAX_PAGE,
    ElementQuery,
    Page,
    element_detail,
    element_page,
    findings,
    history,
    organisation,
    organisations,
    put_organisation,
    reference_code,
    reference_list,
)
from ea_repo.service.catalog import (
    ElementDetail,
    ExportResult,
    ImportResult,
    LinkView,
    as_documents,
    as_organisation_documents,
    as_yaml,
    catalog_files,
    check_repository,
    domain_keys,
    export_catalog,
    import_documents,
    import_paths,
    import_text,
    import_texts,
    kinds_for,
    list_elements,
    load_reference,
    reference_lists,
    reset_reference,
    show_element,
    validate_paths,
)
from ea_repo.service.demo import DemoResult, run_demo
from ea_repo.service.diagrams import VIEWS as DIAGRAM_VIEWS
from ea_repo.service.diagrams import (
    DiagramData,
    DiagramDiff,
    DiagramElement,
    DiagramLink,
    DiagramRequest,
    DiagramView,
    diagram_data,
    diagram_diff,
    diagram_view,
    national_diagram_data,
)
from ea_repo.service.editing import (
    Key,
    add_link,
    create_element,
    delete_element,
    delete_preview,
    element_key,
    get_element,
    remove_link,
    replace_element,
)
from ea_repo.service.evidence import (
    assess_evidence,
    assessment_for,
    delete_evidence_record,
    evidence_content,
    evidence_facts,
    evidence_instrument,
    evidence_records,
    evidence_status,
    put_evidence_record,
    record_evidence,
)
from ea_repo.service.index import IndexOutcome, index_data, index_document, spbe_index
from ea_repo.service.planning import (
    RoadmapImport,
    delete_roadmap_item,
    draft_roadmap,
    gap_file,
    gap_json,
    gap_report,
    import_roadmap,
    import_roadmap_documents,
    import_roadmap_paths,
    put_roadmap_item,
    roadmap,
    roadmap_context,
    roadmap_file,
    roadmap_findings,
    roadmap_names,
)
from ea_repo.service.plateaus import PlateauCopy, copy_plateau
from ea_repo.service.redundancy import dismiss_redundancy, redundancy_dismissals, redundancy_report, restore_redundancy
from ea_repo.service.repository import Repository, init_repository, open_repository
from ea_repo.service.sheets import catalog_documents, export_csv, export_workbook, template_workbook
from ea_repo.service.tokens import authenticate, create_token, list_tokens, revoke_token
from ea_repo.service.uploads import import_body, import_uploads
from ea_repo.storage.audit import AuditEntry
from ea_repo.storage.db import DEFAULT_URL, resolve_url

__all__ = [
    # pure helpers and value types: no repository, no caller (formatting, the metamodel's rules, input files)
    "catalog_json_schema",
    "read_records",
    "RULES",
    "CheckFilter",
    "Severity",
    "message_for",
    "LoadedDocument",
    "dump_documents",
    "Assessment",
    "assessment_data",
    "PemdiAssessment",
    "pemdi_data",
    "Gap",
    "BUDGET",
    "ENACTMENT",
    "REVIEW",
    "RedundancySettings",
    "load_redundancy_settings",
    "DemoResult",
    "run_demo",
    "DEFAULT_URL",
    "resolve_url",
    # the door
    "ArchimateExport",
    "ViewDrawing",
    "export_archimate",
    "BackupProgress",
    "BackupSummary",
    "backup_repository",
    "restore_repository",
    "dismiss_redundancy",
    "redundancy_dismissals",
    "redundancy_report",
    "restore_redundancy",
    "assess_evidence",
    "assessment_for",
    "delete_evidence_record",
    "evidence_instrument",
    "evidence_status",
    "put_evidence_record",
    "IndexOutcome",
    "index_data",
    "index_document",
    "spbe_index",
    "evidence_content",
    "evidence_facts",
    "evidence_records",
    "record_evidence",
    "catalog_documents",
    "export_csv",
    "export_workbook",
    "template_workbook",
    "RoadmapImport",
    "delete_roadmap_item",
    "put_roadmap_item",
    "draft_roadmap",
    "gap_file",
    "gap_json",
    "gap_report",
    "import_roadmap",
    "import_roadmap_documents",
    "import_roadmap_paths",
    "roadmap",
    "roadmap_context",
    "roadmap_file",
    "roadmap_findings",
    "roadmap_names",
    "MAX_FILE_BYTES",
    "MAX_PAGE",
    "AuditEntry",
    "DiagramData",
    "DiagramDiff",
    "DiagramElement",
    "DiagramLink",
    "DIAGRAM_VIEWS",
    "DiagramRequest",
    "DiagramView",
    "diagram_view",
    "diagram_data",
    "diagram_diff",
    "national_diagram_data",
    "ElementDetail",
    "ElementQuery",
    "ExportResult",
    "ImportResult",
    "Key",
    "LinkView",
    "Page",
    "Principal",
    "Repository",
    "Role",
    "TokenInfo",
    "add_link",
    "as_documents",
    "as_organisation_documents",
    "as_yaml",
    "authenticate",
    "catalog_files",
    "check_repository",
    "create_element",
    "create_token",
    "delete_element",
    "domain_keys",
    "element_detail",
    "element_key",
    "element_page",
    "export_catalog",
    "findings",
    "get_element",
    "history",
    "import_body",
    "import_uploads",
    "import_documents",
    "import_paths",
    "import_text",
    "import_texts",
    "init_repository",
    "kinds_for",
    "list_elements",
    "list_tokens",
    "load_reference",
    "local_principal",
    "open_repository",
    "organisation",
    "organisations",
    "put_organisation",
    "reference_code",
    "reference_list",
    "reference_lists",
    "remove_link",
    "replace_element",
    "reset_reference",
    "revoke_token",
    "show_element",
    "validate_paths",
    "PlateauCopy",
    "copy_plateau",
    "delete_preview",
]
