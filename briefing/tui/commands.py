"""Command palette entries for the dossier: open an article, go to an entity or an issue."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from briefing.tui.screens.main import MainScreen

Candidate = tuple[str, str, Callable[[], object]]
"""What the palette shows (text, help) and what choosing it does."""


class DossierCommands(Provider):
    """Articles, entities and issues of the open dossier, by name."""

    def _candidates(self) -> list[Candidate]:
        screen = self.screen  # the screen the palette was opened from
        if not isinstance(screen, MainScreen) or screen.index is None:
            return []
        index = screen.index
        candidates: list[Candidate] = []
        for article in index.articles:
            candidates.append(
                (f"Open article: {article.title}", article.source or "", partial(screen.open_article, article.id))
            )
        for entity in index.entities:
            candidates.append(
                (
                    f"Go to {entity.kind}: {entity.name}",
                    f"{len(entity.mentions)} mentions",
                    partial(screen.go_to, entity),
                )
            )
        for issue in index.issues:
            candidates.append((f"Go to open issue: {issue.name}", issue.status, partial(screen.go_to, issue)))
        return candidates

    async def discover(self) -> Hits:
        for text, help_text, callback in self._candidates()[:20]:
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._candidates():
            score = matcher.match(text)
            if score > 0:
                # Titles are article text: shown as plain Content, never parsed as markup.
                yield Hit(score, Content(text), callback, text=text, help=help_text)
