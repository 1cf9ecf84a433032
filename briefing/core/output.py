"""Writing files the safe way: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message is one line a user can act on."""


def write_atomically(path: Path, text: str, overwrite: bool = False) -> None:
    """Write `text` to `path` via a temporary file in the same folder, then a rename.

    Without `overwrite`, an existing file is left untouched and WriteError is raised.
    Whatever goes wrong, a file already at `path` is never damaged.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"cannot write {path}: folder {folder} does not exist")
    if path.exists() and not overwrite:
        raise WriteError(f"{path} already exists; use --force to overwrite it")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
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


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or str(error)
