"""Readers for files that are containers rather than text: PDF, Word, feeds, e-mail, saved pages.

Each reader turns a file's bytes into the same RawDocument the text readers give, so that
cleaning, metadata and analysis see one kind of input. A reader's library is imported only
when a file of its kind is read. Every reader bounds the work a hostile file can cause
(pages, entries, parts, uncompressed sizes) and says why it skips what it skips.
"""

from __future__ import annotations

from briefing.core.load import RawDocument, UnreadableEntry, UnreadableFile


def read(kind: str, path: str, data: bytes) -> list[RawDocument | UnreadableEntry]:
    """The articles in `data`, the whole of a file of `kind` found at `path`."""
    if kind == "pdf":
        from briefing.core.formats.pdf import read_pdf

        return [read_pdf(path, data)]
    if kind == "docx":
        from briefing.core.formats.docx import read_docx

        return [read_docx(path, data)]
    if kind == "feed":
        from briefing.core.formats.feed import read_feed

        return read_feed(path, data)
    if kind in ("email", "mbox", "mhtml"):
        from briefing.core.formats.mail import read_mail

        return read_mail(kind, path, data)
    raise UnreadableFile(f"no reader for {kind} files")
