"""Analysis quality: briefing's findings scored against hand-made gold and public development sets.

    python benchmarks/quality.py                 # every gold dossier and every development set found
    python benchmarks/quality.py --detail        # also list what each dossier got wrong
    python benchmarks/quality.py --only conll    # one part: dossiers, conll, tbaq, msrp, summaries

Not part of the test suite: the development sets are fetched by hand (benchmarks/quality/SOURCES.md)
and never committed. The gold format is documented in benchmarks/quality/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tomllib
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefing.analysis.entities import build_entities
from briefing.dossier import StateUse, open_dossier
from briefing.ingest.dossier import _layout
from briefing.language.dates import find_dates
from briefing.language.text import tokenize
from briefing.model import Article, Paragraph, Sentence

HERE = Path(__file__).resolve().parent
DOSSIERS = HERE / "quality" / "dossiers"
DATA = HERE / "data"
CONLL_DEV = DATA / "conll2003" / "eng.testa"
TBAQ = DATA / "tbaq"
MSRP_TRAIN = DATA / "msrp" / "msr_paraphrase_train.txt"
HOW_TO_GET = "see benchmarks/quality/SOURCES.md for how to fetch it"

CONLL_KIND = {"person": "PER", "organization": "ORG", "place": "LOC"}


# -- shared arithmetic ---------------------------------------------------------------------


@dataclass
class Tally:
    """Counts behind a precision/recall/F1 figure."""

    correct: int = 0
    found: int = 0
    expected: int = 0

    def add(self, other: Tally) -> None:
        self.correct += other.correct
        self.found += other.found
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Share:
    """How many of some things were right."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.ratio:.0%} ({self.right}/{self.total})"


def fold(text: str) -> str:
    """Text compared without case, accents, quote and dash styles or spacing."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def fold_outlet(name: str | None) -> str:
    """An outlet's name compared under its best-known spelling ("AP" and "The Associated Press" agree)."""
    from briefing.language.gazetteer import gazetteer

    name = (name or "").strip()
    known = gazetteer().organizations
    name = known.get(name) or known.get(re.sub(r"^[Tt]he ", "", name)) or name
    return re.sub(r"^the ", "", fold(name))


def initials(name: str | None) -> str:
    """ "aap" for "Australian Associated Press": an outlet is often known by its initials."""
    return "".join(w[0] for w in fold(name or "").split() if w not in ("the", "of", "and"))


# -- own gold dossiers ---------------------------------------------------------------------


@dataclass
class DossierScore:
    name: str
    articles: int = 0
    entities: Tally = field(default_factory=Tally)
    titles: Share = field(default_factory=Share)
    headline_in_text: int = 0
    """Articles whose story still opens with its own headline."""
    dates: Share = field(default_factory=Share)
    invented_dates: int = 0
    outlets: Share = field(default_factory=Share)
    expressions: Share = field(default_factory=Share)
    facts_found: Share = field(default_factory=Share)
    """Gold key facts that a key fact of briefing states, from two or more of the gold's files (issue 12)."""
    lookalikes_grouped: Share = field(default_factory=Share)
    """Look-alike pairs whose two statements briefing groups as one fact (issue 12; lower is better)."""
    differences_found: Share = field(default_factory=Share)
    """Gold differences that a reported difference shows two of the variants of (issue 12)."""
    differences_real: Share = field(default_factory=Share)
    """Reported differences that show two variants of a gold difference (issue 12)."""
    issues_found: Share = field(default_factory=Share)
    """Gold issues that a proposed issue names as a topic (issue 12)."""
    issues_tracked: Share = field(default_factory=Share)
    """Gold issues that a proposed issue tracks: half its sentences or more hold the gold's signals."""
    bare_issue_names: int = 0
    """Proposed issues named by one word that names no gold issue ("members", "union")."""
    outlet_parties: int = 0
    """Issue positions whose party is an outlet or news agency (issue 12; 0 wanted)."""
    events_found: Share = field(default_factory=Share)
    """Gold key events among the timeline's most salient events, with their date (issue 12)."""
    cuts: int = 0
    """Sentences cut mid-clause in the brief ("…"), outside its sources list (issue 12)."""
    must_mention: Share = field(default_factory=Share)
    """Gold essentials the brief mentions (issue 12)."""
    title_story: Share = field(default_factory=Share)
    """Whether the derived dossier title names the story (shares two content words with the gold subject)."""
    story_kept: Share = field(default_factory=Share)
    """Gold date expressions (all of them story text) still in the cleaned story."""
    furniture: Share = field(default_factory=Share)
    """right = phrases still in the story (lower is better)."""
    misses: list[str] = field(default_factory=list)


def score_dossier(folder: Path) -> DossierScore:
    gold = tomllib.loads((folder / "gold.toml").read_text(encoding="utf-8"))
    index = open_dossier([folder / "articles"], state=StateUse.NONE).index
    score = DossierScore(folder.name)
    by_file = {Path(a.path).name: a for a in index.articles}
    for expected in gold.get("article", []):
        article = by_file.get(expected["file"])
        score.articles += 1
        if article is None:
            score.misses.append(f"{expected['file']}: not loaded")
            for _ in ("titles", "dates", "outlets"):
                getattr(score, _).add(False)
            continue
        _score_metadata(score, expected, article)
        _score_expressions(score, expected, article, index.dates)
        for phrase in expected.get("furniture", []):
            left = fold(phrase) in fold(article.text)
            score.furniture.add(left)
            if left:
                score.misses.append(f"{expected['file']}: furniture left: {phrase!r}")
    score.entities = _score_entities(gold.get("entity", []), index.entities, score.misses)
    _score_facts(score, gold, index)
    _score_differences(score, gold, index)
    _score_issues(score, gold, index)
    _score_tracked_issues(score, gold, index)
    _score_events(score, gold, index)
    _score_brief(score, gold, index)
    return score


# How many of the timeline's most salient events count as "on the timeline": what the
# brief and the app's timeline lead with.
KEY_EVENTS = 12


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def _variant_matches(gold: str, said: str, kind: str) -> bool:
    """Whether a reported variant is the gold variant: one holds the other, or (figures) the same numbers."""
    # A spelling difference can be only an accent ("Arregi"/"Arregui" aside, "Iñaki"/"Inaki"):
    # compare spellings without folding accents away.
    norm = (lambda t: " ".join(t.split()).casefold()) if kind == "spelling" else fold
    g, s = norm(gold), norm(said)
    if not g or not s:
        return False
    if kind == "spelling":
        # A spelling is a name: the reported word must be one of the gold spelling's words or all of it.
        return s == g or s in g.split() or g in s.split()
    if g in s or (len(s) >= 2 and s in g):
        return True
    # "May 26" is "26 May (2026-05-26)": the gold's words, in any order.
    if set(re.findall(r"\w+", g)) <= set(re.findall(r"\w+", s)):
        return True
    numbers = _numbers(gold)
    return kind == "figure" and bool(numbers) and numbers <= _numbers(said)


def _shows(gold: dict, discrepancy) -> bool:
    """Whether a reported difference shows two different gold variants, each by a different variant."""
    variants = gold["variants"]
    matched = [
        {i for i, g in enumerate(variants) if _variant_matches(g, v.text, gold["kind"])} for v in discrepancy.variants
    ]
    # Two reported variants that name two different gold variants.
    return any(
        a != b and i != j
        for n, x in enumerate(matched)
        for y in matched[n + 1 :]
        for i in x
        for j in y
        for a, b in ((i, j),)
    )


def _score_differences(score: DossierScore, gold: dict, index) -> None:
    wanted = gold.get("difference", [])
    for difference in wanted:
        found = any(_shows(difference, d) for d in index.discrepancies)
        score.differences_found.add(found)
        if not found:
            score.misses.append(f"difference not found: {difference['about']} {difference['variants']}")
    for d in index.discrepancies:
        real = any(_shows(difference, d) for difference in wanted)
        score.differences_real.add(real)
        if not real:
            score.misses.append(f"difference reported that is not one: {d.about}: {[v.text for v in d.variants][:4]}")


def _largest_matching(fits: list[list[int]]) -> dict[int, int]:
    """Each proposal (by number) matched to at most one gold issue and each gold issue to at most
    one proposal: the largest such matching, so that the order of the gold's issues does not matter.
    `fits[g]` lists the proposals that fit gold issue `g`; the result maps proposal to gold issue."""
    named_by: dict[int, int] = {}

    def assign(g: int, seen: set[int]) -> bool:
        for n in fits[g]:
            if n not in seen:
                seen.add(n)
                if n not in named_by or assign(named_by[n], seen):
                    named_by[n] = g
                    return True
        return False

    for g in range(len(fits)):
        assign(g, set())
    return named_by


def _score_tracked_issues(score: DossierScore, gold: dict, index) -> None:
    """Proposed issues against the gold's by what they track rather than what they are called:
    a proposal tracks a gold issue when at least half of the sentences it collects hold one of
    that issue's signals (as a word or the start of one)."""
    proposed = [i for i in index.issues if i.proposed]
    golds = gold.get("issue", [])
    collected = [{(m.article, m.start) for m in issue.mentions} for issue in proposed]
    fits: list[list[int]] = []
    for issue in golds:
        patterns = [re.compile(r"(?<!\w)" + re.escape(fold(signal)), re.IGNORECASE) for signal in issue["signals"]]
        signalled = {
            (a.id, s.start)
            for a in index.articles
            for s in a.sentences
            if any(p.search(fold(a.text[s.start : s.end])) for p in patterns)
        }
        fits.append(
            [
                n
                for n, sentences in enumerate(collected)
                if sentences and len(sentences & signalled) * 2 >= len(sentences)
            ]
        )
    matched = set(_largest_matching(fits).values())
    for g in range(len(golds)):
        score.issues_tracked.add(g in matched)


def _score_issues(score: DossierScore, gold: dict, index) -> None:
    """Proposed issues against the gold's: a proposal names a gold issue when every content word of
    its name is among the gold issue's name and signals, and it is a topic phrase (two or more
    content words) or the head of the gold's own name ("recount" for "Ottapalam recount")."""
    proposed = [i for i in index.issues if i.proposed]
    golds = gold.get("issue", [])
    names = [_content_words(candidate.name) for candidate in proposed]
    fits: list[list[int]] = []
    for issue in golds:
        name_words = _content_words(issue["name"])
        words = name_words | {w for signal in issue["signals"] for w in _content_words(signal)}
        fits.append(
            [n for n, mine in enumerate(names) if mine and mine <= words and (len(mine) >= 2 or mine & name_words)]
        )
    named_by = _largest_matching(fits)
    matched = set(named_by.values())
    for g, issue in enumerate(golds):
        score.issues_found.add(g in matched)
        if g not in matched:
            score.misses.append(f"issue not proposed: {issue['name']!r}")
    claimed = set(named_by)
    gold_words = {w for issue in gold.get("issue", []) for w in _content_words(issue["name"])}
    for n, candidate in enumerate(proposed):
        if n not in claimed:
            score.misses.append(f"proposed issue that names no gold issue: {candidate.name!r}")
            if len(_content_words(candidate.name)) <= 1 and not _content_words(candidate.name) & gold_words:
                score.bare_issue_names += 1
    outlets = {fold_outlet(a.source) for a in index.articles if a.source} | {
        fold_outlet(o) for o in ("Reuters", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "PA Media")
    }
    for issue in index.issues:
        for position in issue.positions:
            if fold_outlet(position.side) in outlets:
                score.outlet_parties += 1
                score.misses.append(f"issue party that is an outlet: {position.side!r} on {issue.name!r}")


def _key_events(index, count: int):
    """The timeline's `count` most salient events."""
    from briefing.views.brief import _timeline

    return _timeline(index.events, count)


def _score_events(score: DossierScore, gold: dict, index) -> None:
    events = _key_events(index, KEY_EVENTS)
    for wanted in gold.get("event", []):
        words = _content_words(wanted["what"])
        found = False
        for event in events:
            if event.date != wanted["date"]:
                continue
            said = _content_words(event.summary)
            for m in event.evidence[:3]:
                said |= _content_words(index.article(m.article).text[m.start : m.end])
            found = len(said & words) >= 2
            if found:
                break
        score.events_found.add(found)
        if not found:
            score.misses.append(f"key event not on the timeline: {wanted['date']} {wanted['what'][:60]!r}")


def _score_brief(score: DossierScore, gold: dict, index) -> None:
    from briefing.language.text import stopwords
    from briefing.views.brief import render_brief

    brief = render_brief(index)
    body = brief.split("\n## Sources", 1)[0]
    score.cuts = body.count("\u2026")
    for line in body.splitlines():
        if "\u2026" in line:
            score.misses.append(f"brief cuts mid-clause: {line[:100]!r}")
    folded = fold(brief)
    for term in gold.get("brief", {}).get("must_mention", []):
        said = fold(term) in folded
        score.must_mention.add(said)
        if not said:
            score.misses.append(f"brief does not mention {term!r}")
    if index.title_derived:
        subject = _content_words(gold.get("dossier", {}).get("subject", ""))
        names_story = len(_content_words(index.title) & subject) >= 2 and any(
            w.islower() and w not in stopwords() for w in re.findall(r"[^\W\d_]{3,}", index.title)
        )
        score.title_story.add(names_story)
        if not names_story:
            score.misses.append(f"title does not name the story: {index.title!r}")


def _content_words(text: str) -> set[str]:
    from briefing.language.text import stem, stopwords

    stops = stopwords()
    return {stem(w) for w in re.findall(r"[^\W_]+", text.lower()) if w not in stops and len(w) > 2}


def _best_sentence(index, text: str) -> tuple[int, int] | None:
    """(article, sentence start) of the sentence that says most nearly what `text` says."""
    wanted = _content_words(text)
    best, where = 0.0, None
    for article in index.articles:
        for sentence in article.sentences:
            words = _content_words(article.text[sentence.start : sentence.end])
            if words and wanted:
                overlap = len(words & wanted) / len(words | wanted)
                if overlap > best:
                    best, where = overlap, (article.id, sentence.start)
    return where if best >= 0.3 else None


def _score_facts(score: DossierScore, gold: dict, index) -> None:
    """Key facts found and look-alikes grouped, by which sentences each system fact quotes."""
    by_file = {Path(a.path).name: a.id for a in index.articles}
    fact_sentences = [
        {
            (m.article, index.article(m.article).sentence_at(m.start).start)
            for m in f.evidence
            if index.article(m.article).sentence_at(m.start)
        }
        for f in index.facts
    ]
    quoted = [[_content_words(index.article(m.article).text[m.start : m.end]) for m in f.evidence] for f in index.facts]
    for fact in gold.get("fact", []):
        files = {by_file[f] for f in fact.get("files", []) if f in by_file}
        wanted = _content_words(fact["text"])
        # Stated: one of the sentences a system fact quotes says nearly what the gold says,
        # and the fact rests on two or more of the articles the gold names.
        found = any(
            len(set(f.sources) & files) >= 2 and any(w and len(w & wanted) / len(w | wanted) >= 0.3 for w in words)
            for f, words in zip(index.facts, quoted, strict=True)
        )
        score.facts_found.add(found)
        if not found:
            score.misses.append(f"key fact not found: {fact['text'][:70]!r}")
    for pair in gold.get("lookalike", []):
        a, b = _best_sentence(index, pair["a"]), _best_sentence(index, pair["b"])
        grouped = a is not None and b is not None and a != b and any(a in s and b in s for s in fact_sentences)
        score.lookalikes_grouped.add(grouped)
        if grouped:
            score.misses.append(f"look-alikes grouped as one fact: {pair['a'][:50]!r} / {pair['b'][:50]!r}")


def _score_metadata(score: DossierScore, expected: dict, article: Article) -> None:
    name = expected["file"]
    title_ok = (
        (article.title_derived or not article.title)
        if not expected["title"]
        else (not article.title_derived and fold(article.title) == fold(expected["title"]))
    )
    score.titles.add(title_ok)
    first = article.text.split("\n\n", 1)[0]
    if expected["title"] and fold(first) == fold(expected["title"]):
        score.headline_in_text += 1
        score.misses.append(f"{name}: the story opens with its headline again")
    if not title_ok:
        score.misses.append(f"{name}: title {article.title!r}, gold {expected['title']!r}")
    found = article.published.isoformat() if article.published else ""
    score.dates.add(found == expected["date"])
    if found != expected["date"]:
        score.misses.append(
            f"{name}: date {found or 'none'} ({article.published_from}), gold {expected['date'] or 'none'}"
        )
        if found and not expected["date"]:
            score.invented_dates += 1
    outlet_ok = fold_outlet(article.source) == fold_outlet(expected["outlet"]) or (
        bool(expected["outlet"])
        and {initials(article.source), initials(expected["outlet"])}
        & {fold(article.source or ""), fold(expected["outlet"])}
        != set()
    )
    score.outlets.add(outlet_ok)
    if not outlet_ok:
        score.misses.append(f"{name}: outlet {article.source!r}, gold {expected['outlet']!r}")


def _score_expressions(score: DossierScore, expected: dict, article: Article, dates) -> None:
    mine = [d for d in dates if d.article == article.id]
    for wanted in expected.get("date_expression", []):
        value = wanted["value"]
        spots = _spots(article.text, wanted["text"])
        score.story_kept.add(bool(spots))
        if not spots:
            score.misses.append(f"{expected['file']}: story text lost around {wanted['text']!r}")
        resolved = (
            any(
                value in ((d.value or ""), timeml_value(d.value, d.precision))
                for d in mine
                for start, end in spots
                if d.start < end and start < d.end
            )
            if value
            else not any(d.value for d in mine for start, end in spots if d.start < end and start < d.end)
        )
        score.expressions.add(resolved)
        if not resolved:
            got = [f"{d.text!r}={d.value}" for d in mine for start, end in spots if d.start < end and start < d.end]
            score.misses.append(
                f"{expected['file']}: {wanted['text']!r} should be {value or 'unresolved'}, got {got or 'nothing'}"
            )


def _spots(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where a gold expression is in the story, in the story's own offsets (case and spacing free)."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)]


def _score_entities(gold: list[dict], found, misses: list[str]) -> Tally:
    tally = Tally(found=len(found), expected=len(gold))
    gold_forms = [(g["kind"], {fold(f) for f in g["forms"] + [g["name"]]}, g["name"]) for g in gold]
    matched_gold: set[int] = set()
    unmatched = []
    for entity in sorted(found, key=lambda e: -len(e.mentions)):
        spellings = {fold(entity.name), *(fold(a) for a in entity.aliases)}
        hit = next(
            (
                i
                for i, (kind, forms, _) in enumerate(gold_forms)
                if i not in matched_gold and kind == entity.kind and spellings & forms
            ),
            None,
        )
        if hit is None:
            wrong_kind = next((name for kind, forms, name in gold_forms if spellings & forms), None)
            unmatched.append(
                f"{entity.name} ({entity.kind}" + (f"; gold kind differs for {wrong_kind})" if wrong_kind else ")")
            )
            continue
        matched_gold.add(hit)
        tally.correct += 1
    misses.extend(f"entity not in gold: {u}" for u in unmatched)
    misses.extend(
        f"entity missed: {name} ({kind})" for i, (kind, _, name) in enumerate(gold_forms) if i not in matched_gold
    )
    return tally


# -- CoNLL-2003 development split -----------------------------------------------------------

_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "'s", "'", "n't", "%"}


def conll_documents(path: Path):
    """Each document as (sentences of (token, tag)) from a CoNLL-2003 file."""
    document: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                document.append(sentence)
                sentence = []
            continue
        if parts[0] == "-DOCSTART-":
            if document:
                yield document
            document = []
            continue
        sentence.append((parts[0], parts[-1]))
    if sentence:
        document.append(sentence)
    if document:
        yield document


def _spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (first token, last token + 1, kind) from IOB1 or IOB2 tags."""
    spans, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, this = tag.partition("-")
        if start is not None and (tag == "O" or prefix == "B" or this != kind):
            spans.add((start, i, kind))
            start = None
        if tag != "O" and start is None:
            start, kind = i, this
    return {s for s in spans if s[2] in ("PER", "ORG", "LOC")}


def _article_of(paragraphs: list[str], published: dt.date | None = None, article_id: int = 1) -> Article:
    text, paragraph_spans, sentence_spans = _layout([(p, False) for p in paragraphs])
    return Article(
        id=article_id,
        path="conll",
        title="",
        title_derived=True,
        source=None,
        url=None,
        published=published,
        published_from=None,
        text=text,
        paragraphs=tuple(Paragraph(s, e, h) for s, e, h in paragraph_spans),
        sentences=tuple(Sentence(article_id, i, s, e, n, h) for i, (s, e, n, h) in enumerate(sentence_spans)),
        removed=(),
    )


def score_conll(path: Path) -> tuple[Tally, Counter]:
    tally, confusions = Tally(), Counter()
    for document in conll_documents(path):
        paragraphs, starts, ends, tags = [], [], [], []
        offset = 0
        for sentence in document:
            line = ""
            for token, tag in sentence:
                if line and token not in _NO_SPACE_BEFORE and not line.endswith("("):
                    line += " "
                starts.append(offset + len(line))
                line += token
                ends.append(offset + len(line))
                tags.append(tag)
            paragraphs.append(line)
            offset += len(line) + 2
        article = _article_of(paragraphs)
        entities = build_entities((article,), {1: tokenize(article.text)})
        by_start = {s: i for i, s in enumerate(starts)}
        by_end = {e: i for i, e in enumerate(ends)}
        found = set()
        for entity in entities:
            for m in entity.mentions:
                first, last = by_start.get(m.start), by_end.get(m.end)
                found.add((first, last + 1 if last is not None else None, CONLL_KIND[entity.kind]))
        gold = _spans(tags)
        tally.found += len(found)
        tally.expected += len(gold)
        tally.correct += len(found & gold)
        gold_by_span = {(s, e): k for s, e, k in gold}
        for s, e, k in found - gold:
            confusions[(k, gold_by_span.get((s, e), "none"))] += 1
    return tally, confusions


# -- TimeBank + AQUAINT (TempEval-3 training) ----------------------------------------------


def timeml_value(value: str | None, precision: str | None) -> str:
    """briefing's (value, precision) written as TimeML writes it: weeks as 1998-W08, quarters as 1998-Q3."""
    if not value:
        return ""
    if precision == "week":
        year, week, _ = dt.date.fromisoformat(value).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "quarter":
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    return value


def _padded_week(value: str | None) -> str:
    """TimeML writes some weeks unpadded ("2000-W7"); ISO pads them ("2000-W07")."""
    match = re.fullmatch(r"(\d{4})-W(\d)", value or "")
    return f"{match.group(1)}-W0{match.group(2)}" if match else (value or "")


def tbaq_documents(folder: Path):
    """Each document as (text, creation date, [(start, end, type, value)])."""
    for path in sorted(folder.rglob("*.tml")):
        root = ElementTree.parse(path).getroot()
        dct = root.find("DCT/TIMEX3")
        created = dt.date.fromisoformat(dct.get("value")[:10]) if dct is not None else None
        body = root.find("TEXT")
        parts: list[str] = []
        timexes: list[tuple[int, int, str | None, str | None]] = []
        _walk_timeml(body, parts, timexes)
        yield "".join(parts), created, timexes


def _walk_timeml(node, parts: list[str], timexes: list[tuple[int, int, str | None, str | None]]) -> None:
    """Append the text under `node` to `parts`, and each TIMEX3 in it to `timexes` as
    (start, end, type, value) in that text."""
    if node.tag == "TIMEX3":
        start = sum(map(len, parts))
        parts.append("".join(node.itertext()))
        timexes.append((start, sum(map(len, parts)), node.get("type"), node.get("value")))
    else:
        parts.append(node.text or "")
        for child in node:
            _walk_timeml(child, parts, timexes)
            parts.append(child.tail or "")


def score_tbaq(folder: Path) -> tuple[Tally, Tally]:
    """(value tally over DATE expressions, span tally) across every document."""
    values, spans = Tally(), Tally()
    for text, created, timexes in tbaq_documents(folder):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        article = _article_of([re.sub(r"\s+", " ", p) for p in paragraphs], created)
        # Gold offsets are in the raw text; map by the folded character stream.
        mapping = _offset_map(text, article.text)
        laid = [(mapping.get(s), mapping.get(e - 1), kind, v) for s, e, kind, v in timexes]
        laid = [(s, e + 1, kind, v) for s, e, kind, v in laid if s is not None and e is not None]
        gold = [(s, e, v) for s, e, kind, v in laid if kind == "DATE"]
        others = [(s, e) for s, e, kind, _ in laid if kind != "DATE"]
        found = [
            d
            for sentence in article.sentences
            for d in find_dates(article.text, created, sentence.start, sentence.end, 1)
        ]
        # Only DATE expressions are scored: an expression on a TIME or DURATION the gold marks
        # ("Friday morning" is a TIME there) is neither right nor spurious here.
        found = [
            d
            for d in found
            if not any(d.start < e and s < d.end for s, e in others)
            or any(d.start < e and s < d.end for s, e, _ in gold)
        ]
        values.found += len(found)
        values.expected += len(gold)
        spans.found += len(found)
        spans.expected += len(gold)
        used: set[int] = set()
        for start, end, value in gold:
            for i, d in enumerate(found):
                if i not in used and d.start < end and start < d.end:
                    used.add(i)
                    spans.correct += 1
                    values.correct += timeml_value(d.value, d.precision) == _padded_week(value)
                    break
    return values, spans


def _offset_map(raw: str, laid_out: str) -> dict[int, int]:
    """Raw offset → laid-out offset for every non-space character (both keep them in order)."""
    mapping, j = {}, 0
    for i, char in enumerate(raw):
        if char.isspace():
            continue
        while j < len(laid_out) and laid_out[j] != char:
            j += 1
        if j < len(laid_out):
            mapping[i] = j
            j += 1
    return mapping


# -- MSRP: do two news sentences state the same thing? (issue 12) -------------------------


def msrp_pairs(path: Path) -> list[tuple[bool, str, str]]:
    """(same, sentence 1, sentence 2) for every pair of the Microsoft Research Paraphrase Corpus file."""
    pairs = []
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) == 5:
            pairs.append((parts[0] == "1", parts[3], parts[4]))
    return pairs


def score_msrp(path: Path, batch: int = 200) -> tuple[Tally, Tally, Tally]:
    """(key-fact grouping, word-overlap baseline, word overlap at the grouping's recall) as paraphrase decisions.

    Pairs are read in batches as one dossier of one-sentence articles, so that word weights
    come from a realistic number of articles; a pair is "the same fact" when both sentences
    end up in one key fact. The baseline calls a pair the same when its content words overlap
    by a Jaccard of 0.5 or more; the third tally is the same baseline with its threshold set
    where its recall first reaches the grouping's, so the two precisions compare at one recall.
    """
    from briefing.analysis import claims
    from briefing.language.text import stopwords

    grouping, overlap = Tally(), Tally()
    jaccards: list[tuple[float, bool]] = []
    pairs = msrp_pairs(path)
    stops = stopwords()
    for start in range(0, len(pairs), batch):
        chunk = pairs[start : start + batch]
        articles = tuple(
            _article_of([sentence], article_id=2 * n + side + 1)
            for n, (_, first, second) in enumerate(chunk)
            for side, sentence in enumerate((first, second))
        )
        tokens = {a.id: tokenize(a.text) for a in articles}
        entities = build_entities(articles, tokens)
        facts = claims.build_facts(articles, tokens, entities)
        fact_of: dict[int, int] = {}
        for number, fact in enumerate(facts):
            for source in fact.sources:
                fact_of.setdefault(source, number)
        for n, (same, first, second) in enumerate(chunk):
            a, b = 2 * n + 1, 2 * n + 2
            said = a in fact_of and fact_of.get(a) == fact_of.get(b)
            words = [{w for w in re.findall(r"\w+", x.lower()) if w not in stops} for x in (first, second)]
            union = words[0] | words[1]
            jaccard = len(words[0] & words[1]) / len(union) if union else 0.0
            jaccards.append((jaccard, same))
            baseline = jaccard >= 0.5
            for tally, decision in ((grouping, said), (overlap, baseline)):
                tally.found += decision
                tally.expected += same
                tally.correct += decision and same
    # The baseline's threshold is lowered one Jaccard value at a time, taking every pair at
    # that value together: ordering tied pairs by their label would flatter it.
    at_recall = Tally(expected=grouping.expected)
    by_value = Counter(j for j, _ in jaccards)
    same_at = Counter(j for j, same in jaccards if same)
    for value in sorted(by_value, reverse=True):
        if at_recall.recall >= grouping.recall:
            break
        at_recall.found += by_value[value]
        at_recall.correct += same_at[value]
    return grouping, overlap, at_recall


# -- the table -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="list what each dossier got wrong")
    parser.add_argument("--only", choices=("dossiers", "conll", "tbaq", "msrp", "summaries"))
    parser.add_argument(
        "--dossiers",
        type=Path,
        default=DOSSIERS,
        metavar="DIR",
        help="score the gold dossiers in DIR instead (e.g. a held-out set)",
    )
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, str]] = []
    if args.only in (None, "dossiers"):
        rows += dossier_rows(args.detail, args.dossiers)
    if args.only in (None, "conll"):
        if CONLL_DEV.exists():
            tally, confusions = score_conll(CONLL_DEV)
            rows.append(
                (
                    "CoNLL-2003 dev: PER/ORG/LOC exact spans, F1",
                    f"{tally.f1:.3f} (P {tally.precision:.3f}, R {tally.recall:.3f})",
                    "≥ 0.70 (spaCy en_core_web_sm ≈ 0.60)",
                )
            )
            if args.detail:
                for (kind, gold), n in confusions.most_common(8):
                    print(f"  CoNLL wrong: said {kind}, gold {gold}: {n}")
        else:
            print(f"CoNLL-2003 development split not found at {CONLL_DEV}: {HOW_TO_GET}", file=sys.stderr)
    if args.only in (None, "tbaq"):
        if TBAQ.exists():
            values, spans = score_tbaq(TBAQ)
            rows.append(
                (
                    "TBAQ DATE expressions: value F1",
                    f"{values.f1:.3f} (P {values.precision:.3f}, R {values.recall:.3f})",
                    "≥ 0.80 (HeidelTime 0.776 on TE-3)",
                )
            )
            rows.append(("TBAQ DATE expressions: span F1 (overlap)", f"{spans.f1:.3f}", ""))
        else:
            print(f"TBAQ-cleaned not found at {TBAQ}: {HOW_TO_GET}", file=sys.stderr)
    if args.only in (None, "msrp"):
        if MSRP_TRAIN.exists():
            grouping, overlap, at_recall = score_msrp(MSRP_TRAIN)
            said_same = grouping.found / max(1, len(msrp_pairs(MSRP_TRAIN)))
            rows.append(
                (
                    "MSRP train: key facts as paraphrase decisions, precision",
                    f"{grouping.precision:.3f} (R {grouping.recall:.3f}; {said_same:.0%} of pairs called the same)",
                    f"≥ 0.85 and > word overlap at the same recall: {at_recall.precision:.3f} "
                    f"(at Jaccard ≥ 0.5: P {overlap.precision:.3f}, R {overlap.recall:.3f})",
                )
            )
        else:
            print(f"MSRP training split not found at {MSRP_TRAIN}: {HOW_TO_GET}", file=sys.stderr)
    if args.only in (None, "summaries"):
        # Beside this script: the brief's prose scored with ROUGE against human summaries.
        from summaries import summary_rows

        rows += summary_rows(limit=500)
    width = max(len(r[0]) for r in rows) if rows else 0
    value_width = max(len(r[1]) for r in rows) if rows else 0
    print(f"| {'measure'.ljust(width)} | {'now'.ljust(value_width)} | target |")
    print(f"| {'-' * width} | {'-' * value_width} | --- |")
    for measure, value, target in rows:
        print(f"| {measure.ljust(width)} | {value.ljust(value_width)} | {target} |")
    return 0


def dossier_rows(detail: bool, root: Path = DOSSIERS) -> list[tuple[str, str, str]]:
    folders = sorted(p for p in root.iterdir() if (p / "gold.toml").exists()) if root.exists() else []
    if not folders:
        print(f"no gold dossiers in {root}", file=sys.stderr)
        return []
    scores = [score_dossier(folder) for folder in folders]
    rows = []
    for s in scores:
        rows.append(
            (
                f"{s.name} ({s.articles} articles): entities F1",
                f"{s.entities.f1:.2f} (P {s.entities.precision:.2f}, R {s.entities.recall:.2f})",
                "≥ 0.85",
            )
        )
        if detail:
            for miss in s.misses:
                print(f"  {s.name}: {miss}")
    entities, titles, dates, outlets, expressions, furniture, kept = (
        Tally(),
        Share(),
        Share(),
        Share(),
        Share(),
        Share(),
        Share(),
    )
    facts_found, lookalikes = Share(), Share()
    diff_found, diff_real, issues_found, events_found, must, titled = (
        Share(),
        Share(),
        Share(),
        Share(),
        Share(),
        Share(),
    )
    tracked = Share()
    for s in scores:
        entities.add(s.entities)
        for total, part in (
            (titles, s.titles),
            (dates, s.dates),
            (outlets, s.outlets),
            (expressions, s.expressions),
            (furniture, s.furniture),
            (kept, s.story_kept),
            (facts_found, s.facts_found),
            (lookalikes, s.lookalikes_grouped),
            (diff_found, s.differences_found),
            (diff_real, s.differences_real),
            (issues_found, s.issues_found),
            (events_found, s.events_found),
            (must, s.must_mention),
            (titled, s.title_story),
            (tracked, s.issues_tracked),
        ):
            total.right += part.right
            total.total += part.total
    invented = sum(s.invented_dates for s in scores)
    articles = sum(s.articles for s in scores)
    rows += [
        (
            f"all {len(scores)} dossiers ({articles} articles): entities F1",
            f"{entities.f1:.2f} (P {entities.precision:.2f}, R {entities.recall:.2f})",
            "≥ 0.85",
        ),
        ("titles right", str(titles), "≥ 95%"),
        ("stories that open with their headline again", str(sum(s.headline_in_text for s in scores)), "0"),
        ("publication dates right", f"{dates} ({invented} invented)", "≥ 95%, 0 invented"),
        ("outlets right", str(outlets), "≥ 95%"),
        ("date expressions resolved", str(expressions), "≥ 85%"),
        ("furniture phrases left in the story", str(furniture), "≤ 5%"),
        ("story kept (gold date expressions still in the text)", str(kept), "100%"),
        ("key facts found (issue 12)", str(facts_found), "≥ 75%"),
        ("look-alike pairs grouped as one fact (issue 12)", str(lookalikes), "0"),
        ("differences found (issue 12)", str(diff_found), "≥ 75%"),
        ("reported differences that are real (issue 12)", str(diff_real), "≥ 85%"),
        ("open issues proposed that an analyst tracks, by name (issue 12)", str(issues_found), "≥ 75%"),
        ("open issues proposed that an analyst tracks, by the sentences collected", str(tracked), "≥ 75%"),
        ("proposed issues named by a bare word", str(sum(s.bare_issue_names for s in scores)), "0"),
        ("issue parties that are outlets", str(sum(s.outlet_parties for s in scores)), "0"),
        (f"key events among the timeline's {KEY_EVENTS} most salient (issue 12)", str(events_found), "≥ 80%"),
        ("brief: sentences cut mid-clause", str(sum(s.cuts for s in scores)), "0"),
        ("brief: essentials mentioned", str(must), "≥ 90%"),
        ("dossier titles that name the story", str(titled), "all"),
    ]
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
