"""The web pages' test world: the API tests' two governments, a signed-in browser per role, form helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from api_support import GRANTS, KAB, KOTA, world_documents  # noqa: F401  (KAB, KOTA for the tests)
from fastapi.testclient import TestClient

from api.app import create_app
from ea_repo import service
from ea_repo.core.settings import Settings
from ea_repo.core.yaml_io import dump_documents

PASSWORD = "kata-sandi-uji-1"  # every test user's
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no form guard"
    return found.group(1)


@dataclass
class Browser:
    """One browser: its own cookies, signed in (or not) as one person."""

    client: TestClient
    login: str | None = None
    csrf: str = ""

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        if "text/html" in response.headers.get("content-type", "") and 'name="csrf"' in response.text:
            self.csrf = csrf_of(response.text)
        return response

    def post(self, path: str, data: dict | None = None, *, files=None, csrf: str | None = None, **kwargs):
        """A form post with this browser's guard value (fetched from `path`'s page when none is known yet)."""
        if not self.csrf:
            self.get("/masuk")
        form = {"csrf": self.csrf if csrf is None else csrf, **(data or {})}
        return self.client.post(path, data=form, files=files, **kwargs)

    def sign_in(self, login: str, password: str = PASSWORD):
        self.get("/masuk")
        response = self.post("/masuk", {"login": login, "password": password, "lanjut": "/"}, follow_redirects=False)
        assert response.status_code == 303, response.text[:500]
        self.login = login
        self.csrf = ""
        return response


@dataclass
class WebWorld:
    app: object
    repo: service.Repository
    browsers: dict[str, Browser] = field(default_factory=dict)

    def browser(self, who: str | None = None) -> Browser:
        """A fresh browser, signed in as `who` (a GRANTS label) unless None."""
        browser = Browser(TestClient(self.app, raise_server_exceptions=False, base_url="http://testserver"))
        if who is not None:
            browser.sign_in(login_of(who))
        return browser

    def __getitem__(self, who: str) -> Browser:
        if who not in self.browsers:
            self.browsers[who] = self.browser(who)
        return self.browsers[who]


def login_of(label: str) -> str:
    """The login of the test user for a GRANTS label: kab_admin -> kab-admin."""
    return label.replace("_", "-")


def make_users(repo: service.Repository) -> None:
    """One web user per GRANTS label (login = the label with '-' for '_'), as the API tests have one token each."""
    for label, (role, ippd, opds) in GRANTS.items():
        service.create_user(
            repo,
            login=login_of(label),
            name=label.replace("_", " ").title(),
            role=role,
            password=PASSWORD,
            ippd=ippd,
            opds=opds,
            principal=service.local_principal(),
        )


def make_web_world(repo: service.Repository, documents: list[dict] | None = None) -> WebWorld:
    documents = world_documents() if documents is None else documents
    if documents:
        service.import_text(repo, dump_documents(documents), name="world.yaml", principal=service.local_principal())
    make_users(repo)
    return WebWorld(create_app(Settings(), repository=repo), repo)


class Visible(HTMLParser):
    """The text a reader sees on a page (no tags, scripts or attribute values). For language checks, text in
    <code> may be left out: it is a code as written (a field name, a rule's ID), not a word of the page's language."""

    def __init__(self, codes: bool = True) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._hidden = ("script", "style") if codes else ("script", "style", "code")

    def handle_starttag(self, tag, attrs):
        if tag in self._hidden:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in self._hidden and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @classmethod
    def text(cls, html: str, codes: bool = True) -> str:
        """The page's text; without what stands in <code> when `codes` is False (for the language checks)."""
        parser = cls(codes)
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())
