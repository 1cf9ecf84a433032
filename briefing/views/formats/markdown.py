"""The brief as Markdown: the format briefing has always written, and the one its length is counted in."""

from __future__ import annotations

import re

from briefing.views.document import (
    Block,
    BriefDocument,
    BulletList,
    Citations,
    Code,
    Inline,
    Line,
    Link,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    Words,
)
from briefing.views.labels import written_citations

_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|#~])")


def escaped(text: str) -> str:
    """`text` with every Markdown markup character escaped (spaces as they are)."""
    return _MD_SPECIAL_RE.sub(r"\\\1", text)


def _inline(piece: Inline) -> str:
    if isinstance(piece, Words):
        return escaped(piece.text)
    if isinstance(piece, Strong):
        return f"**{escaped(piece.text)}**"
    if isinstance(piece, Code):
        return f"`{piece.text}`"
    if isinstance(piece, Citations):
        return written_citations(piece.numbers, piece.more)
    if isinstance(piece, Link):
        return f"<{piece.url}>"
    raise TypeError(f"not a piece of a brief: {piece!r}")


def line(pieces: Line) -> str:
    return "".join(_inline(piece) for piece in pieces)


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        lines = [line(sentence) for sentence in block.lines]
        return [f"*{lines[0]}*", *lines[1:]] if block.emphasis and lines else lines
    if isinstance(block, BulletList):
        return [f"- {line(item)}" for item in block.items]
    if isinstance(block, NumberedList):
        return [f"{number}. {line(item)}" for number, item in block.items]
    if isinstance(block, Table):
        return [
            "| " + " | ".join(block.header) + " |",
            "| " + " | ".join("---" for _ in block.header) + " |",
            *("| " + " | ".join(line(cell) for cell in row) + " |" for row in block.rows),
        ]
    raise TypeError(f"not a block of a brief: {block!r}")


def to_markdown(brief: BriefDocument) -> str:
    """The brief as Markdown: headings, one sentence a line, lists, a pipe table."""
    lines = [f"# {escaped(brief.title)}", "", *_block(brief.coverage), ""]
    for section in brief.sections:
        if section.heading:
            lines += [f"## {section.heading}", ""]
        for n, block in enumerate(section.blocks):
            if n:
                lines.append("")
            lines += _block(block)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
