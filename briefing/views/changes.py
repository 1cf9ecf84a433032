"""What changed between two readings of one dossier: files added, edited and removed."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.index import DocumentIndex


@dataclass(frozen=True)
class DossierChanges:
    """Articles told apart by their file: added, edited (same file, other text) and removed."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def summary(self) -> str:
        """ "2 added, 1 changed" (or "nothing changed"), counting articles."""
        parts = []
        for count, what in ((len(self.added), "added"), (len(self.changed), "changed"), (len(self.removed), "removed")):
            if count:
                parts.append(f"{count:,} {what}")
        return ", ".join(parts) or "nothing changed"


def changes_between(before: DocumentIndex, after: DocumentIndex) -> DossierChanges:
    """How `after` differs from `before`, article by article, matched by file path."""
    old = {a.path: a.text for a in before.articles}
    new = {a.path: a.text for a in after.articles}
    return DossierChanges(
        added=tuple(sorted(p for p in new if p not in old)),
        changed=tuple(sorted(p for p in new if p in old and new[p] != old[p])),
        removed=tuple(sorted(p for p in old if p not in new)),
    )
