"""Writing files the safe way: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from briefing.language.text import printable

BRIEF_SUFFIXES = (".md", ".markdown", ".txt")
"""The extensions a brief may be written under (compared case-insensitively); no extension is fine too."""


class WriteError(Exception):
    """A file could not be written; the message is one line a user can act on."""


def check_brief_path(path: Path | str) -> None:
    """Refuse a file name that would mislabel the brief, before anything is written.

    The brief is Markdown, so it may be written to a name ending in .md, .markdown or .txt
    (any case), to a name with no extension, or to '-' (standard output). Anything else
    (brief.html, brief.pdf) raises WriteError with one line saying which names are accepted,
    e.g. "cannot write brief.html: the brief is Markdown; name the file .md, .markdown or .txt".
    Used by `briefing export -o` and by the app's export dialog.
    """
    path = Path(path)
    if str(path) == "-":
        return
    suffix = path.suffix
    if not suffix or suffix.lower() in BRIEF_SUFFIXES:
        return
    raise WriteError(
        f"cannot write {printable(str(path))}: the brief is Markdown; name the file .md, .markdown or .txt"
    )


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
