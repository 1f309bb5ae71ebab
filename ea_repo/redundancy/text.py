"""Names and descriptions as comparable text: normalisation, abbreviations, Indonesian short forms.

Application names are written many ways: "e-Arsip", "E-ARSIP", "eArsip"; "SIMPEG" for "Sistem
Informasi Manajemen Kepegawaian"; "Sistem Informasi Kependudukan & Keluarga (SIDUGA)"; with the
owner's name attached ("SIMPEG Bapenda", "SAKIP Kab. Pesawaran"). Everything here is pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from metamodel import word_variants

STOPWORDS = frozenset(
    {
        "dan",
        "atau",
        "di",
        "ke",
        "dari",
        "untuk",
        "yang",
        "secara",
        "berbasis",
        "dengan",
        "pada",
        "melalui",
        "serta",
        "dalam",
        "oleh",
        "bagi",
        "atas",
        "the",
        "of",
        "and",
        "for",
        "a",
        "an",
        "to",
        "in",
        "on",
        "by",
    }
)
# Words that say how an application is reached, not what it does: free to skip in a short form.
CHANNEL = frozenset(
    {"online", "daring", "elektronik", "digital", "web", "android", "mobile", "terintegrasi", "terpadu"}
)
# Leading words a short form often leaves out ("e-BPHTB" for "Sistem Informasi Bea Perolehan ...").
# GIS/SIG (sistem informasi geografis) says the kind of application, a map, not the job it maps.
GENERIC_HEAD = frozenset(
    {"sistem", "informasi", "aplikasi", "portal", "dashboard", "website", "situs", "gis", "sig", "webgis"}
)
# Words never read as a short form even when written in capitals.
NOT_SHORT = (
    GENERIC_HEAD
    | CHANNEL
    | STOPWORDS
    | frozenset(
        {
            "dinas",
            "badan",
            "bagian",
            "kantor",
            "kecamatan",
            "sekretariat",
            "data",
            "layanan",
            "manajemen",
            "pelayanan",
            "kabupaten",
            "kota",
            "provinsi",
            "online",
            "sistem",
            "management",
            "pusat",
            "daerah",
            "desa",
            "umum",
        }
    )
)
# Words of a name that say nothing about what the application does.
NAME_NOISE = (
    GENERIC_HEAD | CHANNEL | STOPWORDS | frozenset({"manajemen", "management", "si", "sim", "berbasis", "secara", "e"})
)
# Words that only say "a unit of the government" ("Web OPD DISNAKER"): not what an application does.
ORGANISATION = frozenset({"opd", "skpd", "upt", "uptd"})
LEVEL_WORDS = frozenset(
    {"kabupaten", "kab", "kota", "provinsi", "prov", "pemkab", "pemkot", "pemprov", "pemda", "kabkota"}
)
URL_WORDS = frozenset({"http", "https", "www", "go", "id", "com", "org", "net", "xyz", "html", "php"})
VOWELS = frozenset("aeiou")
_WORD = re.compile(r"[A-Za-z0-9]+")
_PAREN = re.compile(r"\(([^()]*)\)")


_MARKUP = re.compile(r"<[^<>]{0,80}>|&(?:[a-z]+|#\d+);", re.IGNORECASE)
_ESCAPED_BREAK = re.compile(r"(?:\\[rnt])+")
# "r" and "n" left where an export dropped the backslashes of "\r\n": between a sentence's end or a word and the
# next capitalised word ("layanan.rnrnAplikasi", "pelayananrnData"), or as a word of their own.
_STRAY_BREAK = re.compile(r"(?:(?<=[a-z.,;:!?)])(?:rn)+(?=[A-Z])|(?<=[.,;:!?)])(?:rn)+|\b(?:rn)+\b)")
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u20ac\u2122\u201a-\u201e\u2018-\u201d]")
JUNK_WORD_LENGTH, JUNK_VOWEL_SHARE = 9, 0.25


@lru_cache(maxsize=1 << 16)  # a description or name recurs across an inventory's rows and is read several ways
def clean_text(text: str) -> str:
    """A cell as an export leaves it, made readable: markup (`<br />`), escaped line breaks (a literal `\\r\\n`, or
    the stray "rn" left without the backslashes), UTF-8 read as Windows-1252 ("Denpasar\u00e2\u20ac\u2122s") and
    keyboard mashing are removed; a cell left with no letters ("-", "0", ".") is empty: no evidence."""
    text = _repair_encoding(text or "")
    text = _MARKUP.sub(" ", text)
    text = _ESCAPED_BREAK.sub(" ", text).replace("\r", " ").replace("\n", " ")
    text = _STRAY_BREAK.sub(" ", text)
    words = [w for w in text.split() if not _junk(w)]
    return " ".join(words) if any(c.isalpha() for w in words for c in w) else ""


def _repair_encoding(text: str) -> str:
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def _junk(word: str) -> bool:
    """A long run of letters with hardly a vowel is no Indonesian word ("sdknakldnaslkndlkasnd"); short forms are
    shorter."""
    if len(word) < JUNK_WORD_LENGTH:  # most words: fewer characters than a junk word has letters
        return False
    letters = [c for c in word.lower() if c.isalpha()]
    return len(letters) >= JUNK_WORD_LENGTH and sum(c in VOWELS for c in letters) < JUNK_VOWEL_SHARE * len(letters)


def fold(text: str) -> str:
    """Cleaned (`clean_text`), accents off, '&' as 'dan'; case kept (capitals tell a short form)."""
    plain = unicodedata.normalize("NFKD", clean_text(text)).encode("ascii", "ignore").decode("ascii")
    return plain.replace("&", " dan ")


def standard_spelling(word: str) -> str:
    """A lower-case word in its standard spelling (metamodel/data/padanan_kata.yaml `ejaan`: perijinan -> perizinan)."""
    return word_variants().spelling.get(word, word)


def compared_text(text: str) -> str:
    """A normalised text as two texts are compared: each synonym as the first of its group (aparatur -> pegawai)."""
    synonyms = word_variants().synonyms
    return " ".join(synonyms.get(w, w) for w in text.split())


def not_telling_in(words: list[str]) -> frozenset[str]:
    """The words of a name that only name a place, programme or version (MPP, PATEN, versi 2): left out of it,
    unless nothing else in it tells the job."""
    not_telling = word_variants().not_telling
    found = frozenset(w for w in words if w in not_telling)
    telling = any(w not in not_telling and w not in NAME_NOISE and not w.isdigit() for w in words)
    return found if telling else frozenset()


def shared_use(*texts: str) -> str:
    """The phrase saying an application serves every unit of its government ("Seluruh Perangkat Daerah"), from its
    users column or description (metamodel/data/padanan_kata.yaml `seluruh_pengguna`), or ""."""
    variants = word_variants()
    for text in texts:
        words = _lower_words(text or "")
        for i, word in enumerate(words):
            if word not in variants.everyone:
                continue
            for phrase in variants.every_user:
                if tuple(words[i + 1 : i + 1 + len(phrase)]) == phrase:
                    return " ".join(words[i : i + 1 + len(phrase)])
    return ""


def name_parts(name: str) -> list[str]:
    """The names one cell holds: outside and inside parentheses, and both sides of a bare "A/B"."""
    text = fold(name)
    chunks = [_PAREN.sub(" ", text), *_PAREN.findall(text)]
    parts: list[str] = []
    for chunk in chunks:
        chunk = chunk.strip(" -:;,")
        if not chunk:
            continue
        bare = chunk.split()
        if len(bare) == 1 and "/" in chunk:
            parts += [p for p in chunk.split("/") if p.strip()]
        else:
            parts.append(chunk)
    return parts


@dataclass(frozen=True)
class Owner:
    """Words of the owner that a name or description may carry and that say nothing about the job."""

    place: frozenset[str] = frozenset()  # the IPPD's name without its level word: {"pesawaran"}
    opd_short: frozenset[str] = frozenset()  # the OPD's short name: {"bapenda"}
    opd_phrase: tuple[str, ...] = ()  # the OPD's full name as words: ("dinas", "kesehatan")


def owner_of(ippd_name: str | None, opd_name: str | None, opd_short: str | None) -> Owner:
    place = frozenset(w for w in _lower_words(ippd_name or "") if w not in LEVEL_WORDS and len(w) > 2)
    return Owner(
        place, frozenset(w for w in _lower_words(opd_short or "") if len(w) > 2), tuple(_lower_words(opd_name or ""))
    )


def _lower_words(text: str) -> list[str]:
    return [standard_spelling(w.lower()) for w in _WORD.findall(fold(text))]


def relevant_owner(owner: Owner, text: str) -> Owner:
    """The part of the owner that `text` mentions (so that texts of 600 IPPDs' OPDs share one cache entry)."""
    if not owner.place and not owner.opd_short and not owner.opd_phrase:
        return owner
    lowered = (text or "").lower()
    place = frozenset(p for p in owner.place if p in lowered)
    short = frozenset(p for p in owner.opd_short if p in lowered)
    phrase = owner.opd_phrase if owner.opd_phrase and owner.opd_phrase[-1] in lowered else ()
    if place == owner.place and short == owner.opd_short and phrase == owner.opd_phrase:
        return owner
    return Owner(place, short, phrase)


# Words that name a site rather than a job: "Website Dinas Kesehatan", "Profil Kelurahan Mekar", "Laman Resmi Bappeda".
SITE_WORDS = frozenset(
    {"website", "web", "situs", "portal", "profil", "profile", "laman", "homepage", "blog", "subdomain", "domain"}
)
# Words of a unit's name that say what kind of unit it is, not which one.
UNIT_WORDS = ORGANISATION | frozenset(
    {"dinas", "badan", "kantor", "bagian", "sekretariat", "kecamatan", "kelurahan", "desa", "puskesmas", "rsud"}
)


@lru_cache(maxsize=1 << 16)
def own_site(name: str, owner: Owner, description: str = "") -> bool:
    """The row is only its owner's website: its name ("Website Kecamatan Barat", "Profil Dinkes", or the address
    "simbatan.kab.go.id" of Desa Simbatan) or its description ("Web OPD Desa Simbatan") is made of site words and
    the OPD's own words, at least one of them naming that OPD rather than a kind of unit. Every OPD has one; an
    OPD's site is not another OPD's application."""
    said = f"{name} {description}".lower()
    if "." not in name and not any(word in said for word in SITE_WORDS):
        return False  # most rows: no site word, no address as a name
    return _site_words(name, owner, bool(url_in_name(name))) or _site_words(description, owner, False)


def _site_words(text: str, owner: Owner, is_address: bool) -> bool:
    words = [w for w in _lower_words(text) if w not in URL_WORDS]
    mine = set(owner.opd_phrase) | owner.opd_short | owner.place
    naming = (set(owner.opd_phrase) | owner.opd_short) - UNIT_WORDS - STOPWORDS - LEVEL_WORDS
    allowed = SITE_WORDS | STOPWORDS | LEVEL_WORDS | UNIT_WORDS | mine | {"resmi", "official"}
    return (
        bool(words)
        and (is_address or any(w in SITE_WORDS for w in words))
        and any(w in naming for w in words)
        and all(w in allowed for w in words)
    )


def strip_owner(words: list[str], owner: Owner) -> list[str]:
    """Drop the owner's place and OPD names (and a level word before the place, URL noise).

    A name that would keep only generic words ("Website Dinas Kesehatan" -> "website") keeps its words.
    """
    stripped = _strip_owner(words, owner)
    if any(w not in GENERIC_HEAD and w not in STOPWORDS and w not in LEVEL_WORDS for w in stripped):
        return stripped
    return [w for w in words if w not in URL_WORDS]


def _strip_owner(words: list[str], owner: Owner) -> list[str]:
    words = _drop_phrase(words, owner.opd_phrase) if len(owner.opd_phrase) >= 2 else words
    out: list[str] = []
    for word in words:
        if word in owner.place or word in owner.opd_short or word in URL_WORDS:
            if out and out[-1] in LEVEL_WORDS:
                out.pop()
            continue
        if any(word.startswith(p) and word[len(p) :] in LEVEL_WORDS for p in owner.place):  # serangkab
            continue
        out.append(word)
    while out and out[-1] in LEVEL_WORDS:
        out.pop()
    return out


def _drop_phrase(words: list[str], phrase: tuple[str, ...]) -> list[str]:
    n = len(phrase)
    out: list[str] = []
    i = 0
    while i < len(words):
        if tuple(words[i : i + n]) == phrase:
            i += n
            continue
        out.append(words[i])
        i += 1
    return out


def merge_prefixes(words: list[str]) -> list[str]:
    """'e arsip' -> 'earsip' ("e-Arsip", "E Arsip" and "eArsip" become one word)."""
    out: list[str] = []
    skip = False
    for index, word in enumerate(words):
        if skip:
            skip = False
            continue
        if word in ("e", "m") and index + 1 < len(words) and words[index + 1].isalpha():
            out.append(word + words[index + 1])
            skip = True
        else:
            out.append(word)
    return out


@dataclass(frozen=True)
class NameForm:
    """A name as compared: its words, its short forms, and the expansions it offers."""

    words: tuple[str, ...]  # normalised words of every part, owner words dropped
    shorts: tuple[str, ...]  # words written as short forms (SIMPEG, SiCantik, e-PBB -> "pbb" too)
    expansions: tuple[tuple[str, ...], ...]  # parts of two or more content words, as word tuples
    prefixed: frozenset[str] = frozenset()  # words written with an e- prefix ("earsip")
    leading: tuple[str, ...] = ()  # short forms that open a part ("SIMDA Keuangan", "(SIDUGA)"): the name's own
    parts: tuple[str, ...] = ()  # the key of each part: "SPSE (Sistem Pengadaan ...)": "spse", "sistempengadaan..."
    nicknames: tuple[str, ...] = ()  # a one-word part in parentheses after a phrase: "Antrian Online (Akuwaras)"

    @property
    def key(self) -> str:
        """Equal keys are the same name: case, spaces, hyphens and owner words do not count."""
        return "".join(self.words)

    def text(self, glossary: dict[str, str], with_brands: bool = False) -> str:
        """What the name's similarity is computed on: its words, each abbreviation followed by what it
        stands for, without the words that say nothing about the job ("SIM RS" -> "rs rumah sakit") nor,
        unless `with_brands`, the product's own name beside what it says it does (`brands`)."""
        out: list[str] = []
        for word in self.words:
            out.append(word)
            if word in glossary:
                out += glossary[word].split()
            elif word in self.prefixed:
                out += [word[1:], *glossary.get(word[1:], "").split()]
        telling = [w for w in out if w not in NAME_NOISE]
        said = telling if with_brands else [w for w in telling if w not in self.brands(glossary)]
        return " ".join(said or telling)  # a name of generic words only ("Web GIS", "Website") says nothing

    def brands(self, glossary: dict[str, str]) -> frozenset[str]:
        """Words that only name the product: its nickname in parentheses after a phrase that says the job
        ("Antrian Online (Akuwaras)"). Its identity is compared by the name and short-form signals; what it does,
        by the phrase. ("SIJALAK (Sistem Informasi Jalan Kota)" is a short form and what it stands for: both kept.)"""
        if len(self.expansions) != 1:
            return frozenset()
        phrase = self.expansions[0]
        return frozenset(w for w in self.nicknames if w not in glossary and w not in phrase)


def name_form(name: str, owner: Owner = Owner()) -> NameForm:
    words: list[str] = []
    shorts: list[str] = []
    expansions: list[tuple[str, ...]] = []
    prefixed: set[str] = set()
    leading: list[str] = []
    part_keys: list[str] = []
    parts = name_parts(name)
    dropped = not_telling_in(
        [w for part in parts for w in strip_owner([standard_spelling(x.lower()) for x in _WORD.findall(part)], owner)]
    )
    nicknames: list[str] = []
    for number, part in enumerate(parts):
        raw = [piece for w in _WORD.findall(part) for piece in _split_camel_prefix(w)]
        raw = [w for w in raw if standard_spelling(w.lower()) not in dropped]
        if not raw:
            continue
        whole_caps = len(raw) > 1 and all(w.isupper() or w.isdigit() for w in raw)
        lowered = strip_owner([standard_spelling(w.lower()) for w in raw], owner)
        merged = merge_prefixes(lowered)
        prefixed.update(m for m in merged if m not in lowered and m[0] in "em")
        words += merged
        part_keys.append("".join(merged))
        found = _short_forms(raw, merged, whole_caps)
        shorts += found
        leading += [f for f in found if merged and f in (merged[0], merged[0][1:])]
        if number and len(merged) == 1 and len(words) > 1:
            nicknames.append(merged[0])
        content = [w for w in merged if w not in STOPWORDS]
        if len(content) >= 2:
            expansions.append(tuple(merged))
    return NameForm(
        tuple(words),
        tuple(dict.fromkeys(shorts)),
        tuple(dict.fromkeys(expansions)),
        frozenset(prefixed),
        tuple(dict.fromkeys(leading)),
        tuple(dict.fromkeys(k for k in part_keys if k)),
        tuple(nicknames),
    )


def _split_camel_prefix(word: str) -> list[str]:
    """ "eArsip" -> ["e", "Arsip"]: a lower-case e- prefix written without its hyphen."""
    if len(word) > 3 and word[0] in "em" and word[1].isupper():
        return [word[0], word[1:]]
    return [word]


def _short_forms(raw: list[str], merged: list[str], whole_caps: bool) -> list[str]:
    """Words of a part that read as short forms: 2+ capitals (SIMPEG, SiCantik), or a one-word part."""
    capitals = {w.lower(): sum(c.isupper() for c in w) for w in raw}
    out = []
    for word in merged:
        if word in NOT_SHORT or not word.isalpha() or not 3 <= len(word) <= 10:
            continue
        base = word[1:] if word[0] in "em" and word[1:] in capitals else word
        caps = capitals.get(word, capitals.get(base, 0))
        single = len(merged) == 1
        if single or (caps >= 2 and not (whole_caps and len(word) > 5)):
            out.append(word)
            if base == word and word[0] == "e" and len(word) >= 4 and word[1] not in VOWELS:
                base = word[1:]  # ESKM: e-SKM
            if base != word and len(base) >= 3:
                out.append(base)  # e-PBB: "epbb" and "pbb"
    return out


# --- short forms against expansions -------------------------------------------------------
def syllable_starts(word: str) -> tuple[int, ...]:
    """Where a piece of a short form may start inside a word: its start, and each consonant before a vowel."""
    starts = [0]
    for i in range(1, len(word) - 1):
        if word[i] not in VOWELS and word[i + 1] in VOWELS:
            starts.append(i)
    return tuple(starts)


def abbreviates(short: str, words: tuple[str, ...], others: frozenset[str] = frozenset()) -> bool:
    """Whether `short` is an Indonesian short form of the phrase `words`.

    The short form is read as pieces, in order, one per word: a word's first letters (1-4), or
    2-4 letters from one of its inner syllables (SIMPEG = SIstem Informasi Manajemen kePEGawaian,
    SIMPATDA = ... pendaPATan DAerah). Stop words and channel words (online, elektronik) may give
    nothing; the first and the last content word must give a piece; one inner content word may be
    skipped when there are four or more (SIMBADA = ... BArang milik DAerah). Leading generic words
    (Sistem Informasi, Aplikasi) may be left out as a whole (e-BPHTB). Words in `others` (the rest
    of the short form's own name: "SIMDA Keuangan") are left out, except the phrase's first word.
    """
    if len(short) < 3:
        return False
    return any(_match(short, variant) for variant in expansion_variants(words, others))


def expansion_variants(words: tuple[str, ...], others: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
    """The phrase as a short form may read it: whole, and without its leading generic words."""
    out = [_without(words, others)]
    head = _head(words)
    if head and len([w for w in words[head:] if w not in STOPWORDS and w not in CHANNEL]) >= 2:
        out.append(_without(words[head:], others))
    return out


def variant_initials(words: tuple[str, ...]) -> set[str]:
    """The letters a short form of this phrase can start with (an index key: exact, not a guess)."""
    out = set()
    for variant in expansion_variants(words):
        content = [w for w in variant if w not in STOPWORDS and w not in CHANNEL]
        if content:
            out.add(content[0][0])
    return out


def _head(words: tuple[str, ...]) -> int:
    i = 0
    while i < len(words) and (words[i] in GENERIC_HEAD or words[i] in STOPWORDS):
        i += 1
    return i if i < len(words) else 0


def _without(words: tuple[str, ...], others: frozenset[str]) -> tuple[str, ...]:
    if not others:
        return words
    keep = next((i for i, w in enumerate(words) if w not in STOPWORDS and w not in CHANNEL), 0)
    return tuple(w for i, w in enumerate(words) if i <= keep or w not in others)


def _match(short: str, words: tuple[str, ...]) -> bool:
    free = [w in STOPWORDS or w in CHANNEL for w in words]
    content = [i for i, f in enumerate(free) if not f]
    if len(content) < 2 or short[0] != words[content[0]][0]:
        return False
    first, last = content[0], content[-1]
    long = (
        len(short) >= 5
    )  # syllable pieces only for longer short forms (SIMPEG), a skipped word for longer still (SIMBADA)
    budget = 1 if len(short) >= 6 and len(content) >= 4 else 0
    return _pieces(short, words, tuple(free), first, last, budget, long)


@lru_cache(maxsize=65536)
def _pieces(
    short: str, words: tuple[str, ...], free: tuple[bool, ...], first: int, last: int, budget: int, syllables: bool
) -> bool:
    def go(pos: int, index: int, skips: int, used: int) -> bool:
        if pos == len(short):
            return index > last and used >= 2
        if index >= len(words):
            return False
        word = words[index]
        for start in syllable_starts(word) if syllables else (0,):
            if start and index == first:
                break  # the short form starts with the first word's first letter
            low = 1 if start == 0 else 2
            for length in range(low, 5):
                end = start + length
                if end > len(word) or pos + length > len(short):
                    break
                if short[pos : pos + length] == word[start:end] and go(pos + length, index + 1, skips, used + 1):
                    return True
        if free[index] and index != first:
            return go(pos, index + 1, skips, used)
        if first < index < last and skips < budget:
            return go(pos, index + 1, skips + 1, used)
        return False

    return go(0, first, 0, 0)


def short_form_of(a: NameForm, b: NameForm) -> str | None:
    """If a short form of `a` is written in or stands for a part of `b`: the pair as text ("SIMPEG = ...")."""
    others = frozenset(a.words) - frozenset(a.shorts) - STOPWORDS
    for short in a.leading:
        for expansion in b.expansions:
            if short in expansion:  # "SIDUGA" and "Sistem Informasi Kependudukan & Keluarga (SIDUGA)"
                if (
                    short in b.shorts
                    and short not in others
                    and any(w != short and w not in NAME_NOISE for w in expansion)
                ):
                    return f"{short.upper()} = {' '.join(expansion)}"
            elif abbreviates(short, expansion, others):
                return f"{short.upper()} = {' '.join(expansion)}"
    return None


# --- descriptions ------------------------------------------------------------------------
def description_words(text: str, owner: Owner = Owner()) -> list[str]:
    words = strip_owner(_lower_words(text), owner)
    return [w for w in merge_prefixes(words) if w not in STOPWORDS and len(w) > 1 and not w.isdigit()]


def char_grams(text: str, sizes: tuple[int, ...]) -> set[str]:
    """Character n-grams inside each word, the word padded with spaces (" arsip " -> " ar", "ars", ...)."""
    grams: set[str] = set()
    for word in text.split():
        padded = f" {word} "
        for n in sizes:
            if len(padded) <= n:
                grams.add(padded)
                continue
            for i in range(len(padded) - n + 1):
                grams.add(padded[i : i + n])
    return grams


_HOST = re.compile(r"^([a-z0-9-]+\.)+[a-z0-9-]+(:\d+)?$|^\d{1,3}(\.\d{1,3}){3}(:\d+)?$")


_HOST_IN_TEXT = re.compile(r"\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b", re.IGNORECASE)


def hosts_of(url: str, name: str) -> tuple[str, ...]:
    """The hosts an application gives: its address's, and any written in its name
    ("magetankab.sipd.kemendagri.go.id & penatausahaan")."""
    found = [normalise_url(url).split("/", 1)[0].split(":", 1)[0]]
    found += [h.lower() for h in _HOST_IN_TEXT.findall(name or "") if "." in h and not h.lower().startswith("www.")]
    found += [h.lower()[4:] for h in _HOST_IN_TEXT.findall(name or "") if h.lower().startswith("www.")]
    return tuple(dict.fromkeys(h for h in found if h and h.count(".") >= 1))


# How an application is reached, as inventories write it in a name or show it by its address.
PLATFORM_WORDS = {
    "android": "Android",
    "ios": "iOS",
    "iphone": "iOS",
    "desktop": "desktop",
    "web": "web",
    "website": "web",
    "mobile": "mobile",
}
STORE_HOSTS = {"play.google.com": "Android", "apps.apple.com": "iOS", "itunes.apple.com": "iOS"}
PRODUCT_NOISE = frozenset(PLATFORM_WORDS) | GENERIC_HEAD | frozenset({"app", "apps", "apk", "versi", "berbasis"})


def product_key(name: str) -> str:
    """A name without the words that say a channel or a kind of application ("Mobile e-Sewaka" -> "esewaka")."""
    words = merge_prefixes([w.lower() for w in _WORD.findall(fold(name))])
    return "".join(w for w in words if w not in PRODUCT_NOISE)


def channel_of(name: str, address: str) -> str:
    """The channel a row stands for: an app store's address, else a platform word of its name, else 'web' for
    a web address; '' when neither tells."""
    host = address.split("/", 1)[0]
    if host in STORE_HOSTS:
        return STORE_HOSTS[host]
    said = [PLATFORM_WORDS[w.lower()] for w in _WORD.findall(fold(name)) if w.lower() in PLATFORM_WORDS]
    if said:
        return said[0]
    return "web" if host else ""


def url_in_name(name: str) -> str:
    """A name that is an address ("infopasar.denpasarkota.go.id", "antrian-disduk.kab.go.id/app"): the address;
    else ''."""
    text = (name or "").strip()
    if not text or " " in text or "." not in text:
        return ""
    address = normalise_url(text)
    host = address.split("/", 1)[0].split(":", 1)[0]
    top = host.rsplit(".", 1)[-1]
    return address if top.isalpha() and len(top) >= 2 else ""


def normalise_url(url: str) -> str:
    """An address as compared: no scheme, www., spaces, case or trailing slash; '' if it is no address."""
    text = re.sub(r"\s+", "", (url or "").strip().lower())
    text = re.sub(r"^[a-z]+://", "", text)
    text = text.removeprefix("www.").rstrip("/")
    host = text.split("/", 1)[0]
    return text if host and _HOST.match(host) else ""
