"""The one-page Markdown brief: the index as an analyst would hand it to a colleague.

One page is at most 600 words (see `brief_words`). The brief is assembled with
generous lists and then trimmed, least important material first, until it fits.
Article text is escaped so that nothing in it can become Markdown markup.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from briefing.core.index import DocumentIndex
from briefing.core.model import Article, Discrepancy, Entity, Event

if TYPE_CHECKING:  # the state module brings sqlite3, which a brief without state never needs
    from briefing.core.state import DossierState
from briefing.core.text import excerpt, shorten, without_discourse_opener, word_count

MAX_WORDS = 600

_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: str) -> str:
    """Article-derived text made safe to place inside Markdown: every markup character escaped."""
    return _MD_SPECIAL_RE.sub(r"\\\1", " ".join(text.split()))


# A claim that 1,300 articles make is cited by its first few; the count says the rest.
MAX_CITATIONS = 5


def cite(sources: tuple[int, ...] | list[int]) -> str:
    """Numbered citations such as [1][3], at most MAX_CITATIONS of them and a count of the rest."""
    numbers = sorted(set(sources))
    shown = "".join(f"[{n}]" for n in numbers[:MAX_CITATIONS])
    return shown + (f" +{len(numbers) - MAX_CITATIONS} more" if len(numbers) > MAX_CITATIONS else "")


def cited_numbers(sources: tuple[int, ...] | list[int]) -> list[int]:
    """The source numbers `cite` shows."""
    return sorted(set(sources))[:MAX_CITATIONS]


def brief_words(markdown: str) -> int:
    """Words in a brief as a reader counts them: a link counts as one word, markup as none."""
    return word_count(re.sub(r"<[a-z]+://[^>\s]+>", "link", markdown))


def human_date(value: str | None, precision: str | None = "day") -> str:
    """"2025-02-27" → "27 Feb 2025"; months and years as written; quarters "Q3 2025"; None → "undated"."""
    if not value:
        return "undated"
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if precision == "quarter":
        return f"Q{(int(parts[1]) - 1) // 3 + 1} {parts[0]}"
    month = dt.date(int(parts[0]), int(parts[1]), 1).strftime("%b")
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    text = f"{int(parts[2])} {month} {parts[0]}"
    return f"week of {text}" if precision == "week" else text


@dataclass(slots=True)
class _Budget:
    facts: int = 6
    events: int = 8
    people: int = 6
    differences: int = 6
    notes: int = 8
    all_sources: bool = True


# Trimmed first to last: the analyst's own notes are the last thing to go.
_TRIM_ORDER = ("people", "events", "differences", "facts", "notes")


def render_brief(index: DocumentIndex, state: DossierState | None = None) -> str:
    """The brief for `index`, at most MAX_WORDS words; with the reader's `state`, their notes and stars too."""
    # Listing every source only makes sense for a small dossier.
    budget = _Budget(all_sources=len(index.articles) <= 30)
    floors = _Budget(facts=3, events=5, people=3, differences=3, notes=3, all_sources=False)
    turn = 0
    # Shortening re-renders the brief many times; every piece is made once and reused.
    memo: dict[tuple, object] = {}
    while True:
        text = _render(index, budget, state, memo)
        if brief_words(text) <= MAX_WORDS:
            return text
        # Trim whichever list is longest relative to its floor, in order of least importance.
        if budget.all_sources:
            budget.all_sources = False
            continue
        for name in _TRIM_ORDER:
            if getattr(budget, name) > getattr(floors, name):
                setattr(budget, name, getattr(budget, name) - 1)
                break
        else:
            # Past the floors, one page still wins: shorten the lists in turn, one item each,
            # so that no section is emptied while the others keep their floor.
            for step in range(len(_TRIM_ORDER)):
                name = _TRIM_ORDER[(turn + step) % len(_TRIM_ORDER)]
                if getattr(budget, name) > 0:
                    setattr(budget, name, getattr(budget, name) - 1)
                    turn += step + 1
                    break
            else:
                return text


def _once(memo: dict[tuple, Any], key: tuple, make: Callable[[], Any]) -> Any:
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _with_citations(make: Callable[[set[int]], Any]) -> Callable[[], tuple[Any, frozenset[int]]]:
    """A maker of a piece that also reports the articles it cites, for `_once`."""
    def made() -> tuple[Any, frozenset[int]]:
        cited: set[int] = set()
        return make(cited), frozenset(cited)
    return made


def _render(index: DocumentIndex, budget: _Budget, state: DossierState | None, memo: dict[tuple, Any]) -> str:
    cited: set[int] = set()
    lines: list[str] = [f"# {md_escape(index.title)}", "", _once(memo, ("coverage",), lambda: _coverage(index)), ""]

    bottom, bottom_cited = _once(memo, ("bottom",), _with_citations(lambda into: _bottom_line(index, into)))
    cited |= bottom_cited
    lines += ["## Bottom line", "", bottom, ""]

    notes = _once(memo, ("notes",), lambda: _analyst_notes(index, state) if state else [])
    if notes and budget.notes:
        lines += ["## Analyst notes", ""]
        for line, article_id in notes[: budget.notes]:
            lines.append(line)
            cited.add(article_id)
        if len(notes) > budget.notes:
            lines.append(f"- {len(notes) - budget.notes} more notes and stars are kept in briefing.")
        lines.append("")

    # The most widely reported fact already leads the bottom line; the list goes on from there.
    facts = index.facts[1 : 1 + budget.facts]
    if facts:
        lines += ["## Key facts", ""]
        for number, fact in enumerate(facts, start=1):
            text = _once(memo, ("fact", number), lambda fact=fact: md_escape(shorten(without_discourse_opener(fact.text), 24)))
            lines.append(f"{number}. {text} {cite(fact.sources)}")
            cited.update(cited_numbers(fact.sources))
        lines.append("")

    if index.issues:
        table, table_cited = _once(memo, ("issues",), _with_citations(lambda into: _issue_rows(index, into)))
        cited |= table_cited
        lines += ["## Open issues", "", "| Issue | Status | Latest development | Sources |", "| --- | --- | --- | --- |"]
        lines += table
        lines.append("")

    events = _timeline(index.events, budget.events)
    if events:
        lines += ["## Timeline", ""]
        for event in events:
            lines.append(_once(memo, ("event", event.date, event.precision, event.summary), lambda event=event: (
                f"- **{human_date(event.date, event.precision)}**: {md_escape(event.summary)} {cite(event.sources)}")))
            cited.update(cited_numbers(event.sources))
        lines.append("")

    people = _people(index.entities, budget.people)
    if people:
        lines += ["## People", ""]
        for person in people:
            lines.append(_once(memo, ("person", person.id), lambda person=person: _person_line(person)))
            cited.update(cited_numbers(person.articles))
        lines.append("")

    differences = _differences(index.discrepancies, budget.differences)
    if differences:
        lines += ["## Where sources differ", ""]
        for number, difference in enumerate(differences):
            lines.append(_once(memo, ("difference", number), lambda difference=difference: _difference_line(difference)))
            for variant in difference.variants:
                cited.update(cited_numbers(variant.sources))
        lines.append("")

    lines += ["## Sources", ""]
    shown = [a for a in index.articles if budget.all_sources or a.id in cited]
    for article in shown:
        lines.append(_once(memo, ("source", article.id), lambda article=article: _source_line(article)))
    if len(shown) < len(index.articles):
        lines.append("")
        lines.append(f"{len(index.articles) - len(shown)} further articles are not cited above.")
    return "\n".join(lines).rstrip() + "\n"


def _source_line(article: Article) -> str:
    source = md_escape(article.source) if article.source else "Source not identified"
    title = md_escape(shorten(article.title, 10)) + (" (title derived)" if article.title_derived else "")
    title += "" if title.endswith((".", "?", "!", "\u2026")) else "."
    url = f" <{article.url}>" if article.url and _safe_url(article.url) else ""
    return f"{article.id}. {title} {source}, {human_date(article.published.isoformat() if article.published else None)}.{url}"


def _issue_rows(index: DocumentIndex, cited: set[int]) -> list[str]:
    """The open-issues table's rows, one an issue."""
    rows = []
    for issue in index.issues:
        latest = "not reported"
        if issue.latest:
            article = index.article(issue.latest.article)
            focus = _issue_focus(issue, article.text)
            piece = excerpt(article.text, issue.latest.start, issue.latest.end, *focus, 14)
            latest = f"{human_date(issue.latest_date)}: {md_escape(piece)}"
        label = md_escape(issue.name) + (" (proposed)" if issue.proposed else "")
        rows.append(f"| {label} | {md_escape(issue.status)} | {latest} | {cite(issue.articles)} |")
        cited.update(cited_numbers(issue.articles))
    return rows


def _analyst_notes(index: DocumentIndex, state: DossierState) -> list[tuple[str, int]]:
    """(line, article cited) for each note on an article, note on a sentence, starred sentence
    and starred article, in that order."""
    lines = []
    for article in index.articles:
        mine = state.of(article.id)
        if mine.note:
            star = "\u2605 " if mine.starred else ""
            lines.append((f"- {star}Note on \u201c{md_escape(shorten(article.title, 10))}\u201d [{article.id}]: "
                          f"{md_escape(shorten(mine.note, 45))}", article.id))
    for noted in state.sentence_notes():
        # A starred sentence with a note is said once, on its note's line, as starred articles are.
        star = "\u2605 " if state.is_starred_sentence(noted.article, noted.text) else ""
        lines.append((f"- {star}Note on the sentence \u201c{md_escape(shorten(noted.text, 20))}\u201d [{noted.article}]: "
                      f"{md_escape(shorten(noted.note, 45))}", noted.article))
    for sentence in state.starred_sentences():
        if state.sentence_note(sentence.article, sentence.text):
            continue
        kind = {"fact": "Key fact", "issue": "On an open issue"}.get(sentence.kind, "Marked")
        lines.append((f"- \u2605 {kind}: {md_escape(shorten(sentence.text, 30))} [{sentence.article}]", sentence.article))
    for article in index.articles:
        mine = state.of(article.id)
        if mine.starred and not mine.note:
            lines.append((f"- \u2605 Starred: \u201c{md_escape(shorten(article.title, 14))}\u201d [{article.id}]", article.id))
    return lines


def _safe_url(url: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>]+", url))


def _coverage(index: DocumentIndex) -> str:
    count = len(index.articles)
    sources = index.sources()
    parts = [f"{count} article{'s' if count != 1 else ''}"]
    if sources:
        parts.append(f"{len(sources)} identified outlet{'s' if len(sources) != 1 else ''} ({md_escape(', '.join(sources))})")
    span = index.date_span()
    if span:
        parts.append(human_date(span[0]) if span[0] == span[1] else f"{human_date(span[0])} to {human_date(span[1])}")
    undated = sum(1 for a in index.articles if not a.published)
    if undated:
        parts.append(f"{undated} undated")
    return "*" + " · ".join(parts) + "*"


def _bottom_line(index: DocumentIndex, cited: set[int]) -> str:
    sentences = []
    dated = [a for a in index.articles if a.published]
    if dated:
        newest = dated[-1]
        lead = next((s for s in newest.sentences if not s.heading), None)
        if lead:
            text = newest.text[lead.start : lead.end]
            sentences.append(f"Latest ({human_date(newest.published.isoformat())}): {md_escape(shorten(text, 26))} {cite([newest.id])}")  # type: ignore[union-attr]
            cited.add(newest.id)
    if index.facts:
        top = index.facts[0]
        sentences.append(
            f"Most widely reported ({len(top.sources)} of {len(index.articles)} articles): "
            f"{md_escape(shorten(top.text, 22))} {cite(top.sources)}"
        )
        cited.update(cited_numbers(top.sources))
    wants = _what_each_side_wants(index)
    if wants:
        sentences.append(wants)
    return " ".join(sentences) if sentences else "The articles give too little text to summarise."


def _issue_focus(issue, text: str) -> tuple[int, int]:
    """Where in the latest sentence the issue's news is: the action if one is stated, else the signal."""
    from briefing.core.topics import ACTIONS

    start, end = issue.latest.start, issue.latest.end
    for _, pattern in ACTIONS:
        match = pattern.search(text, start, end)
        if match:
            return match.start(), match.end()
    lowered = text[start:end].lower()
    for signal in issue.signals:
        at = lowered.find(signal.lower()[:5])
        if at >= 0:
            return start + at, start + at + len(signal)
    return start, start


def _what_each_side_wants(index: DocumentIndex) -> str:
    """One sentence: for each side, the issues it raised, proposed or demanded, and what was agreed."""
    by_side: dict[str, dict[str, str]] = {}
    agreed: list[str] = []
    for issue in index.issues:
        for position in issue.positions:
            if position.action == "agreed" and position.side == "both sides":
                if issue.name not in agreed:
                    agreed.append(issue.name)
            elif position.action in ("demanded", "proposed", "raised", "rejected"):
                by_side.setdefault(position.side, {}).setdefault(issue.name, position.action)
    parts = []
    for side, issues in sorted(by_side.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]:
        listed = ", ".join(f"{md_escape(name)} ({action})" for name, action in issues.items())
        parts.append(f"{md_escape(side)}: {listed}")
    if agreed:
        parts.append("both sides agreed on steps for " + ", ".join(md_escape(a) for a in agreed))
    return ("Positions: " + "; ".join(parts) + ".") if parts else ""


def _timeline(events: tuple[Event, ...], limit: int) -> list[Event]:
    """The `limit` events that move the story most, shown oldest first."""
    from briefing.core.timeline import most_salient

    return most_salient(events, limit)


def _people(entities: tuple[Entity, ...], limit: int) -> list[Entity]:
    people = [e for e in entities if e.kind == "person" and (e.roles or len(e.articles) >= 2)]
    return people[:limit]


def _person_line(person: Entity) -> str:
    from briefing.core.entities import ROLE_WORDS

    name = f"**{md_escape(person.name)}**"
    surname = person.name.split()[-1]
    spellings = [a for a in person.aliases if a.split()[-1] != surname]
    full = [a for a in spellings if len(a.split()) > 1] or spellings
    if full:
        name += " (also " + ", ".join(md_escape(s) for s in full[:2]) + ")"
    # Up to two roles that say different things: "head of ... department" and "ambassador".
    roles: list[str] = []
    kinds: list[frozenset[str]] = []
    # The most widely given roles first; among equals, the fuller wording.
    for role in sorted(person.roles, key=lambda r: (-len(r.articles), -len(r.text.split()), r.articles)):
        kind = frozenset(w for w in role.text.lower().split() if w in ROLE_WORDS)
        fuller = next((i for i, r in enumerate(roles) if r.lower() in role.text.lower()), None)
        if fuller is not None:
            roles[fuller] = role.text  # "Deputy Assistant Secretary of State" → "... for Russia and Central Europe"
            continue
        if kind in kinds or any(role.text.lower() in r.lower() for r in roles):
            continue
        roles.append(role.text)
        kinds.append(kind)
        if len(roles) == 2:
            break
    role_text = ": " + "; ".join(md_escape(shorten(r, 10)) for r in roles) if roles else ""
    return f"- {name}{role_text} {cite(person.articles)}"


_KIND_ORDER = {"figure": 0, "date": 1, "spelling": 2, "role": 3, "quote": 4}


def _differences(discrepancies: tuple[Discrepancy, ...], limit: int) -> list[Discrepancy]:
    ranked = sorted(discrepancies, key=lambda d: (_KIND_ORDER.get(d.kind, 9), -sum(len(v.sources) for v in d.variants)))
    return ranked[:limit]


def _difference_line(difference: Discrepancy) -> str:
    variants = " · ".join(
        f"{md_escape(shorten(v.text, 9))} {cite(v.sources)}" for v in difference.variants[:3]
    )
    about = difference.about[:1].upper() + difference.about[1:]
    return f"- **{md_escape(about)}**: {variants}"


def default_filename(index: DocumentIndex, today: dt.date | None = None) -> str:
    """A file name for the brief: the dossier's title and today's date."""
    today = today or dt.date.today()
    slug = re.sub(r"[^a-z0-9]+", "-", index.title.lower()).strip("-")[:60].strip("-") or "briefing"
    return f"{slug}-{today.isoformat()}.md"
