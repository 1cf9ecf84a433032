"""The brief as a Word document (.docx), through python-docx.

Headings for the sections, the open issues as a Word table, citations as superscript numbers
in the manner of footnotes, and the numbered sources at the end. python-docx writes text as
text (never as markup), so dossier text needs only its control characters removed: XML
cannot carry them.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

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
    SectionKind,
    Strong,
    Table,
    Words,
    tight_citations,
    without_controls,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph as WordParagraph


def citation_text(citations: Citations) -> str:
    """ "1, 3 +2": the superscript a citation becomes in Word."""
    return ", ".join(str(n) for n in citations.numbers) + (f" +{citations.more}" if citations.more else "")


def _add_line(paragraph: WordParagraph, line: Line) -> None:
    for piece in tight_citations(line):
        _add_inline(paragraph, piece)


def _add_inline(paragraph: WordParagraph, piece: Inline) -> None:
    if isinstance(piece, Words):
        paragraph.add_run(without_controls(piece.text))
    elif isinstance(piece, Strong):
        paragraph.add_run(without_controls(piece.text)).bold = True
    elif isinstance(piece, Code):
        paragraph.add_run(without_controls(piece.text)).font.name = "Consolas"
    elif isinstance(piece, Citations):
        if piece.numbers:
            paragraph.add_run(citation_text(piece)).font.superscript = True
    elif isinstance(piece, Link):
        paragraph.add_run(without_controls(piece.url)).italic = True
    else:
        raise TypeError(f"not a piece of a brief: {piece!r}")


# Column widths in cm of a four-column table (the open issues) on the page's 17.4 cm.
_COLUMN_WIDTHS = {4: (2.6, 3.4, 9.6, 1.8)}


def _add_block(document: WordDocument, block: Block, kind: SectionKind) -> None:
    from docx.shared import Cm, Pt

    if isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        for n, line in enumerate(block.lines):
            if n:
                paragraph.add_run(" ")
            _add_line(paragraph, line)
        if block.emphasis:
            for run in paragraph.runs:
                run.italic = True
    elif isinstance(block, BulletList):
        for item in block.items:
            _add_line(document.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, NumberedList):
        # The numbers are written out: sources keep their article numbers, which Word's own
        # list numbering would renumber from 1.
        for number, item in block.items:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Pt(18)
            paragraph.paragraph_format.first_line_indent = Pt(-18)
            paragraph.add_run(f"{number}.\t")
            _add_line(paragraph, item)
            if kind is SectionKind.SOURCES:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    elif isinstance(block, Table):
        table = document.add_table(rows=1, cols=len(block.header))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, block.header, strict=True):
            cell.paragraphs[0].add_run(name).bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for cell, line in zip(cells, row, strict=True):
                _add_line(cell.paragraphs[0], line)
        # Word shares a table's width evenly; the latest development is the column to read.
        widths = _COLUMN_WIDTHS.get(len(block.header))
        table.autofit = widths is None
        for row in table.rows:
            for n, cell in enumerate(row.cells):
                if widths:
                    cell.width = Cm(widths[n])
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(8.5)
    else:
        raise TypeError(f"not a block of a brief: {block!r}")


def to_docx(brief: BriefDocument) -> bytes:
    """The brief as the bytes of a .docx file."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    for page in document.sections:
        page.top_margin = page.bottom_margin = Cm(1.4)
        page.left_margin = page.right_margin = Cm(1.8)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(2)
    document.core_properties.title = without_controls(brief.title)[:255]
    document.core_properties.author = "briefing"
    for level, size in ((1, 15), (2, 11.5)):
        heading = document.styles[f"Heading {level}"]
        heading.font.size = Pt(size)
        heading.paragraph_format.space_before = Pt(8 if level == 2 else 0)
        heading.paragraph_format.space_after = Pt(2)
    document.add_heading(without_controls(brief.title), level=1)
    _add_block(document, brief.coverage, SectionKind.BOTTOM_LINE)
    for section in brief.sections:
        if section.heading:
            document.add_heading(section.heading, level=2)
        for block in section.blocks:
            _add_block(document, block, section.kind)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
