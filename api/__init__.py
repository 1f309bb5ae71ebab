"""The ea-repo HTTP API: a thin FastAPI shell over ea_repo.service."""
