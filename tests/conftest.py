"""Shared fixtures: a fresh repository per test on SQLite, and on PostgreSQL when EA_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os

import pytest
from sqlmodel import SQLModel

from ea_repo import service
from ea_repo.storage.db import make_engine

POSTGRES_URL = os.environ.get("EA_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.skipif(not POSTGRES_URL, reason="EA_TEST_POSTGRES_URL not set")),
]


@pytest.fixture(params=BACKENDS)
def repo_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/ea.db"
    engine = make_engine(POSTGRES_URL)
    SQLModel.metadata.drop_all(engine)
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture
def repo(repo_url):
    repository, _ = service.init_repository(repo_url)
    yield repository
    repository.engine.dispose()
