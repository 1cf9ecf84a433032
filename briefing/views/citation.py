"""Quoting the dossier with its sources: "text" (Outlet, 27 Feb 2025, URL).

One place for the citation a reader copies out of the app, so a quote pasted into an
e-mail says where it came from the same way wherever it was copied.
"""

from __future__ import annotations

from briefing.index import DocumentIndex
from briefing.model import Article, Mention
from briefing.views.labels import human_date


def source_line(article: Article) -> str:
    """Outlet, date and address of an article, as far as they are known."""
    parts = [
        article.source or "unknown source",
        human_date(article.published.isoformat() if article.published else None),
    ]
    if article.url:
        parts.append(article.url)
    return ", ".join(parts)


def quoted(index: DocumentIndex, mentions: list[Mention] | tuple[Mention, ...], text: str | None = None) -> str:
    """`text` (by default the first mention's words) in quotes, then the source of every
    article the mentions come from, each once, in dossier order."""
    if not mentions:
        return text or ""
    first = mentions[0]
    words = text if text is not None else index.article(first.article).text[first.start : first.end]
    articles = sorted({m.article for m in mentions})
    sources = "; ".join(f"[{n}] {source_line(index.article(n))}" for n in articles)
    return f"\u201c{words.strip()}\u201d ({sources})"
