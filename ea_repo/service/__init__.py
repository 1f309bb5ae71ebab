"""The one service layer. The CLI and the API call these functions and nothing below them.

Functions that act for someone take a `Principal` (an API token's holder); the CLI, run by
whoever holds the database, acts as the local admin when none is given.
"""
from __future__ import annotations

from ..access import Principal, Role, local_principal
from ..audit import AuditEntry
from ..tokens import TokenInfo
from .archimate import ArchimateExport, ViewDrawing, export_archimate
from .backup import BackupProgress, BackupSummary, backup_repository, restore_repository
from .browse import (MAX_PAGE, ElementQuery, Page, element_detail, element_page, findings, history, organisations,
                     put_organisation, reference_code, reference_list, require_visible)
from .catalog import (ElementDetail, ExportResult, ImportResult, LinkView, as_documents, as_organisation_documents, as_yaml,
                      authorise_catalog,
                      build_graph, catalog_files, check_repository, domain_keys, export_catalog, import_documents, import_paths,
                      import_text,
                      import_texts, kinds_for, list_elements, list_organisations, load_reference, reference_lists,
                      reset_reference, show_element, validate_paths)
from .diagrams import DiagramData, DiagramDiff, DiagramElement, DiagramLink, diagram_data, diagram_diff, national_diagram_data
from .planning import (RoadmapImport, delete_roadmap_item, draft_roadmap, put_roadmap_item, gap_report, import_roadmap, import_roadmap_documents, import_roadmap_paths,
                       roadmap, roadmap_context, roadmap_findings, roadmap_names)
from .evidence import assess_evidence, evidence_content, evidence_facts, evidence_records, record_evidence
from .sheets import catalog_documents, export_csv, export_workbook, template_workbook
from .editing import (Key, add_link, create_element, delete_element, delete_preview, element_key, get_element, remove_link,
                      replace_element)
from .plateaus import PlateauCopy, copy_plateau
from .repository import Repository, init_repository, open_repository
from .redundancy import dismiss_redundancy, redundancy_dismissals, redundancy_report, restore_redundancy
from .tokens import authenticate, create_token, list_tokens, revoke_token
from ..yaml_io import MAX_FILE_BYTES

__all__ = [
    "ArchimateExport", "ViewDrawing", "export_archimate",
    "BackupProgress", "BackupSummary", "backup_repository", "restore_repository",
    "dismiss_redundancy", "redundancy_dismissals", "redundancy_report", "restore_redundancy",
    "assess_evidence", "evidence_content", "evidence_facts", "evidence_records", "record_evidence",
    "catalog_documents", "export_csv", "export_workbook", "template_workbook",
    "RoadmapImport", "delete_roadmap_item", "put_roadmap_item", "draft_roadmap", "gap_report", "import_roadmap", "import_roadmap_documents", "import_roadmap_paths", "roadmap",
    "roadmap_context", "roadmap_findings", "roadmap_names",
    "MAX_FILE_BYTES", "MAX_PAGE", "AuditEntry", "DiagramData", "DiagramDiff", "DiagramElement", "DiagramLink", "diagram_data", "diagram_diff", "national_diagram_data", "ElementDetail", "ElementQuery", "ExportResult", "ImportResult", "Key",
    "LinkView", "Page", "Principal", "Repository", "Role", "TokenInfo", "add_link", "as_documents", "as_organisation_documents", "as_yaml",
    "authenticate", "authorise_catalog", "build_graph", "catalog_files", "check_repository", "create_element",
    "create_token", "delete_element", "domain_keys", "element_detail", "element_key", "element_page", "export_catalog", "findings",
    "get_element", "history", "import_documents", "import_paths", "import_text", "import_texts", "init_repository", "kinds_for",
    "list_elements", "list_organisations", "list_tokens", "load_reference", "local_principal", "open_repository",
    "organisations", "put_organisation", "reference_code", "reference_list", "reference_lists", "remove_link",
    "replace_element", "require_visible", "reset_reference", "revoke_token", "show_element", "validate_paths",
    "PlateauCopy", "copy_plateau", "delete_preview",
]
