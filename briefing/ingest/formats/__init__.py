"""Readers for files that are containers rather than text: PDF, Word, feeds, e-mail, saved pages.

Each reader turns a file's bytes into the same RawDocument the text readers give, so that
cleaning, metadata and analysis see one kind of input. A reader's library is imported only
when a file of its kind is read. Every reader bounds the work a hostile file can cause
(pages, entries, parts, uncompressed sizes) and says why it skips what it skips.
"""

from __future__ import annotations

from briefing.ingest.load import RawDocument, UnreadableEntry, UnreadableFile

# What each kind is called in a skip reason, and the package its reader needs.
_LABELS = {
    "pdf": ("PDF", "pypdf"),
    "docx": ("Word document", "python-docx"),
    "feed": ("feed", "feedparser"),
    "email": ("e-mail", None),
    "mbox": ("mailbox", None),
    "mhtml": ("saved page", None),
}


def read(kind: str, path: str, data: bytes) -> list[RawDocument | UnreadableEntry]:
    """The articles in `data`, the whole of a file of `kind` found at `path`.

    The readers name what they know goes wrong (damaged, encrypted, no text). A parser given
    a hostile file can still fail in ways nobody listed; that file is skipped with the
    error's name, and the rest of the dossier loads.
    """
    label, package = _LABELS.get(kind, (kind, None))
    try:
        return _read(kind, path, data)
    except UnreadableFile:
        raise
    except ImportError as error:
        if package and error.name and error.name.split(".")[0] in (package.replace("python-", ""), package):
            raise UnreadableFile(f"reading a {label} needs the {package} package, which is not installed") from None
        raise
    except (RecursionError, MemoryError) as error:
        raise UnreadableFile(f"{label} too deeply nested or too large to read ({type(error).__name__})") from None
    except Exception as error:
        raise UnreadableFile(f"could not be read as a {label} ({type(error).__name__})") from None


def _read(kind: str, path: str, data: bytes) -> list[RawDocument | UnreadableEntry]:
    if kind == "pdf":
        from briefing.ingest.formats.pdf import read_pdf

        return [read_pdf(path, data)]
    if kind == "docx":
        from briefing.ingest.formats.docx import read_docx

        return [read_docx(path, data)]
    if kind == "feed":
        from briefing.ingest.formats.feed import read_feed

        return read_feed(path, data)
    if kind in ("email", "mbox", "mhtml"):
        from briefing.ingest.formats.mail import read_mail

        return read_mail(kind, path, data)
    raise UnreadableFile(f"no reader for {kind} files")
