"""The whole index as JSON-ready data, for scripts (`briefing json`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.index import DocumentIndex
from briefing.model import Mention

if TYPE_CHECKING:  # the state module brings sqlite3, which JSON without state never needs
    from briefing.store.state import DossierState

_UNREAD = {"read": False, "starred": False, "note": "", "new": False, "updated": False}


def _mention(m: Mention) -> dict[str, int]:
    return {"article": m.article, "start": m.start, "end": m.end}


def index_to_dict(index: DocumentIndex, state: DossierState | None = None) -> dict[str, Any]:
    """Every article, entity, date, event, issue, fact and difference; offsets index into each article's `text`.

    With the reader's `state`, each article says whether it is read, starred, new or
    updated and carries its note; facts and issues say whether they gained a source since
    the previous visit; starred sentences and notes on sentences are listed.
    """

    def reading(article_id: int) -> dict[str, Any]:
        if state is None:
            return _UNREAD
        mine = state.of(article_id)
        return {"read": mine.read, "starred": mine.starred, "note": mine.note, "new": mine.new, "updated": mine.updated}

    new_facts = set(state.new_facts()) if state else set()
    new_issues = set(state.new_issues()) if state else set()
    return {
        "title": index.title,
        "title_derived": index.title_derived,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "title_derived": a.title_derived,
                "source": a.source,
                "url": a.url,
                "author": a.author,
                "published": a.published.isoformat() if a.published else None,
                "published_from": a.published_from,
                "words": a.words,
                "removed_lines": len(a.removed),
                "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
                "notes": list(a.notes),
                **reading(a.id),
                "text": a.text,
                "paragraphs": [{"start": p.start, "end": p.end, "heading": p.heading} for p in a.paragraphs],
                "sentences": [{"start": s.start, "end": s.end, "heading": s.heading} for s in a.sentences],
            }
            for a in index.articles
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "roles": [{"text": r.text, "articles": list(r.articles)} for r in e.roles],
                "key_roles": list(e.key_roles),
                "mentions": [_mention(m) for m in e.mentions],
            }
            for e in index.entities
        ],
        "dates": [
            {
                "article": d.article,
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "value": d.value,
                "precision": d.precision,
                "relative": d.relative,
                "note": d.note,
            }
            for d in index.dates
        ],
        "events": [
            {
                "date": e.date,
                "precision": e.precision,
                "summary": e.summary,
                "sources": list(e.sources),
                "salience": round(e.salience, 4),
                "evidence": [_mention(m) for m in e.evidence],
            }
            for e in index.events
        ],
        "issues": [
            {
                "name": i.name,
                "signals": list(i.signals),
                "proposed": i.proposed,
                "status": i.status,
                "latest": _mention(i.latest) if i.latest else None,
                "latest_date": i.latest_date,
                "latest_focus": list(i.latest_focus) if i.latest_focus else None,
                "positions": [
                    {"side": p.side, "action": p.action, "date": p.date, "evidence": _mention(p.evidence)}
                    for p in i.positions
                ],
                "mentions": [_mention(m) for m in i.mentions],
                "new": i.name in new_issues,
            }
            for i in index.issues
        ],
        "facts": [
            {
                "text": f.text,
                "sources": list(f.sources),
                "evidence": [_mention(m) for m in f.evidence],
                "related": [_mention(m) for m in f.related],
                "new": n in new_facts,
            }
            for n, f in enumerate(index.facts)
        ],
        "discrepancies": [
            {
                "about": d.about,
                "kind": d.kind,
                "variants": [
                    {"text": v.text, "sources": list(v.sources), "evidence": [_mention(m) for m in v.evidence]}
                    for v in d.variants
                ],
            }
            for d in index.discrepancies
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in index.skipped],
        "starred_sentences": [
            {
                "article": s.article,
                "kind": s.kind,
                "text": s.text,
                "start": s.start,
                "end": s.start + len(s.text) if s.start is not None else None,
            }
            for s in (state.starred_sentences() if state else [])
        ],
        "sentence_notes": [
            {
                "article": n.article,
                "text": n.text,
                "note": n.note,
                "start": n.start,
                "end": n.start + len(n.text) if n.start is not None else None,
            }
            for n in (state.sentence_notes() if state else [])
        ],
    }
