"""Writing files the safe way: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import enum
import errno
import os
import stat
import tempfile
from pathlib import Path

from briefing.language.text import printable


class BriefFormat(enum.Enum):
    """The formats a brief is written in; the value is the name `--format` takes."""

    MARKDOWN = "md"
    HTML = "html"
    DOCX = "docx"

    @property
    def suffix(self) -> str:
        """The extension a new file of this format gets: its name."""
        return "." + self.value


BRIEF_SUFFIXES = {
    ".md": BriefFormat.MARKDOWN,
    ".markdown": BriefFormat.MARKDOWN,
    ".txt": BriefFormat.MARKDOWN,
    ".html": BriefFormat.HTML,
    ".htm": BriefFormat.HTML,
    ".docx": BriefFormat.DOCX,
}
"""The extensions a brief may be written under (compared case-insensitively), and the format each means."""


class WriteError(Exception):
    """A file could not be written; the message is one line a user can act on."""


def brief_format(path: Path | str | None, named: str | None = None) -> BriefFormat:
    """The format of a brief written to `path`, with `named` the --format asked for (or None).

    The file's extension says the format (.md, .markdown or .txt: Markdown; .html or .htm:
    HTML; .docx: Word); a name with no extension, or '-' (standard output), takes `named`, or
    Markdown. A name that would mislabel the brief (brief.pdf), an unknown format, or a format
    that contradicts the extension raises WriteError with one line, before anything is
    written. Used by `briefing export` and by the app's export dialog.
    """
    formats = {f.value: f for f in BriefFormat}
    if named is not None and named.lower() not in formats:
        raise WriteError(f"--format {printable(named)}: choose md, html or docx")
    asked = formats[named.lower()] if named else None
    if path is None or str(path) == "-" or not Path(path).suffix:
        return asked or BriefFormat.MARKDOWN
    suffix = Path(path).suffix.lower()
    if suffix not in BRIEF_SUFFIXES:
        raise WriteError(
            f"cannot write {printable(str(path))}: a brief is Markdown (.md, .markdown, .txt), HTML (.html, .htm) "
            "or Word (.docx); name the file with one of these"
        )
    found = BRIEF_SUFFIXES[suffix]
    if asked is not None and asked is not found:
        raise WriteError(
            f"cannot write {printable(str(path))} as {asked.value}: its name says {found.value}; "
            f"name it {asked.suffix} or leave out --format"
        )
    return found


def current_umask() -> int:
    """The process's umask, read without changing it where /proc allows."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0)  # no getter: set and restore at once
    os.umask(mask)
    return mask


def _mode_for(path: Path, overwrite: bool) -> int:
    """The mode the written file should have: an overwritten file's own, else 0o666 less the umask."""
    if overwrite:
        try:
            return stat.S_IMODE(os.stat(path).st_mode) & 0o777
        except OSError:
            pass  # no file there (yet): a new one
    return 0o666 & ~current_umask()


def refuse_if_taken(path: Path, overwrite: bool = False) -> None:
    """Raise WriteError if something is at `path` (a broken link too) and `overwrite` is not given.

    `briefing export` asks this before reading the dossier as well: a big one takes minutes.
    """
    if not overwrite and os.path.lexists(path):
        raise WriteError(f"{printable(str(path))} already exists; use --force to overwrite it")


def write_atomically(path: Path, text: str | bytes, overwrite: bool = False) -> None:
    """Write `text` to `path` via a temporary file in the same folder, then a rename.

    `text` may be bytes, written as they are: a downloaded page keeps its own encoding.
    Without `overwrite`, an existing file is left untouched and WriteError is raised.
    Whatever goes wrong, a file already at `path` is never damaged. A new file gets the usual
    mode (0o666 less the umask); an overwritten one keeps its permission bits.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"cannot write {path}: folder {folder} does not exist")
    refuse_if_taken(path, overwrite)
    if path.is_dir():
        raise WriteError(f"cannot write {path}: it is a folder")
    if path.exists() and not path.is_file():
        # A device or pipe (/dev/null, /dev/stdout): renaming over it would replace the
        # device node itself with a file, so it is written to directly.
        try:
            with open(path, "wb") as stream:
                stream.write(_encoded(text))
        except OSError as error:
            raise WriteError(f"cannot write {path}: {_reason(error)}") from None
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            # mkstemp makes the file 0600; a brief is meant to be handed on.
            os.fchmod(stream.fileno(), _mode_for(path, overwrite))
            stream.write(_encoded(text))
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            # link() fails if the name was taken meanwhile, so a file that appeared
            # since the check above is not overwritten either.
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise WriteError(f"{path} already exists; use --force to overwrite it") from None
            except OSError:
                if path.exists():
                    raise WriteError(f"{path} already exists; use --force to overwrite it") from None
                os.replace(temporary, path)  # file systems without hard links
    except OSError as error:
        raise WriteError(f"cannot write {path}: {_reason(error)}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _encoded(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or str(error)
