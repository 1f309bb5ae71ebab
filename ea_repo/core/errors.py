"""Domain exceptions. The core raises these; the CLI and the API translate them once."""

from __future__ import annotations

from dataclasses import dataclass

from ea_repo.core.i18n import Message


class EaError(Exception):
    """Base of every error ea-repo reports to a user."""


class ConfigError(EaError):
    """A usage or configuration problem (exit code 2); lists every problem found."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))


class RepositoryNotInitialised(ConfigError):
    """The database has no ea-repo schema yet."""


class ElementNotFound(EaError):
    def __init__(self, element_id: str):
        self.element_id = element_id
        super().__init__(element_id)


class Refused(EaError):
    """An error whose text is a bilingual Message (the API picks the language per request)."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))

    def render(self, lang: str = "id") -> str:
        return self.message.render(lang)


class DatabaseUnusable(Refused):
    """The database named cannot be opened: not a database file, or a server that does not answer (exit code 2)."""


class NotFound(Refused):
    """Something other than an element (an IPPD, an OPD, a token, a reference code) does not exist."""


class NotAuthenticated(Refused):
    """No credentials, or credentials that are not (or no longer) valid."""


class PermissionDenied(Refused):
    """Valid credentials, but outside what they were granted."""


class AlreadyExists(Refused):
    """A create named something that is already there (update it instead)."""


class VersionConflict(Refused):
    """A write made against an older version than the stored one: nothing was written."""

    def __init__(self, subject: str, expected: int, current: int):
        self.subject, self.expected, self.current = subject, expected, current
        super().__init__(Message("version_conflict", subject=subject, expected=expected, current=current))


@dataclass(frozen=True)
class InputProblem:
    """One problem in one input document: where it is, which field, what was expected."""

    path: str
    line: int | None
    message: Message
    kind: str | None = None
    element_id: str | None = None
    field: str | None = None

    def render(self, lang: str = "id") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        subject = " ".join(p for p in (self.kind, self.element_id, f".{self.field}" if self.field else None) if p)
        text = self.message.render(lang)
        return f"{where}: {subject}: {text}" if subject else f"{where}: {text}"

    def __str__(self) -> str:
        return self.render("en")


class ImportRejected(EaError):
    """Input that cannot be imported. Nothing was written; every problem is listed."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the input")
