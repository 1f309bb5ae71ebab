"""What every command shares: options, the opened repository, and error translation."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from cli.chrome import LANG_KEY, WordedGroup, click_errors, lang_of_context, localise_chrome, worded
from cli.help_text import CHROME, help_text, localise_help
from cli.interrupt import EXIT_CANCELLED, cancelled_text, lang_in_argv
from ea_repo.core.errors import ConfigError, EaError, ElementNotFound, InputRejected, NotFound, Refused
from ea_repo.core.i18n import LANGS, Message, default_lang, t
from ea_repo.reports.safety import json_text, terminal_text
from ea_repo.service import DEFAULT_URL, Repository, local_principal, open_repository

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_FINDINGS = 1
EXIT_USAGE = 2
# Whoever runs the CLI on the machine holding the database acts as the local admin: every service call
# names it explicitly (principal=LOCAL), as the API names the token's holder.
LOCAL = local_principal()


@dataclass
class State:
    db: str | None = None
    lang: str = "id"

    def repository(self) -> Repository:
        return open_repository(self.db)

    def repository_if_any(self) -> Repository | None:
        """The repository named (--db, EA_DATABASE_URL) or ./ea.db; None when none was named and ./ea.db is absent."""
        if self.db is None and not Path(DEFAULT_URL.removeprefix("sqlite:///")).exists():
            return None
        return self.repository()


def state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)


def lang_of(ctx: typer.Context) -> str:
    return state(ctx).lang or default_lang()


def check_lang(value: str | None) -> str | None:
    if value is not None and value not in LANGS:
        choices = ", ".join(repr(lang) for lang in LANGS)
        message = CHROME.t("not_one_of", default_lang(), value=repr(value), choices=choices)
        raise typer.BadParameter(message, param_hint="--lang")
    return value


def _set_lang(ctx: typer.Context, value: str | None) -> str | None:
    if check_lang(value) is not None:
        state(ctx).lang = value
    return value


def _lang_parameter():
    """`--lang` as a typer option of its own, built once by typer so help and parsing match the others."""
    probe = typer.Typer()

    @probe.command()
    def _probe(
        lang: str | None = typer.Option(
            None, "--lang", expose_value=False, callback=_set_lang, help=help_text("opt.lang")
        ),
    ) -> None:
        pass

    return typer.main.get_command(probe).params[0]


def accept_lang_everywhere(group, parameter=None) -> None:
    """Give every command and sub-group under `group` the --lang option (one shared parameter),
    so `ea check --lang en` works as `ea --lang en check` does, for commands added later too."""
    parameter = parameter or _lang_parameter()
    for command in group.commands.values():
        if not any("--lang" in p.opts for p in command.params):
            command.params.append(parameter)
        if hasattr(command, "commands"):
            accept_lang_everywhere(command, parameter)


class EaGroup(WordedGroup):
    """The `ea` command group: --lang anywhere, help and usage errors in the language asked for, and Ctrl-C a clean
    exit 130 with one line."""

    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        accept_lang_everywhere(self)

    def make_context(self, info_name, args, parent=None, **extra):
        lang = lang_in_argv(list(args))
        if parent is None:  # the whole command line, before any --help is shown: its --lang, else EA_LANG
            localise_help(self, lang)
            localise_chrome(self, lang)
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except KeyboardInterrupt:
            raise cancelled(lang) from None
        except click_errors.UsageError as error:
            raise worded(error, lang, self) from None
        ctx.meta[LANG_KEY] = lang  # for the contexts under it, which share its meta
        return ctx

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise cancelled(lang_of(ctx)) from None
        except click_errors.UsageError as error:
            raise worded(error, lang_of_context(ctx), self) from None  # typer shows it in its panel, exit 2


def cancelled(lang: str) -> typer.Exit:
    err.print(cancelled_text(lang), markup=False)
    return typer.Exit(EXIT_CANCELLED)


def translate_errors(command: Callable) -> Callable:
    """Turn the core's named exceptions into messages and exit codes, once, here."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        ctx = kwargs.get("ctx") or next((a for a in args if isinstance(a, typer.Context)), None)
        lang = lang_of(ctx) if ctx else default_lang()
        try:
            return command(*args, **kwargs)
        except InputRejected as exc:
            for problem in exc.problems:
                err.print(plain(problem.render(lang)))
            err.print(t(exc.summary_key, lang, count=len(exc.problems)), style="bold red")
            raise typer.Exit(EXIT_USAGE) from None
        except ElementNotFound as exc:
            err.print(plain(t("not_found", lang, element=exc.element_id)), style="red")
            raise typer.Exit(EXIT_FINDINGS) from None
        except Refused as exc:
            err.print(plain(f"{t('error', lang)}: {exc.render(lang)}"), style="red")
            raise typer.Exit(EXIT_FINDINGS if isinstance(exc, NotFound) else EXIT_USAGE) from None
        except ConfigError as exc:
            for problem in exc.render(lang):
                err.print(plain(f"{t('error', lang)}: {problem}"), style="red")
            raise typer.Exit(EXIT_USAGE) from None
        except EaError as exc:
            err.print(plain(f"{t('error', lang)}: {exc}"), style="red")
            raise typer.Exit(EXIT_USAGE) from None

    return wrapper


def plain(value: object, newlines: bool = True) -> Text:
    """Stored text for the screen: control characters and bidi overrides neutralised
    (reports.safety.terminal_text), and a Text, so rich never reads `[link=...]` in it as markup."""
    return Text(terminal_text(value, newlines))


def only_ippd(repo: Repository, ippd: str | None = None) -> str:
    """The IPPD named, or the only one in the repository."""
    if ippd:
        return ippd
    from ea_repo.service import organisations

    codes = [o.code for o in organisations(repo, principal=LOCAL) if o.kind == "IPPD"]
    if len(codes) != 1:
        raise ConfigError(Message("name_the_ippd", count=len(codes), codes=", ".join(codes) or "-"))
    return codes[0]


def emit_bytes(data: bytes, output: Path | None, lang: str) -> None:
    """A report or document: to the file named (saying where and how big, in `lang`), else to stdout as it is."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    output.write_bytes(data)
    err.print(t("file_written", lang, path=output, size=f"{len(data):,}"), markup=False)


def write_raw(text: str) -> None:
    """Machine-readable output, straight to stdout (no markup, no wrapping, no highlighting)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def write_json(data: object, indent: int | None = 1) -> None:
    """JSON to stdout: the same data, with C1 controls and bidi overrides from stored text written as \\u escapes
    (json leaves them raw, and a terminal would obey them)."""
    write_raw(json_text(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n")


def is_terminal() -> bool:
    return sys.stderr.isatty()
