"""Messages exist in Bahasa Indonesia and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from ea_repo.checks import RULES
from ea_repo.core.i18n import MESSAGES, PROBLEMS, Catalogue, Message, Text, joined


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES) + sorted(PROBLEMS))
def test_both_languages_with_the_same_placeholders(key):
    entry = MESSAGES.get(key) or PROBLEMS[key]
    assert set(entry) == {"id", "en"}
    assert fields(entry["id"]) == fields(entry["en"])


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_texts_use_the_same_placeholders_in_both_languages(rule_id):
    rule = RULES[rule_id]
    for text in (rule.title, rule.message, rule.fix):
        assert fields(text.id) == fields(text.en)


def test_nested_messages_render_in_one_language():
    message = Message("got", message=Message("number"), got="'banyak'")
    assert message.render("id") == "harus angka (hanya digit, mis. 32 atau 2.5), tertulis 'banyak'"
    assert str(message) == "expected a number (digits only, e.g. 32 or 2.5), got 'banyak'"


def test_a_catalogue_text_is_formatted_in_both_languages_at_once():
    words = Catalogue("test.both", {"count": Text("{count} elemen di {domain}", "{count} elements in {domain}")})
    domain = Text("Arsitektur Aplikasi", "Application architecture")
    text = words.text("count", count=3, domain=domain)
    assert text == Text("3 elemen di Arsitektur Aplikasi", "3 elements in Application architecture")
    assert joined("; ", [text, Text("x", "y")]) == Text(f"{text.id}; x", f"{text.en}; y")
