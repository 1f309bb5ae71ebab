"""Applications of one IPPD, with planted near-duplicates whose answers the manifest records.

Every application has a `family` (what it does). Two as-is applications are duplicates
exactly when they share a family: the planted families (SIMPEG, e-Arsip, ...) under name
variations, exact copies under a second ID, and filler applications ("Sistem Informasi
Pendataan Ternak") whose activity and object happen to repeat in another IPPD.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field

from . import vocab

FAMILY_PRESENCE = 0.7  # chance an IPPD runs a planted family at all
SECOND_COPY = 0.3  # chance it runs it again in another OPD, under another name
THIRD_COPY = 0.1
EXACT_COPIES = 0.015  # share of applications listed twice under different IDs
PLANTED_CAP = 0.6  # planted families take at most this share of an IPPD's applications
FILLER_KEYS = tuple(itertools.product(vocab.ACTIVITIES, vocab.OBJECTS))
_OPD_NAMES = {code: (name, short) for code, name, short in vocab.OPDS}


@dataclass
class Element:
    """One element as the generator holds it before writing; `links` maps field -> IDs."""

    kind: str
    id: str
    name: str
    opd: str | None
    spec: dict = field(default_factory=dict)
    reference: list[str] = field(default_factory=list)
    family: str | None = None
    variation: str | None = None
    links: dict[str, list[str]] = field(default_factory=dict)
    copy_of: Element | None = None


def opd_name(code: str) -> str:
    return _OPD_NAMES[code][0]


def opd_short(code: str) -> str:
    return _OPD_NAMES[code][1]


def applications(rng: random.Random, count: int, opds: list[str], ippd: str) -> list[Element]:
    """`count` applications (IDs not yet assigned), shuffled so duplicates are not adjacent."""
    exact = max(1, round(count * EXACT_COPIES)) if count >= 10 else 0
    planted = _planted(rng, opds)[: int(count * PLANTED_CAP)]
    apps = planted + _fillers(rng, count - len(planted) - exact, opds)
    apps += [_exact_copy(original) for original in rng.sample(apps, exact)]
    rng.shuffle(apps)
    for app in apps:
        app.spec["url"] = f"https://{re.sub(r'[^a-z0-9]+', '', app.family)[:20]}.{ippd}.go.id"
    return apps


def _planted(rng: random.Random, opds: list[str]) -> list[Element]:
    apps: list[Element] = []
    for family in vocab.FAMILIES:
        if rng.random() >= FAMILY_PRESENCE:
            continue
        key, _, _, _, home, _ = family
        first = home if home in opds else "2.16.01"
        apps.append(_family_app(rng, family, rng.choice(("full", "full", "acronym", "acronym", "alias")), first))
        roll = rng.random()
        copies = 2 if roll < THIRD_COPY else 1 if roll < SECOND_COPY else 0
        for _ in range(copies):
            other = rng.choice([o for o in opds if o != first])
            apps.append(_family_app(rng, family, rng.choice(("opd-suffix", "alias", "typo", "acronym", "full")), other))
    return apps


def _family_app(rng: random.Random, family: tuple, variation: str, opd: str) -> Element:
    key, full, short, aliases, _, umum = family
    if variation == "full":
        name = full
    elif variation == "acronym":
        name = short
    elif variation == "alias":
        name = rng.choice(aliases)
    elif variation == "opd-suffix":
        name = f"{short if any(c.islower() for c in short) else short.capitalize()} {opd_short(opd)}"
    else:
        name = _typo(rng, full)
    return _app(rng, name, opd, key, variation, umum, function=f"Mendukung {full.lower()}")


def _typo(rng: random.Random, text: str) -> str:
    """Drop one inner letter of the longest word: Kepegawaian -> Kepegawain."""
    words = text.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    cut = rng.randrange(2, len(word) - 1)
    words[longest] = word[:cut] + word[cut + 1 :]
    return " ".join(words)


def _fillers(rng: random.Random, count: int, opds: list[str]) -> list[Element]:
    keys = (
        rng.sample(FILLER_KEYS, count) if count <= len(FILLER_KEYS) else [rng.choice(FILLER_KEYS) for _ in range(count)]
    )
    out = []
    for activity, obj in keys:
        form = rng.choice(vocab.FORMS)
        name = f"e-{activity} {obj}" if form == "e-" else f"{form} {activity} {obj}"
        family = f"{activity} {obj}".lower().replace(" ", "-")
        out.append(
            _app(
                rng,
                name,
                rng.choice(opds),
                family,
                "filler",
                rng.random() < 0.3,
                function=f"Mendukung {activity.lower()} {obj.lower()}",
            )
        )
    return out


def _app(rng: random.Random, name: str, opd: str, family: str, variation: str, umum: bool, *, function: str) -> Element:
    spec = {
        "category": "umum" if umum else "khusus",
        "description": f"{name} yang dikelola {opd_name(opd)}",
        "function": function,
        "developer": rng.choice(vocab.VALUES["developer"]),
        "unit": opd_name(opd),
    }
    return Element("Application", "", name, opd, spec, [], family, variation)


def _exact_copy(original: Element) -> Element:
    return Element(
        "Application",
        "",
        original.name,
        original.opd,
        dict(original.spec),
        list(original.reference),
        original.family,
        "exact",
        copy_of=original,
    )
