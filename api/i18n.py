"""The language of a response: ?lang=en, else Accept-Language, else Bahasa Indonesia."""

from __future__ import annotations

from fastapi import Request

from ea_repo.core.i18n import LANGS, default_lang


def request_lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return default_lang()
