"""The long-document model and its writers; the public entry is ea_repo.reports.document."""
