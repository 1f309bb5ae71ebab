"""Weights, thresholds and candidate limits of a redundancy run: defaults, and a YAML file to change them.

threshold: 0.5            # a pair whose score reaches this is redundant
national-threshold: 0.6   # ... and this for a local application and a national one (compared under many names)
weights:                  # what each signal adds to the score when it fires
  same-name: 0.4          #   the same name twice in one IPPD (listed twice)
  url: 0.5                #   the same address (scheme, www., case and a trailing / aside)
  name: 0.5               #   x the names' similarity (TF-IDF cosine of character 3-grams)
  short-form: 0.45        #   one name is a short form of the other (SIMPEG / Sistem Informasi Manajemen Kepegawaian)
  description: 0.5        #   x the similarity of description + function (character 4-grams)
  different-description: 0.15  # taken off when both have a description and they are unlike
  function: 0.25          #   both say a term of the same government function (kearsipan, pengaduan, ...:
                          #   metamodel/data/aplikasi_umum.yaml); x1.5 for two shared terms, x2 for three or more
  reference: 0.1          #   x (1 - share of applications with the code): the same reference code
  reference-prefix: 0.05  #   ... only the same parent code
  services: 0.2           #   x Jaccard of the supported services (by ID in one IPPD, by code across IPPDs)
  data: 0.15              #   x Jaccard of the data used
  footprint: 0.15         #   a same service, a same server and the same reference code, in one IPPD
across-ippds: 0.5         # services and data across IPPDs are compared by reference code: weaker
minimum:                  # below these similarities the signal does not fire
  name: 0.5
  description: 0.3
  different-description: 0.2  # descriptions less similar than this are unlike; sharing no telling word besides,
                              #   they veto a like-name match of two local applications (names, addresses differ)
  same-description: 0.62  # descriptions of two OPDs of one IPPD this similar, with a telling word in common,
                          #   say the same job: the description signal adds its whole weight
candidates:               # the fast path (blocking); the score of a pair does not depend on these
  neighbours: 40          #   nearest names and descriptions looked at per distinct text
  sample: 3               #   applications standing for a text shared by many, against each similar text
  similarity: 0.3         #   ... at least this similar on the rarer n-grams
  common: 0.05            #   n-grams in more than this share of distinct texts are not index keys
  block: 50               #   a service, data item or reference code shared by more applications is not a block
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message

SIGNALS = (
    "same-name",
    "url",
    "name",
    "short-form",
    "description",
    "different-description",
    "function",
    "reference",
    "reference-prefix",
    "services",
    "data",
    "footprint",
)
DEFAULT_WEIGHTS = {
    "same-name": 0.4,
    "url": 0.5,
    "name": 0.5,
    "short-form": 0.45,
    "description": 0.5,
    "different-description": 0.15,
    "function": 0.25,
    "reference": 0.1,
    "reference-prefix": 0.05,
    "services": 0.2,
    "data": 0.15,
    "footprint": 0.15,
}
DEFAULT_MINIMUM = {"name": 0.5, "description": 0.3, "different-description": 0.2, "same-description": 0.62}


@dataclass(frozen=True)
class Candidates:
    neighbours: int = 40
    sample: int = 3
    similarity: float = 0.3
    common: float = 0.05
    block: int = 50


@dataclass(frozen=True)
class Settings:
    """One run's scoring and candidate settings (the defaults are documented in the module and README)."""

    threshold: float = 0.5
    national_threshold: float = 0.6
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    across_ippds: float = 0.5
    minimum: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MINIMUM))
    candidates: Candidates = Candidates()

    def weight(self, signal: str) -> float:
        return self.weights[signal]

    def as_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "national-threshold": self.national_threshold,
            "weights": dict(self.weights),
            "across-ippds": self.across_ippds,
            "minimum": dict(self.minimum),
            "candidates": {f.name: getattr(self.candidates, f.name) for f in fields(Candidates)},
        }

    def with_threshold(self, threshold: float | None) -> Settings:
        if threshold is None:
            return self
        if not 0 < threshold <= 1:
            raise ConfigError(Message("setting_number_range", name="threshold", range="(0, 1]", got=threshold))
        return replace(
            self, threshold=threshold, national_threshold=min(1.0, threshold + self.national_threshold - self.threshold)
        )


def settings_from(mapping: dict | None) -> Settings:
    """Settings from a mapping (a parsed YAML file); every problem is collected and raised together."""
    mapping = dict(mapping or {})
    problems: list[Message] = []
    known = {"threshold", "national-threshold", "weights", "across-ippds", "minimum", "candidates"}
    problems += [
        Message("setting_unknown", name=repr(k), known=", ".join(sorted(known))) for k in mapping if k not in known
    ]
    threshold = _number(mapping.get("threshold", 0.5), "threshold", problems, low=0.0, high=1.0, open_low=True)
    national = _number(
        mapping.get("national-threshold", 0.6), "national-threshold", problems, low=0.0, high=1.0, open_low=True
    )
    weights = dict(DEFAULT_WEIGHTS)
    for name, value in (mapping.get("weights") or {}).items():
        if name not in DEFAULT_WEIGHTS:
            problems.append(Message("signal_unknown", section="weights", name=repr(name), known=", ".join(SIGNALS)))
        else:
            weights[name] = _number(value, f"weights.{name}", problems, low=0.0, high=1.0)
    minimum = dict(DEFAULT_MINIMUM)
    for name, value in (mapping.get("minimum") or {}).items():
        if name not in DEFAULT_MINIMUM:
            known_minimum = ", ".join(DEFAULT_MINIMUM)
            problems.append(Message("signal_unknown", section="minimum", name=repr(name), known=known_minimum))
        else:
            minimum[name] = _number(value, f"minimum.{name}", problems, low=0.0, high=1.0)
    across = _number(mapping.get("across-ippds", 0.5), "across-ippds", problems, low=0.0, high=1.0)
    candidates = _candidates(mapping.get("candidates") or {}, problems)
    if problems:
        raise ConfigError([*problems])
    return Settings(threshold, national, weights, across, minimum, candidates)


def _candidates(raw: dict, problems: list[Message]) -> Candidates:
    default = Candidates()
    values: dict[str, Any] = {}  # whole numbers and fractions, by field
    for name, value in raw.items():
        if name not in {f.name for f in fields(Candidates)}:
            problems.append(Message("setting_unknown_in", section="candidates", name=repr(name)))
        elif name in ("neighbours", "sample", "block"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                problems.append(Message("setting_whole_number", name=f"candidates.{name}", minimum=1, got=repr(value)))
            else:
                values[name] = value
        else:
            values[name] = _number(value, f"candidates.{name}", problems, low=0.0, high=1.0)
    return replace(default, **values)


def _number(
    value: Any, name: str, problems: list[Message], *, low: float, high: float, open_low: bool = False
) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(Message("setting_not_number", name=name, got=repr(value)))
        return 0.0
    if value < low or value > high or (open_low and value == low):
        interval = f"{'(' if open_low else '['}{low:g}, {high:g}]"  # notation, the same in both languages
        problems.append(Message("setting_number_range", name=name, range=interval, got=value))
    return float(value)


def load_settings(path: Path | str | None) -> Settings:
    """The defaults, or the defaults changed by a YAML file."""
    if path is None:
        return Settings()
    try:
        text = Path(path).read_text(encoding="utf-8")
        mapping = yaml.safe_load(text)
    except FileNotFoundError:
        raise ConfigError(Message("file_missing", path=path)) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        # the detail is the reader's (OS, codec or YAML library) own words
        raise ConfigError(Message("settings_file_unreadable", path=path, detail=str(exc))) from None
    if mapping is not None and not isinstance(mapping, dict):
        raise ConfigError(Message("settings_file_not_mapping", path=path))
    return settings_from(mapping)
