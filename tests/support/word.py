"""A Word document as text, for golden files and checks: its bytes carry the time it was written."""

from __future__ import annotations

import io

from docx import Document
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph


def docx_outline(data: bytes) -> str:
    """A .docx as text, one paragraph a line with its style, bold, italics and superscripts
    marked, and tables as rows: what a golden-file test compares (the file's own bytes carry
    the time it was written)."""
    document = Document(io.BytesIO(data))
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = WordParagraph(child, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            lines.append(f"[{style}] " + "".join(_marked(run) for run in paragraph.runs))
        elif tag == "tbl":
            for row in WordTable(child, document).rows:
                cells = ("".join(_marked(run) for run in cell.paragraphs[0].runs) for cell in row.cells)
                lines.append("[row] " + " | ".join(cells))
    return "\n".join(lines) + "\n"


def _marked(run) -> str:
    text = run.text
    if run.font.superscript:
        return "^{" + text + "}"
    if run.bold:
        return "**" + text + "**"
    if run.italic:
        return "_" + text + "_"
    return text
