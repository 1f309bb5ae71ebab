"""Domain exceptions. The core raises these; the CLI and the API translate them once."""

from __future__ import annotations

from dataclasses import dataclass

from ea_repo.core.i18n import Message


class EaError(Exception):
    """Base of every error ea-repo reports to a user."""


class ConfigError(EaError):
    """A usage or configuration problem (exit code 2); lists every problem found."""

    def __init__(self, problems: list[str | Message] | str | Message):
        self.problems = [problems] if isinstance(problems, (str, Message)) else problems
        super().__init__("; ".join(str(p) for p in self.problems))

    def render(self, lang: str = "id") -> list[str]:
        """Each problem in `lang` (a Message in either language; a plain string as written)."""
        return [p.render(lang) if isinstance(p, Message) else p for p in self.problems]


class RepositoryNotInitialised(ConfigError):
    """The database has no ea-repo schema yet."""


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
    """Something does not exist (or the caller may not see it, which answers the same)."""


class ElementNotFound(NotFound):
    """No element with this ID (where the caller looked, and may see)."""

    def __init__(self, element_id: str):
        self.element_id = element_id
        super().__init__(Message("element_not_found", element=element_id))


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


class InputRejected(EaError):
    """Input that cannot be used: every problem is listed (each renders itself in either language), nothing was
    written. The edges render the family once: the CLI's error handler, the API's (422)."""

    summary_key = "rejected"  # the catalogue's line after the problems (ea_repo.core.i18n MESSAGES)

    def __init__(self, problems: list):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the input")


class ImportRejected(InputRejected):
    """Catalogue or record documents that cannot be imported."""

    summary_key = "import_rejected"

    def __init__(self, problems: list[InputProblem]):
        super().__init__(problems)


class ScoresRejected(InputRejected):
    """A score file, an instrument or a what-if (ea index) that cannot be used."""

    summary_key = "scores_rejected"

    def __init__(self, problems: list):
        super().__init__(problems)
        EaError.__init__(self, "; ".join(str(p) for p in problems))
