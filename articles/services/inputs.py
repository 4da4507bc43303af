"""Which files an importer reads, and reading them: regular files inside the folders it was given.

Both importers (``import_seeds``, ``import_factchecks``) take files and folders. A folder is often a
drop folder others can write to, so what it holds is not trusted:

- a symbolic link is followed only while its target stays inside the folder (a link to
  ``/etc/passwd`` is refused, and its target is never opened or named);
- only regular files are read: a FIFO, socket or device (a ``*.json`` FIFO would block the import
  forever, ``/dev/zero`` would read until memory runs out) is refused, checked on the opened file
  itself so a swap between listing and reading changes nothing;
- sub-folders reached through a symbolic link are not walked.

A file named on the command line is the operator's choice and may be anywhere, but it must still
be a regular file. No Django import: the seed reader runs this in worker processes.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class Refused:
    """A path that is not read, and why (the reason never quotes the file's content)."""

    path: str
    reason: str


OUTSIDE = "a symbolic link to a file outside the folder; not read"
NOT_REGULAR = "not a regular file (a FIFO, socket or device); not read"


def listing(paths: Iterable[str | os.PathLike], suffixes: tuple[str, ...], *,
            recursive: bool = True) -> Iterator[Path | Refused]:
    """The files to read under ``paths``, in order (each folder sorted), or a Refused for each
    path that is missing or must not be read. ``suffixes`` are lower-case ('.json', '.txt')."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from _folder(p, suffixes, recursive)
        elif not os.path.lexists(p):
            yield Refused(str(p), "no such file or directory")
        elif _regular(p):
            yield p
        else:
            yield Refused(str(p), NOT_REGULAR)


def _folder(folder: Path, suffixes: tuple[str, ...], recursive: bool) -> Iterator[Path | Refused]:
    root = folder.resolve()
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as exc:
            yield Refused(str(here), f"cannot list the folder ({exc.strerror or type(exc).__name__})")
            continue
        subfolders = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if recursive:
                    subfolders.append(Path(entry.path))
                continue
            if not entry.name.lower().endswith(suffixes):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    yield Refused(str(path), OUTSIDE)
                    continue
                if not target.exists():
                    yield Refused(str(path), "a broken symbolic link")
                    continue
                path = target
            yield path if _regular(path) else Refused(str(path), NOT_REGULAR)
        pending.extend(reversed(subfolders))  # depth first, in name order


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def open_regular(path: str | os.PathLike, max_bytes: int | None = None) -> BinaryIO:
    """The file opened for binary reading; ValueError (with a reason naming no content) when it is
    not a regular file, is larger than ``max_bytes``, or cannot be opened. Never blocks on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ValueError(f"cannot read file: {exc.strerror or type(exc).__name__}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(NOT_REGULAR)
        if max_bytes is not None and st.st_size > max_bytes:
            raise ValueError(f"file too large ({st.st_size:,} bytes; the limit is {max_bytes:,})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (see open_regular)."""
    with open_regular(path, max_bytes) as f:
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise ValueError(f"cannot read file: {exc.strerror or type(exc).__name__}") from None
    if len(data) > max_bytes:  # grew after it was opened
        raise ValueError(f"file too large (over {max_bytes:,} bytes)")
    return data
