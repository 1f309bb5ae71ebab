"""A real server and a real browser for the journey tests: uvicorn in a thread over the samples, Debian's chromium
driven by Playwright (no browser download), and screenshots of each page kept in one folder.

The browser tests skip where chromium or Playwright is missing, unless EA_TEST_REQUIRE_BROWSER=1 (CI sets it),
where a missing browser is a failure. Screenshots go to EA_SCREENSHOTS (default build/screenshots).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("EA_SCREENSHOTS", ROOT / "build" / "screenshots"))
PASSWORD = "kata-sandi-uji-1"
USERS = {  # login -> (role, ippd, opds)
    "admin-contoh": ("admin", "kab-contoh", None),
    "arsitek-contoh": ("architect", "kab-contoh", None),
    "arsitek-bapenda": ("architect", "kab-contoh", ["14"]),
    "nasional": ("viewer", None, None),
}


def require_browser() -> None:
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright")
    if missing:
        if os.environ.get("EA_TEST_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    base: str
    repo: object


def serve_samples(folder: Path):
    """Load the samples into a new SQLite file, make the users, serve the app; yields a Server."""
    import uvicorn

    from api.app import create_app
    from ea_repo import service
    from ea_repo.core.settings import Settings

    url = f"sqlite:///{folder / 'ea.db'}"
    repo, _ = service.init_repository(url)
    admin = service.local_principal()
    service.import_paths(repo, [ROOT / "samples" / "contoh"], principal=admin)
    for login, (role, ippd, opds) in USERS.items():
        service.create_user(
            repo,
            login=login,
            name=login.replace("-", " ").title(),
            role=role,
            password=PASSWORD,
            ippd=ippd,
            opds=opds,
            principal=admin,
        )
    port = free_port()
    config = uvicorn.Config(
        create_app(Settings(database_url=url), repository=repo),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield Server(f"http://127.0.0.1:{port}", repo)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def shot(page, name: str) -> Path:
    """Save a full-page screenshot of the page as it is now."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def clear_screenshots() -> None:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)


def sign_in(page, base: str, login: str) -> None:
    page.goto(f"{base}/masuk")
    page.get_by_label("Nama pengguna").fill(login)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
