"""Ctrl-C is a clean exit 130 with one line, wherever it lands.

Kept free of heavy imports: cli installs `exit_cleanly_on_interrupt` before it loads the
commands (about a second and a half of imports), so Ctrl-C during start-up is clean too.
"""

from __future__ import annotations

import os
import sys

from ea_repo.core.i18n import LANGS, default_lang, t

EXIT_CANCELLED = 130  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C


def lang_in_argv(argv: list[str]) -> str:
    """The --lang given anywhere on the command line, before typer has parsed it (the last one, as typer's parsing
    keeps); else EA_LANG's."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGS:
            found = value
    return found or default_lang()


def cancelled_text(lang: str) -> str:
    return t("cancelled", lang)


def exit_cleanly_on_interrupt() -> None:
    """An interrupt that nothing handled (one during start-up imports) prints one line and exits 130."""
    previous = sys.excepthook

    def hook(kind, value, traceback) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            previous(kind, value, traceback)
            return
        try:
            sys.stdout.flush()
        finally:
            sys.stderr.write(cancelled_text(lang_in_argv(sys.argv[1:])) + "\n")
            sys.stderr.flush()
            os._exit(EXIT_CANCELLED)  # SystemExit cannot be raised from an excepthook

    sys.excepthook = hook
