"""What typer and its parser print themselves, in the language of the command line: the help's usage line, panel
titles and brackets, and the usage errors (no such option, a missing argument, a value that is not a number...).

The words are the catalogue `CHROME` (cli/help_text.py). The help's chrome goes through the texts typer keeps in
`typer.rich_utils` (read each time help or an error is printed), the commands' `options_metavar`/`subcommand_metavar`,
and a context class whose help formatter writes our usage prefix (typer colours only the literal "Usage: ", so the
Indonesian prefix is shown bold, without that colour).

A usage error is worded again from what its exception carries (the option's name, the parameter, the value typer's
pydantic validation rejected and why) and raised as a usage error of the same context, so typer shows it in its usual
panel with exit code 2. An error whose exception carries only an English sentence (a path that does not exist, a
custom check's own message, an argument given the wrong number of values) keeps that sentence, behind the worded
"Invalid value for ...:" where it is a bad value.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches
from enum import Enum

import typer
from pydantic import ValidationError
from typer import rich_utils

# Typer (>= 0.26) carries click inside itself and exports only BadParameter of click's usage errors; the others are
# needed to tell a missing argument from an unknown option, so they are taken from there, in this one place (typer
# says that module may change: tests/test_cli_chrome.py fails then, rather than an error going unworded).
from typer._click import exceptions as click_errors
from typer.core import TyperGroup

from cli.help_text import CHROME
from ea_repo.core.i18n import default_lang

LANG_KEY = "ea.lang"  # where the root context keeps the language of the command line, for every context under it


class WordedUsageError(click_errors.UsageError):
    """A usage error already worded in the reader's language (never worded twice)."""


class UsageFormatter(typer.Context.formatter_class):
    """Click's help formatter with the usage line's prefix in the language of the command line."""

    usage_prefix = CHROME.t("usage", "id")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, self.usage_prefix if prefix is None else prefix)


class EaContext(typer.Context):
    formatter_class = UsageFormatter


def localise_chrome(command, lang: str) -> None:
    """Word typer's own texts in `lang` (process-wide, as typer reads them) and give every command under `command`
    our context and usage placeholders. Run once per command line, where `localise_help` runs."""
    rich_utils.ARGUMENTS_PANEL_TITLE = CHROME.t("arguments", lang)
    rich_utils.OPTIONS_PANEL_TITLE = CHROME.t("options", lang)
    rich_utils.COMMANDS_PANEL_TITLE = CHROME.t("commands", lang)
    rich_utils.ERRORS_PANEL_TITLE = CHROME.t("error", lang)
    rich_utils.DEFAULT_STRING = CHROME.t("default", lang, value="{}")
    rich_utils.ENVVAR_STRING = CHROME.t("envvar", lang, value="{}")
    rich_utils.REQUIRED_LONG_STRING = CHROME.t("required", lang)
    rich_utils.DEPRECATED_STRING = CHROME.t("deprecated", lang)
    rich_utils.ABORTED_TEXT = CHROME.t("aborted", lang)
    rich_utils.RICH_HELP = CHROME.t("try_help", lang, command_path="{command_path}", help_option="{help_option}")
    UsageFormatter.usage_prefix = CHROME.t("usage", lang)
    _use_context_and_metavars(command, lang)


def _use_context_and_metavars(command, lang: str) -> None:
    command.context_class = EaContext
    command.options_metavar = CHROME.t("options_metavar", lang)
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = CHROME.t("subcommand_metavar", lang)
    for sub in getattr(command, "commands", {}).values():
        _use_context_and_metavars(sub, lang)


def lang_of_context(ctx: typer.Context) -> str:
    """The language of the command line, kept by the root context (cli.common.EaGroup.make_context)."""
    return ctx.meta.get(LANG_KEY) or default_lang()


def worded(error: click_errors.UsageError, lang: str, command) -> click_errors.UsageError:
    """`error` worded in `lang`, or `error` itself when there is nothing to word (typer's help on no arguments,
    one already worded, a kind whose exception carries no structure). `command`: the group the error came through,
    where an option named in an error without a context is looked up."""
    if isinstance(error, (WordedUsageError, click_errors.NoArgsIsHelpError)):
        return error
    text = _usage_text(error, lang, command)
    return error if text is None else WordedUsageError(text, ctx=error.ctx)


def _usage_text(error: click_errors.UsageError, lang: str, command) -> str | None:
    if isinstance(error, click_errors.NoSuchOption):
        return _no_such_option(error, lang)
    if isinstance(error, click_errors.MissingParameter):
        return _missing(error, lang)
    if isinstance(error, click_errors.BadParameter):
        return _invalid_value(error, lang)
    if isinstance(error, click_errors.BadOptionUsage):
        flag = _is_flag(command, error.option_name)
        return CHROME.t("takes_no_value" if flag else "requires_value", lang, option=repr(error.option_name))
    if type(error) is click_errors.UsageError and error.ctx is not None and not _is_group(error.ctx.command):
        return _extra_arguments(error.message, lang)
    return None


def _no_such_option(error, lang: str) -> str:
    if error.possibilities:
        options = ", ".join(sorted(error.possibilities))
        return CHROME.t("no_such_option_like", lang, option=error.option_name, options=options)
    return CHROME.t("no_such_option", lang, option=error.option_name)


def _missing(error, lang: str) -> str | None:
    kind = error.param_type or (error.param.param_type_name if error.param is not None else None)
    if kind not in ("argument", "option"):
        return None
    return CHROME.t(f"missing_{kind}", lang, name=_hint(error))


def _invalid_value(error, lang: str) -> str:
    reason = _reason(error, lang) or error.message
    if (name := _hint(error)) is None:
        return CHROME.t("invalid_value", lang, reason=reason)
    return CHROME.t("invalid_value_for", lang, name=name, reason=reason)


# pydantic's error types for a value typer could not take (https://docs.pydantic.dev/latest/errors/validation_errors/)
_NUMBER_ERRORS = {
    "int_parsing": "not_an_integer",
    "int_from_float": "not_an_integer",
    "int_type": "not_an_integer",
    "float_parsing": "not_a_number",
    "float_type": "not_a_number",
}
_BOUND_ERRORS = {  # error type: (the bound's name in the error's ctx, the catalogue key)
    "greater_than_equal": ("ge", "at_least"),
    "greater_than": ("gt", "above"),
    "less_than_equal": ("le", "at_most"),
    "less_than": ("lt", "below"),
}


def _reason(error, lang: str) -> str | None:
    """Why typer's validation refused the value, worded from pydantic's error; None when it says no more than text."""
    cause = error.__cause__
    if not isinstance(cause, ValidationError) or not cause.errors():
        return None
    first = cause.errors()[0]
    kind, value = first["type"], repr(first.get("input"))
    if kind in _NUMBER_ERRORS:
        return CHROME.t(_NUMBER_ERRORS[kind], lang, value=value)
    if kind in _BOUND_ERRORS:
        bound, key = _BOUND_ERRORS[kind]
        return CHROME.t(key, lang, value=value, limit=first.get("ctx", {}).get(bound))
    if kind == "value_error" and (choices := _choices(error.param)):
        return CHROME.t("not_one_of", lang, value=value, choices=choices)
    return None


def _choices(param) -> str | None:
    """The values a choice parameter (an Enum or Literal option) takes, as typed; None for any other parameter, and
    if typer's parameter stops carrying its `type_descriptor` (then typer's own sentence is shown)."""
    choices = getattr(getattr(param, "type_descriptor", None), "choices", None)
    if not choices:
        return None
    return ", ".join(repr(choice.value if isinstance(choice, Enum) else choice) for choice in choices)


def _hint(error) -> str | None:
    hint = error.param_hint
    if hint is None and error.param is not None:
        return error.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        return " / ".join(repr(name) for name in hint)
    return hint


def _extra_arguments(message: str, lang: str) -> str | None:
    """The parser names the extra arguments only in its sentence, in parentheses at its end."""
    _, found, arguments = message.partition(" (")
    if not found or not arguments.endswith(")"):
        return None
    return CHROME.t("extra_arguments", lang, arguments=arguments[:-1])


def _is_group(command) -> bool:
    return hasattr(command, "commands")


def _is_flag(command, option_name: str) -> bool:
    """Whether `option_name` is a flag (takes no value) on some command under `command`: the parser's error for it
    names the option, not the command."""
    options = [p for p in _parameters_under(command) if option_name in getattr(p, "opts", ())]
    return bool(options) and all(getattr(p, "is_flag", False) for p in options)


def _parameters_under(command) -> Sequence:
    found = list(command.params)
    for sub in getattr(command, "commands", {}).values():
        found += _parameters_under(sub)
    return found


class WordedGroup(TyperGroup):
    """A command group whose own usage errors (an unknown or a missing command) are worded in the reader's
    language: `ea` itself (cli.common.EaGroup) and each of its sub-groups."""

    context_class = EaContext

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if not name or self.get_command(ctx, name) is not None or ctx.resilient_parsing:
            return super().resolve_command(ctx, args)
        try:  # an option-like name is parsed again first, to say which option is unknown
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as error:
            if type(error) is not click_errors.UsageError:
                raise
        raise WordedUsageError(_no_such_command(name, list(self.commands), lang_of_context(ctx)), ctx=ctx)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click_errors.UsageError as error:
            if type(error) is click_errors.UsageError and error.ctx is ctx and ctx.invoked_subcommand is None:
                # the group's own failure before any sub-command was resolved: no command was named
                raise WordedUsageError(CHROME.t("missing_command", lang_of_context(ctx)), ctx=ctx) from None
            raise


def _no_such_command(name: str, commands: list[str], lang: str) -> str:
    like = get_close_matches(name, commands)
    if like:
        return CHROME.t("no_such_command_like", lang, command=name, commands=", ".join(repr(c) for c in like))
    return CHROME.t("no_such_command", lang, command=name)
