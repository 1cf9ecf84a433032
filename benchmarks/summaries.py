"""The brief's prose as a summary: ROUGE against human summaries of multi-outlet news clusters.

    python benchmarks/summaries.py                 # 500 validation clusters of Multi-News
    python benchmarks/summaries.py --limit 100     # fewer, quicker
    python benchmarks/quality.py --only summaries  # the same, as part of the quality table

Each cluster's source articles become one dossier; briefing's brief is rendered and its prose
(bottom line, key facts, timeline) is scored with ROUGE-1/2/L F1 against the cluster's human
summary, beside two extractive baselines cut to the same number of words for that cluster:
LexRank (Erkan & Radev 2004) and Lead (each article's first sentence in turn). Only the
validation split is read (benchmarks/quality/SOURCES.md says how to get it); no test split is
ever fetched or scored. ROUGE comes from the `rouge-score` package (`pip install -e .[bench]`).
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefing.dossier import StateUse, open_dossier
from briefing.language.text import stopwords
from briefing.model import Article
from briefing.views.brief import render_brief

HERE = Path(__file__).resolve().parent
MULTINEWS = HERE / "data" / "multinews"
VAL_SOURCES = MULTINEWS / "val.src"
VAL_SUMMARIES = MULTINEWS / "val.tgt"
HOW_TO_GET = "see benchmarks/quality/SOURCES.md for how to fetch it"
NO_ROUGE = "the rouge-score package is needed: pip install -e '.[bench]'"

# Multi-News joins a cluster's articles with this mark and writes each line break as a word.
ARTICLE_SEPARATOR = "|||||"
LINE_BREAK_WORD = "NEWLINE_CHAR"

# The brief's sections that are prose about the story; the rest are tables, lists of names
# and sources, which no summary would contain.
PROSE_SECTIONS = ("Bottom line", "Key facts", "Timeline")


@dataclass(frozen=True, slots=True)
class Cluster:
    """One multi-document news story and the summary a person wrote of it."""

    articles: tuple[str, ...]
    """The source articles' texts, line breaks kept."""
    summary: str
    """The human summary."""


@dataclass(frozen=True, slots=True)
class Rouge:
    """ROUGE F1 of one summary against its reference."""

    rouge1: float
    rouge2: float
    rouge_l: float


@dataclass
class SystemScore:
    """ROUGE F1 of one summariser, summed over clusters."""

    name: str
    rouge1: float = 0.0
    rouge2: float = 0.0
    rouge_l: float = 0.0
    clusters: int = 0

    def add(self, score: Rouge) -> None:
        self.rouge1 += score.rouge1
        self.rouge2 += score.rouge2
        self.rouge_l += score.rouge_l
        self.clusters += 1

    def mean(self, value: float) -> float:
        return 100 * value / self.clusters if self.clusters else 0.0


@dataclass
class SummaryReport:
    """Everything the table shows."""

    systems: list[SystemScore]
    """briefing's prose, LexRank and Lead over every cluster."""
    with_prose: list[SystemScore]
    """The same over the clusters whose brief had prose: ROUGE of the prose where there is some."""
    clusters: int = 0
    """Clusters scored."""
    prose_words: int = 0
    """Words of briefing's prose, summed over clusters."""
    reference_words: int = 0
    """Words of the human summaries, summed over clusters."""
    without_prose: int = 0
    """Clusters whose brief had no prose (every article skipped, or too little text)."""
    articles_skipped: int = 0
    """Source articles briefing did not read (no story text left after cleaning)."""
    seconds: float = 0.0
    """Time taken, briefs and baselines and scoring together."""
    examples: list[tuple[str, str, str]] = field(default_factory=list)
    """(prose, LexRank, reference) of the first few clusters, for --show."""


# -- reading the data ----------------------------------------------------------------------


def read_clusters(sources: Path, summaries: Path, limit: int | None = None) -> list[Cluster]:
    """The first `limit` clusters of a Multi-News split: one cluster a line in each file."""
    clusters = []
    with sources.open(encoding="utf-8") as src, summaries.open(encoding="utf-8") as tgt:
        for source_line, summary_line in zip(src, tgt, strict=True):
            articles = tuple(a for a in (_article_text(part) for part in source_line.split(ARTICLE_SEPARATOR)) if a)
            summary = summary_line.replace(LINE_BREAK_WORD, " ").strip().lstrip("\u2013- ").strip()
            if articles and summary:
                clusters.append(Cluster(articles, summary))
            if limit is not None and len(clusters) >= limit:
                break
    return clusters


def _article_text(part: str) -> str:
    lines = (line.strip() for line in part.split(LINE_BREAK_WORD))
    return "\n\n".join(line for line in lines if line)


def import_multinews_plus(chunks: list[Path], out: Path) -> int:
    """Write Multi-News+ validation records as Multi-News's val.src / val.tgt; the count written.

    Multi-News+ (Choi et al. 2024) republishes Multi-News in JSON files of 100 records with
    each record's split. Only validation records are accepted: a file holding anything else
    is refused whole, so a misnamed test file can never become part of the measure.
    """
    records = []
    for path in chunks:
        batch = json.loads(path.read_text(encoding="utf-8"))
        splits = {record["split"] for record in batch}
        if splits != {"val"}:
            raise SystemExit(f"{path} holds records of {sorted(splits)}, not only validation: refused")
        records += batch
    records.sort(key=lambda record: record["idx"])
    out.mkdir(parents=True, exist_ok=True)
    with (
        (out / "val.src").open("w", encoding="utf-8") as src,
        (out / "val.tgt").open("w", encoding="utf-8") as tgt,
    ):
        for record in records:
            # The original articles, not Multi-News+'s cleansed selection: briefing must cope
            # with an off-topic article in a cluster as a user's folder would have one.
            articles = [" ".join(a.split()) for a in record["raw_document"]]
            src.write(f" {ARTICLE_SEPARATOR} ".join(articles) + "\n")
            tgt.write(" ".join(record["summary"].split()) + "\n")
    return len(records)


# -- briefing's prose ----------------------------------------------------------------------

_CITATIONS_RE = re.compile(r"(?:\[\d+\])+(?: \+\d+ more)?")
_ESCAPE_RE = re.compile(r"\\(.)")
_LIST_MARK_RE = re.compile(r"^(?:\d+\.|-)\s+")
# The bottom line's framing words, not the story's: "Latest (4 Mar 2026):",
# "Most widely reported (3 of 5 articles):", "Positions:".
_FRAMING_RE = re.compile(r"(?:Latest \([^)]*\)|Most widely reported \(\d+ of \d+ articles?\)|Positions):\s*")
# What the bottom line says when it has nothing to say: the brief's words, not the story's.
_NOTHING_TO_SAY = "The articles give too little text to summarise."


def prose_of(markdown: str) -> str:
    """The brief's prose as plain text: its prose sections without markup, citations or framing."""
    lines, keep = [], False
    for line in markdown.splitlines():
        if line.startswith("## "):
            keep = line[3:].strip() in PROSE_SECTIONS
            continue
        if keep and line.strip():
            lines.append(plain_line(line))
    return " ".join(line for line in lines if line)


def plain_line(line: str) -> str:
    """One brief line without list marks, bold, citations, escapes and framing labels."""
    line = _LIST_MARK_RE.sub("", line.strip())
    line = _CITATIONS_RE.sub("", line).replace("**", "")
    line = _ESCAPE_RE.sub(r"\1", line)
    line = _FRAMING_RE.sub("", line).replace(_NOTHING_TO_SAY, "")
    return " ".join(line.split())


def brief_of(cluster: Cluster) -> tuple[str, tuple[Article, ...], int]:
    """(brief, the articles briefing read, articles it skipped) for one cluster.

    The articles are saved as text files in a fresh folder and opened the way a user opens a
    dossier, so the measure includes cleaning, as the product does.
    """
    with tempfile.TemporaryDirectory(prefix="multinews-") as folder:
        for number, text in enumerate(cluster.articles, start=1):
            (Path(folder) / f"{number:02d}.txt").write_text(text + "\n", encoding="utf-8")
        index = open_dossier([folder], state=StateUse.NONE).index
    if not index.articles:
        return "", (), len(index.skipped)
    return render_brief(index), index.articles, len(index.skipped)


# -- the baselines -------------------------------------------------------------------------


def sentences_of(articles: tuple[Article, ...]) -> list[list[str]]:
    """Each article's story sentences (headings left out), as briefing segmented them."""
    return [[a.text[s.start : s.end] for s in a.sentences if not s.heading] for a in articles]


def first_words(text: str, words: int) -> str:
    """`text` cut after `words` words."""
    return " ".join(text.split()[:words])


def lead(articles: list[list[str]], words: int) -> str:
    """Lead for several articles: every article's first sentence, then every second one, …"""
    chosen: list[str] = []
    count, depth = 0, 0
    while count < words and any(depth < len(sentences) for sentences in articles):
        for sentences in articles:
            if depth < len(sentences) and count < words:
                chosen.append(sentences[depth])
                count += len(sentences[depth].split())
        depth += 1
    return first_words(" ".join(chosen), words)


# LexRank's settings as Erkan & Radev (2004) give them: an edge where the cosine of two
# sentences' TF-IDF vectors reaches 0.1, a damping of 0.85.
EDGE_COSINE = 0.1
DAMPING = 0.85
# A sentence this close to one already chosen says the same again: skip it (redundancy check).
REDUNDANT_COSINE = 0.5
_WORD_RE = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")


def lexrank(articles: list[list[str]], words: int) -> str:
    """LexRank's most central sentences, in the articles' order, cut to `words` words."""
    sentences = [s for article in articles for s in article]
    if not sentences or words <= 0:
        return ""
    vectors = _tfidf_vectors(sentences)
    n = len(sentences)
    neighbours = [[j for j in range(n) if j != i and _cosine(vectors[i], vectors[j]) >= EDGE_COSINE] for i in range(n)]
    rank = [1.0 / n] * n
    for _ in range(100):
        new = [(1 - DAMPING) / n] * n
        for i, linked in enumerate(neighbours):
            if linked:
                share = DAMPING * rank[i] / len(linked)
                for j in linked:
                    new[j] += share
            else:  # a sentence like no other hands its weight to all alike
                for j in range(n):
                    new[j] += DAMPING * rank[i] / n
        done = sum(abs(a - b) for a, b in zip(new, rank, strict=True)) < 1e-8
        rank = new
        if done:
            break
    chosen: list[int] = []
    count = 0
    for i in sorted(range(n), key=lambda i: (-rank[i], i)):
        if count >= words:
            break
        if any(_cosine(vectors[i], vectors[j]) > REDUNDANT_COSINE for j in chosen):
            continue
        chosen.append(i)
        count += len(sentences[i].split())
    return first_words(" ".join(sentences[i] for i in sorted(chosen)), words)


def _tfidf_vectors(sentences: list[str]) -> list[dict[str, float]]:
    """Each sentence's TF-IDF weights, with IDF over the cluster's sentences; stopwords left out."""
    stops = stopwords()
    bags = [Counter(w for w in _WORD_RE.findall(s.lower()) if w not in stops) for s in sentences]
    frequency = Counter(w for bag in bags for w in bag)
    n = len(sentences)
    vectors = []
    for bag in bags:
        vector = {w: tf * math.log(n / frequency[w]) + tf * 1e-6 for w, tf in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        vectors.append({w: v / norm for w, v in vector.items()} if norm else {})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


# -- scoring -------------------------------------------------------------------------------


def rouge_scorer():
    """ROUGE-1/2/L with Porter stemming, as in ROUGE-1.5.5 (the `rouge-score` package)."""
    try:
        from rouge_score import rouge_scorer as package
    except ImportError:
        raise SystemExit(NO_ROUGE) from None
    scorer = package.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)

    def score(summary: str, reference: str) -> Rouge:
        if not summary.strip():
            return Rouge(0.0, 0.0, 0.0)
        result = scorer.score(reference, summary)
        return Rouge(result["rouge1"].fmeasure, result["rouge2"].fmeasure, result["rougeL"].fmeasure)

    return score


SYSTEMS = ("briefing prose", "LexRank", "Lead")


def score_summaries(clusters: list[Cluster], show: int = 0) -> SummaryReport:
    """briefing's prose, LexRank and Lead scored on every cluster, the baselines cut to the prose's length."""
    score = rouge_scorer()
    report = SummaryReport([SystemScore(name) for name in SYSTEMS], [SystemScore(name) for name in SYSTEMS])
    started = time.perf_counter()
    for cluster in clusters:
        brief, articles, skipped = brief_of(cluster)
        prose = prose_of(brief)
        words = len(prose.split())
        sentences = sentences_of(articles)
        extracted = lexrank(sentences, words)
        leading = lead(sentences, words)
        scores = [score(text, cluster.summary) for text in (prose, extracted, leading)]
        for system, result in zip(report.systems, scores, strict=True):
            system.add(result)
        if words:
            for system, result in zip(report.with_prose, scores, strict=True):
                system.add(result)
        report.clusters += 1
        report.prose_words += words
        report.reference_words += len(cluster.summary.split())
        report.without_prose += not words
        report.articles_skipped += skipped
        if len(report.examples) < show:
            report.examples.append((prose, extracted, cluster.summary))
    report.seconds = time.perf_counter() - started
    return report


def table(report: SummaryReport) -> list[str]:
    """The report as a Markdown table and a line on lengths."""
    lines = [
        "| summary | clusters | ROUGE-1 | ROUGE-2 | ROUGE-L |",
        "| --- | --- | --- | --- | --- |",
    ]
    for systems, which in ((report.systems, "all"), (report.with_prose, "with prose")):
        for system in systems:
            lines.append(
                f"| {system.name} | {which} ({system.clusters}) | {system.mean(system.rouge1):.1f} "
                f"| {system.mean(system.rouge2):.1f} | {system.mean(system.rouge_l):.1f} |"
            )
    n = max(1, report.clusters)
    lines.append("")
    with_prose = max(1, report.clusters - report.without_prose)
    lines.append(
        f"{report.clusters} clusters; prose {report.prose_words / n:.0f} words on average, "
        f"{report.prose_words / with_prose:.0f} where there is some "
        f"(human summaries {report.reference_words / n:.0f}); {report.without_prose} briefs without prose; "
        f"{report.articles_skipped} articles not read; {report.seconds:.0f} s. "
        "F1 x 100; LexRank and Lead cut to each cluster's prose length."
    )
    return lines


def summary_rows(limit: int) -> list[tuple[str, str, str]]:
    """Rows for benchmarks/quality.py's table; none, with a line saying why, if the data is absent."""
    if not (VAL_SOURCES.exists() and VAL_SUMMARIES.exists()):
        print(f"Multi-News validation split not found at {MULTINEWS}: {HOW_TO_GET}", file=sys.stderr)
        return []
    if importlib.util.find_spec("rouge_score") is None:
        print(f"ROUGE not scored: {NO_ROUGE}", file=sys.stderr)
        return []
    report = score_summaries(read_clusters(VAL_SOURCES, VAL_SUMMARIES, limit))
    rows = []
    for systems, which in ((report.systems, "clusters"), (report.with_prose, "with prose")):
        prose, extracted, leading = (_figures(system) for system in systems)
        count = systems[0].clusters
        words = report.prose_words / max(1, count)
        which = f"{count} {which}"
        rows.append(
            (
                f"Multi-News val, {which}: brief prose ROUGE-1/2/L F1",
                f"{prose} ({words:.0f} words)",
                f"> LexRank {extracted}; Lead {leading} (same length)",
            )
        )
    return rows


def _figures(system: SystemScore) -> str:
    return f"{system.mean(system.rouge1):.1f} / {system.mean(system.rouge2):.1f} / {system.mean(system.rouge_l):.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="clusters to score, from the first (default 500)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print the first N clusters' texts")
    parser.add_argument(
        "--import-multinews-plus",
        nargs="+",
        type=Path,
        metavar="JSON",
        help="convert Multi-News+ validation files into benchmarks/data/multinews and stop",
    )
    args = parser.parse_args(argv)
    if args.import_multinews_plus:
        written = import_multinews_plus(args.import_multinews_plus, MULTINEWS)
        print(f"{written} validation clusters written to {MULTINEWS}")
        return 0
    if not (VAL_SOURCES.exists() and VAL_SUMMARIES.exists()):
        print(f"Multi-News validation split not found at {MULTINEWS}: {HOW_TO_GET}", file=sys.stderr)
        return 1
    report = score_summaries(read_clusters(VAL_SOURCES, VAL_SUMMARIES, args.limit), show=args.show)
    for prose, extracted, reference in report.examples:
        print(f"briefing: {prose}\n\nLexRank: {extracted}\n\nhuman: {reference}\n\n{'-' * 40}\n")
    print("\n".join(table(report)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
