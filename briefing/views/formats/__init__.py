"""Writers of the brief: one document (`views.document`), three formats.

Markdown and HTML are text; Word is bytes. python-docx is imported only when a Word brief
is written.
"""

from __future__ import annotations

from briefing.output import BriefFormat
from briefing.views.document import BriefDocument


def write_brief(brief: BriefDocument, format: BriefFormat, chart: bool = True) -> str | bytes:
    """The brief in `format`; `chart` draws coverage over time where the format can (HTML)."""
    if format is BriefFormat.HTML:
        from briefing.views.formats.html import to_html

        return to_html(brief, chart=chart)
    if format is BriefFormat.DOCX:
        from briefing.views.formats.word import to_docx

        return to_docx(brief)
    from briefing.views.formats.markdown import to_markdown

    return to_markdown(brief)
