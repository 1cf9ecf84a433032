"""A dossier: the articles read from the paths a user names, plus its briefing.toml."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from briefing.ingest.load import (
    DEFAULT_MAX_BYTES,
    Discovery,
    RawDocument,
    UnreadableEntry,
    UnreadableFile,
    discover,
    display_path,
    fingerprint_of,
    read_documents,
    reading_key,
)
from briefing.memory import collector_paused
from briefing.model import (
    Article,
    DossierConfig,
    IssueConfig,
    Paragraph,
    RemovedLine,
    Sentence,
    Skipped,
    pickled_as_fields,
)

# Reading a file (cleaning, metadata, dates, sentences) imports its modules when a file is first
# read: a dossier whose analysis is taken from the cache is only surveyed, and their patterns
# take a tenth of a second to compile.

# How much of one article's story is analysed; the rest is kept out and reported.
DEFAULT_MAX_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class Dossier:
    """Everything read from the user's paths."""

    articles: tuple[Article, ...]
    """The articles, numbered by date (undated last)."""
    skipped: tuple[Skipped, ...]
    """Inputs that were passed over, with the reason."""
    config: DossierConfig
    """The dossier's briefing.toml, or defaults."""


@pickled_as_fields
@dataclass(slots=True)
class _Draft:
    path: str
    title: str
    title_derived: bool
    source: str | None
    url: str | None
    published: dt.date | None
    published_from: str | None
    text: str
    paragraph_spans: list[tuple[int, int, bool]]
    sentence_spans: list[tuple[int, int, int, bool]]
    """(start, end, paragraph, heading): split here, so that big dossiers split in parallel."""
    removed: list[RemovedLine]
    notes: list[str]
    author: str | None = None
    dateline_day: tuple[int, int] | None = None
    """(month, day) of a dateline without a year, for the dossier to place."""
    year_in_text: int | None = None
    """The year the story's own written dates name most, for a dateline the dossier cannot place."""


def _cap(paragraphs: list[tuple[str, bool]], max_chars: int) -> tuple[list[tuple[str, bool]], bool]:
    """At most `max_chars` characters of story, cut at a paragraph or, in one huge paragraph, a space."""
    kept, total = [], 0
    for text, heading in paragraphs:
        if total + len(text) <= max_chars:
            kept.append((text, heading))
            total += len(text) + 2
            continue
        room = max_chars - total
        if room > 0:
            cut = text.rfind(" ", 0, room)
            kept.append((text[: cut if cut > 0 else room].rstrip(), heading))
        return kept, True
    return kept, False


def _draft(doc: RawDocument, max_chars: int = DEFAULT_MAX_CHARS) -> _Draft:
    from briefing.ingest import clean
    from briefing.ingest.metadata import derived_title, read_metadata
    from briefing.language.dates import full_date_in
    from briefing.language.text import split_sentences

    headings = set(doc.heading_lines)
    lines = []
    for i, line in enumerate(doc.lines):
        if doc.kind == "text" and clean.MARKDOWN_HEADING_RE.match(line):
            headings.add(i)
            line = clean.MARKDOWN_HEADING_RE.sub("", line)
        lines.append(clean.strip_inline_markdown(line))
    meta = read_metadata(doc, lines)
    cleaned = clean.clean_lines(lines, meta.consumed, headings, author=meta.author)
    paragraphs, truncated = _cap(cleaned.paragraphs, max_chars)
    if truncated:
        meta.notes.append(f"only the first {max_chars:,} characters of the story were analysed")
    if not any(not heading for _, heading in paragraphs):
        raise UnreadableFile("no story text left after removing boilerplate")
    first = next(text for text, heading in paragraphs if not heading)
    spans = split_sentences(first, 0, len(first))
    opening = first[spans[0][0] : spans[0][1]] if spans else first
    title, title_derived = meta.title, False
    if not title:
        title, title_derived = derived_title(opening), True
    published, published_from = meta.published, meta.published_from
    if published is None:
        found = full_date_in(opening[:400])
        # "At ten this morning, Wednesday 21 October 2026, ..." and a lede that opens with its
        # date ("On April 10, 2025, delegations met ...") date the report; "packed the hall on
        # Tuesday, April 21, 2026, for ..." dates what it reports, maybe days before it was written.
        before = opening[: found[1]] if found else ""
        if found and (_TODAY_BEFORE_RE.search(before[-40:]) or _LEDE_DATE_RE.fullmatch(before)):
            published, published_from = found[0], "opening sentence"
    full, paragraph_spans, sentence_spans = _layout(paragraphs)
    return _Draft(
        doc.path,
        title,
        title_derived,
        meta.source,
        meta.url,
        published,
        published_from,
        full,
        paragraph_spans,
        sentence_spans,
        doc.removed + cleaned.removed,
        doc.notes + meta.notes,
        meta.author,
        meta.dateline_day if published is None else None,
        _year_in_text(full) if published is None and meta.dateline_day else None,
    )


def _year_in_text(text: str) -> int | None:
    """The year the story's written dates name most often."""
    from briefing.language.dates import find_dates

    # Only written dates with a month count ("March 2, 2026", "in April 2026"): a bare
    # year may be a plan ("until 2030") or history.
    years = Counter(
        int(d.value[:4])
        for d in find_dates(text, None)
        if d.value and not d.relative and d.precision in ("day", "month")
    )
    return years.most_common(1)[0][0] if years else None


def _place_datelines(drafts: list[_Draft]) -> None:
    """Give a yearless dateline the year that puts it nearest the dossier's other dated articles."""
    from briefing.language.dates import valid_date

    dated = sorted(d.published for d in drafts if d.published)
    middle = dated[len(dated) // 2] if dated else None
    for draft in drafts:
        if draft.published is not None or not draft.dateline_day:
            continue
        if middle is not None:
            candidates = [
                c for y in (middle.year - 1, middle.year, middle.year + 1) if (c := valid_date(y, *draft.dateline_day))
            ]
            if candidates:
                draft.published = min(candidates, key=lambda c: abs((c - middle).days))
                draft.published_from = "dateline, year from the dossier"
        elif draft.year_in_text:
            draft.published = valid_date(draft.year_in_text, *draft.dateline_day)
            draft.published_from = "dateline, year from the story" if draft.published else None


_TODAY_BEFORE_RE = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b[\s,:\u2014-]*(?:\w+day,?\s*)?$", re.IGNORECASE
)


_LEDE_DATE_RE = re.compile(r"\s*(?:On|on|ON)?\s*(?:\w+day,?\s*)?")


def _layout(
    paragraphs: list[tuple[str, bool]],
) -> tuple[str, list[tuple[int, int, bool]], list[tuple[int, int, int, bool]]]:
    """The story text (paragraphs joined by blank lines) with paragraph and sentence spans."""
    from briefing.language.text import split_sentences

    parts: list[str] = []
    paragraph_spans: list[tuple[int, int, bool]] = []
    offset = 0
    for text, heading in paragraphs:
        if parts:
            parts.append("\n\n")
            offset += 2
        paragraph_spans.append((offset, offset + len(text), heading))
        parts.append(text)
        offset += len(text)
    full = "".join(parts)
    sentence_spans = []
    for number, (start, end, heading) in enumerate(paragraph_spans):
        for s, e in [(start, end)] if heading else split_sentences(full, start, end):
            sentence_spans.append((s, e, number, heading))
    return full, paragraph_spans, sentence_spans


def _article(draft: _Draft, article_id: int) -> Article:
    paragraphs = tuple(Paragraph(start, end, heading) for start, end, heading in draft.paragraph_spans)
    sentences = tuple(
        Sentence(article_id, index, start, end, number, heading)
        for index, (start, end, number, heading) in enumerate(draft.sentence_spans)
    )
    full = draft.text
    return Article(
        id=article_id,
        path=draft.path,
        title=draft.title,
        title_derived=draft.title_derived,
        source=draft.source,
        url=draft.url,
        published=draft.published,
        published_from=draft.published_from,
        text=full,
        paragraphs=paragraphs,
        sentences=sentences,
        removed=tuple(draft.removed),
        notes=tuple(draft.notes),
        author=draft.author,
    )


# What reading one file gave: (where, draft or the reason it cannot be read) for each of its articles.
FileReading = list[tuple[str, "_Draft | str"]]


class ReadingMemo(Protocol):
    """Readings of files remembered from earlier runs, by `reading_key` (the analysis cache)."""

    def recall(self, keys: Sequence[str]) -> Mapping[str, FileReading]:
        """The readings remembered for these keys (those not remembered are left out)."""
        ...

    def remember(self, readings: Mapping[str, FileReading]) -> None:
        """Keep these readings for later runs, as they are now: placing datelines changes drafts afterwards."""
        ...


@dataclass(frozen=True, slots=True)
class Survey:
    """What a dossier's paths hold, and keys for their content, before any file is read."""

    found: Discovery
    """The files, configurations and skipped paths."""
    fingerprint: frozenset[tuple[str, int, int]]
    """The files as they were before their content was keyed (see `load.fingerprint`)."""
    file_keys: tuple[str | None, ...]
    """Per file of `found`, the key of what reading it depends on (None if it cannot be read now)."""
    key: str | None
    """One key for everything the dossier's analysis depends on: its files, what was passed
    over, its briefing.toml, the limits and the code; None if some file cannot be read now."""
    max_bytes: int
    max_chars: int


def survey_dossier(
    paths: Sequence[str | Path], salt: bytes, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Survey:
    """Find the files under `paths` and key their content; `salt` stands for the code that
    reads and analyses them, so that changed code never meets what older code made."""
    found = discover(list(paths))
    # Before the content is read: a file changed while it is read is then noticed next time.
    marks = fingerprint_of(found)
    max_bytes = _read_limit(max_bytes, max_chars)
    file_keys = tuple(reading_key(path, max_bytes, salt) for path in found.files)
    key: str | None = None
    if all(file_keys):
        digest = hashlib.blake2b(salt, digest_size=20)
        digest.update(f"{max_bytes}\0{max_chars}\0".encode())
        digest.update("\0".join(k or "" for k in file_keys).encode())
        for skipped in found.skipped:
            digest.update(f"\0{skipped.path}\0{skipped.reason}".encode("utf-8", "surrogatepass"))
        for config in found.configs[:1]:
            digest.update(b"\0config\0" + os.fsencode(config) + b"\0")
            try:
                digest.update(config.read_bytes())
            except OSError as error:
                digest.update(str(error).encode("utf-8", "surrogatepass"))
        key = digest.hexdigest()
    return Survey(found, marks, file_keys, key, max_bytes, max_chars)


def _read_limit(max_bytes: int, max_chars: int) -> int:
    # Reading more than the analysis cap can use only costs time: a character is at most
    # four bytes, and boilerplate may take some room of its own.
    return min(max_bytes, max_chars * 4 + 64 * 1024)


def load_dossier(
    paths: list[str | Path],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress=None,
    max_chars: int = DEFAULT_MAX_CHARS,
    *,
    survey: Survey | None = None,
    memo: ReadingMemo | None = None,
) -> Dossier:
    """Read every supported file under `paths` into numbered articles.

    `progress`, if given, is called as progress(done, total) while files are read. With a
    `survey` of the paths (made with the same limits) they are not walked again; with a
    `memo`, files read before with the same key are not read again, and the new readings
    are handed to it.
    """
    with collector_paused():
        if survey is None:
            survey = Survey(discover(paths), frozenset(), (), None, _read_limit(max_bytes, max_chars), max_chars)
        return _load_dossier(survey, progress, memo)


def _load_dossier(survey: Survey, progress, memo: ReadingMemo | None) -> Dossier:
    found, max_bytes, max_chars = survey.found, survey.max_bytes, survey.max_chars
    skipped = list(found.skipped)
    keys = survey.file_keys if memo is not None and survey.file_keys else (None,) * len(found.files)
    recalled = memo.recall([k for k in keys if k]) if memo is not None else {}
    readings: list[FileReading | None] = [recalled.get(k) if k else None for k in keys]
    total = len(found.files)
    done = total - readings.count(None)
    if progress and done:
        progress(done, total)
    to_read = [i for i, reading in enumerate(readings) if reading is None]
    fresh: dict[str, FileReading] = {}
    for position, (_, results) in zip(
        to_read, _read_all([found.files[i] for i in to_read], max_bytes, max_chars), strict=True
    ):
        readings[position] = results
        key = keys[position]
        if key:
            fresh[key] = results
        done += 1
        if progress:
            progress(done, total)
    if memo is not None and fresh:
        memo.remember(fresh)
    drafts = []
    for results in readings:
        for where, result in results or ():
            if isinstance(result, _Draft):
                drafts.append(result)
            else:
                skipped.append(Skipped(where, result))
    _place_datelines(drafts)
    drafts.sort(key=lambda d: (d.published is None, d.published or dt.date.min, d.path))
    articles = tuple(_article(draft, number) for number, draft in enumerate(drafts, start=1))
    config = read_config(found.configs[0]) if found.configs else DossierConfig()
    return Dossier(articles, tuple(skipped), config)


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 400


def _read_one(path: Path, max_bytes: int, max_chars: int) -> list[tuple[str, _Draft | str]]:
    """(where, draft or the reason it cannot be read) for every article in one file."""
    try:
        documents = read_documents(path, max_bytes)
    except UnreadableFile as error:
        return [(display_path(path), str(error))]
    results: list[tuple[str, _Draft | str]] = []
    for document in documents:
        if isinstance(document, UnreadableEntry):
            results.append((document.path, document.reason))
            continue
        try:
            results.append((document.path, _draft(document, max_chars)))
        except UnreadableFile as error:
            results.append((document.path, str(error)))
    return results


def _read_chunk(paths: list[Path], max_bytes: int, max_chars: int) -> list[list[tuple[str, _Draft | str]]]:
    return [_read_one(path, max_bytes, max_chars) for path in paths]


def _read_all(paths: list[Path], max_bytes: int, max_chars: int):
    """(path, [(where, draft or reason), ...]) for every file, in order; big dossiers use every core.

    If the worker processes cannot be started or the pool breaks, the rest is read in this
    process: the same results, only slower. (An error in reading itself is raised again
    when its chunk is read here, as it would be for a small dossier.)
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        for path in paths:
            yield path, _read_one(path, max_bytes, max_chars)
        return
    size = 100
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    done = 0
    try:
        with closing(_pooled(chunks, workers, max_bytes, max_chars)) as pooled:
            for results in pooled:
                # Paired before any is given out: a chunk that came back short is read again
                # below, whole, and no file is given twice.
                pairs = list(zip(chunks[done], results, strict=True))
                yield from pairs
                done += 1
    except Exception:  # any failure of the pool (or a short chunk): the rest is read here
        pass
    for chunk in chunks[done:]:
        yield from zip(chunk, _read_chunk(chunk, max_bytes, max_chars), strict=True)


def _pooled(chunks: list[list[Path]], workers: int, max_bytes: int, max_chars: int):
    """Each chunk's results, in order, read by worker processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn", not fork: the app calls this from a worker thread, and forking a process
    # that has threads can deadlock. Processes (and multiprocessing's resource tracker)
    # start while the pool is made and the chunks are submitted.
    with _stderr_with_descriptor():
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_off_the_terminal
        )
        try:
            futures = [pool.submit(_read_chunk, chunk, max_bytes, max_chars) for chunk in chunks]
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    try:
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _stderr_with_descriptor():
    """Make sys.stderr a real file for a moment, if it is not one.

    multiprocessing's resource tracker, started with the first pool, is handed
    sys.stderr.fileno() to keep open (Lib/multiprocessing/resource_tracker.py,
    ensure_running), and an object whose fileno() is not a descriptor (a full-screen app's
    capture of stderr answers -1) makes starting it fail with "ValueError: bad value(s) in
    fds_to_keep". So while the pool starts, sys.stderr is os.devnull, not the real stderr:
    anything another thread prints meanwhile must not land on a screen an app is drawing.
    """
    if _has_descriptor(sys.stderr):
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as sink:
        sys.stderr = sink
        try:
            yield
        finally:
            if sys.stderr is sink:  # unless someone else replaced it meanwhile
                sys.stderr = saved


def _has_descriptor(stream) -> bool:
    try:
        os.fstat(stream.fileno())
    except Exception:
        return False
    return True


def _off_the_terminal() -> None:
    """In each worker process, first: stdin, stdout and stderr become os.devnull.

    A worker inherits the parent's descriptors 0-2, which may be the terminal a full-screen
    app is drawing on; a warning or a stray print from a worker must not corrupt it. Results
    and errors reach the parent through the pool, never through these streams.
    """
    sink = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(sink, fd)
    if sink > 2:
        os.close(sink)


def read_config(path: Path) -> DossierConfig:
    """A dossier's briefing.toml; problems are reported in the result, never raised."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        return DossierConfig(path=str(path), problems=(f"{path}: {error}; using defaults",))
    except (OSError, UnicodeDecodeError) as error:
        return DossierConfig(path=str(path), problems=(f"{path}: cannot be read ({error}); using defaults",))
    problems = []
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(f"{path}: 'title' should be text; ignored")
        title = None
    raw_issues = data.get("issues", [])
    if isinstance(raw_issues, dict):  # [issues.banking] signals = [...]
        raw_issues = [{"name": name, **(body if isinstance(body, dict) else {})} for name, body in raw_issues.items()]
    issues = []
    if not isinstance(raw_issues, list):
        problems.append(f"{path}: 'issues' should be a list of [[issues]] tables; ignored")
        raw_issues = []
    for number, entry in enumerate(raw_issues, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(f"{path}: issue {number} has no name; ignored")
            continue
        signals = entry.get("signals", [entry["name"]])
        if not isinstance(signals, list) or not all(isinstance(s, str) for s in signals):
            problems.append(f"{path}: signals of issue {entry['name']!r} should be a list of text; using its name")
            signals = [entry["name"]]
        cleaned = tuple(s.strip() for s in signals if s.strip()) or (entry["name"].strip(),)
        issues.append(IssueConfig(entry["name"].strip(), cleaned))
    return DossierConfig(title=title, issues=tuple(issues), path=str(path), problems=tuple(problems))
