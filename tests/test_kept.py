"""Results kept per catalogue change: computed once, recomputed after any write, never stale."""

from __future__ import annotations

from helpers import doc, organisation

from ea_repo import service
from ea_repo.core.kept import Kept


def test_a_value_is_made_once_per_key_and_the_oldest_falls_out():
    made = []
    kept: Kept[int] = Kept(2)
    for key in ("a", "a", "b", "a", "c", "b"):
        kept.get(key, lambda key=key: made.append(key) or len(made))
    assert made == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came


def test_findings_and_the_overview_follow_every_write(repo):
    admin = service.local_principal()
    service.import_documents(repo, [*organisation("kab"), doc("Application", "A.001", opd="1")], principal=admin)
    first = service.findings(repo, "kab", principal=admin)
    assert service.findings(repo, "kab", principal=admin) is first  # kept: nothing changed
    overview = service.ippd_overview(repo, "kab", principal=admin)
    service.import_documents(repo, [doc("Application", "A.002", opd="9")], principal=admin)  # an unknown OPD
    after = service.findings(repo, "kab", principal=admin)
    assert after is not first and len(after.findings) > len(first.findings)
    assert any(f.rule == "opd-unknown" and f.element == "A.002" for f in after.findings)
    again = service.ippd_overview(repo, "kab", principal=admin)
    assert again is not overview and sum(again.elements["as-is"].values()) == 2
    assert service.show_element(repo, "A.002", principal=admin)[0].findings  # the element page's graph too
