"""IDs for elements an exchange file gives without one: the next free number of the kind's prefix, per IPPD."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from metamodel.ids import id_number_key


class IdAssigner:
    """Hands out A.012 after A.011, counting the IDs of the file and of the repository (per IPPD)."""

    def __init__(self, taken: Iterable[tuple[str, str]]):
        self.highest: dict[tuple[str, str], int] = defaultdict(
            int
        )  # (ippd, prefix such as "A" or "I.PKS") -> highest number
        for ippd, element_id in taken:
            key = id_number_key(element_id)
            if key:
                self.highest[(ippd, key[0])] = max(self.highest[(ippd, key[0])], key[1])

    def next_id(self, ippd: str, example: str) -> str:
        """The next ID shaped like the kind's example (metamodel `id_example`: A.001, I.PKS.001)."""
        prefix, _, digits = example.rpartition(".")
        self.highest[(ippd, prefix)] += 1
        return f"{prefix}.{self.highest[(ippd, prefix)]:0{len(digits)}d}"
