"""The Peta Rencana as assessors read it: the IPPD's name in the title and each OPD's name beside its code."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli import app
from ea_repo import service
from ea_repo.core.settings import Settings

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "contoh"


def test_the_roadmap_names_the_ippd_and_the_opds_beside_their_codes(repo_url, tmp_path):
    repo, _ = service.init_repository(repo_url)
    service.import_paths(repo, [SAMPLE], principal=service.local_principal())
    result = CliRunner().invoke(app, ["--db", repo_url, "roadmap", "--ippd", "kab-contoh"])
    assert result.exit_code == 0, result.output
    assert "## Peta Rencana SPBE Kabupaten Contoh" in result.stdout and "kab-contoh" not in result.stdout
    assert "| 20 — Dinas Komunikasi dan Informatika |" in result.stdout
    token = service.create_token(
        repo, role="viewer", name="asesor", ippd="kab-contoh", principal=service.local_principal()
    )[1]
    client = TestClient(create_app(Settings(), repository=repo))
    html = client.get(
        "/v1/ippds/kab-contoh/roadmap", params={"format": "html"}, headers={"Authorization": f"Bearer {token}"}
    ).text
    assert "20 — Dinas Komunikasi dan Informatika" in html and "Kabupaten Contoh" in html
    repo.engine.dispose()
