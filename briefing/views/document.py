"""The brief as a document: sections, lists and tables of typed inline pieces.

The brief chooses what goes on the page once (`views.brief.make_brief`); each format writes
that same document its own way (`views.formats`: Markdown, HTML, Word). Text taken from the
articles is held here as plain strings, never as markup: each writer escapes it for its own
format, so nothing an article says can become Markdown, HTML or Word structure.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Words:
    """Plain text, written escaped."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Plain text in bold: a date or a name that opens a line."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """A command the reader can type, such as `briefing json`."""

    text: str


@dataclass(frozen=True, slots=True)
class Citations:
    """Numbered citations of sources, e.g. [1][3], and how many more sources say the same."""

    numbers: tuple[int, ...]
    more: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """An address shown as itself (only http and https addresses are ever made links)."""

    url: str


Inline = Words | Strong | Code | Citations | Link
Line = tuple[Inline, ...]
"""One line of the brief: a sentence, a list item or a table cell."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Sentences read as one paragraph; Markdown keeps each on its own line beside its citations."""

    lines: tuple[Line, ...]
    emphasis: bool = False
    """Set apart, as the coverage line under the title is."""


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    """Items with their own numbers: key facts count from 1, sources keep their article numbers."""

    items: tuple[tuple[int, Line], ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]


Block = Paragraph | BulletList | NumberedList | Table


class SectionKind(enum.Enum):
    """The sections of a brief, in page order. The value is the name `--sections` takes."""

    BOTTOM_LINE = "bottom-line"
    NOTES = "notes"
    FACTS = "facts"
    ISSUES = "issues"
    TIMELINE = "timeline"
    PEOPLE = "people"
    DIFFERENCES = "differences"
    LEFT_OUT = "left-out"
    """The line naming sections that had something to say and no room on the page."""
    SOURCES = "sources"


OPTIONAL_SECTIONS = (
    SectionKind.NOTES,
    SectionKind.FACTS,
    SectionKind.ISSUES,
    SectionKind.TIMELINE,
    SectionKind.PEOPLE,
    SectionKind.DIFFERENCES,
)
"""The sections a reader may leave out; the bottom line and the sources are always there."""


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    heading: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class SourceLabel:
    """What a citation's number stands for, for a writer that shows it on hover."""

    outlet: str
    date: str
    url: str | None


@dataclass(frozen=True, slots=True)
class ChartEvent:
    """A key event of the timeline, marked on the coverage chart."""

    bin: int
    """The bar it falls in."""
    date: str
    summary: str


@dataclass(frozen=True, slots=True)
class CoverageChart:
    """How many articles each outlet published per day, week or month, with the key events.

    Counted from the index: the chart only draws it.
    """

    unit: str
    """"day", "week" or "month": the length of one bar."""
    starts: tuple[dt.date, ...]
    """The first day of each bar, oldest first, with no gaps."""
    labels: tuple[str, ...]
    """Each bar's label as the brief writes dates."""
    series: tuple[tuple[str, tuple[int, ...]], ...]
    """(outlet, articles per bar) for the outlets that published most, then "Other outlets"."""
    events: tuple[ChartEvent, ...]
    undated: int
    """Articles with no date, which no bar counts."""


@dataclass(frozen=True, slots=True)
class BriefDocument:
    """One brief, ready for any format to write."""

    title: str
    coverage: Paragraph
    sections: tuple[Section, ...]
    sources: dict[int, SourceLabel] = field(default_factory=dict)
    """Every cited article's outlet, date and address, by its number."""
    chart: CoverageChart | None = None
    """Coverage over time, for the formats that can draw it; None with fewer than two dated articles."""


def tight_citations(line: Line) -> Line:
    """`line` with the space before each run of citations taken out: where citations are
    superscript (HTML, Word) they sit against the word, as footnote marks do."""
    pieces = list(line)
    for n in range(len(pieces) - 1):
        piece, after = pieces[n], pieces[n + 1]
        if isinstance(piece, Words) and isinstance(after, Citations) and after.numbers:
            pieces[n] = Words(piece.text.rstrip())
    return tuple(pieces)


# Control characters but tab and newline, and the two non-characters: XML 1.0 cannot hold most
# of them (python-docx refuses a run with one), and no page or document should show any.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def without_controls(text: str) -> str:
    """`text` with the characters no HTML page or Word document should carry removed."""
    return _CONTROL_RE.sub("", text)
