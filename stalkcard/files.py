"""Reading the files a user names (a card, an answers file): small, UTF-8 text."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from stalkcard.errors import CardError, StalkcardError, os_reason
from stalkcard.i18n import _

MAX_BYTES = 1024 * 1024


def _unreadable(error: type[StalkcardError], what: str, path: Path, exc: OSError) -> StalkcardError:
    return error(
        _("{what} kan ikke læses: {path} ({reason})").format(
            what=what, path=path, reason=os_reason(exc)
        )
    )


def read_bytes(
    path: Path, what: str | None = None, error: type[StalkcardError] = CardError
) -> bytes:
    """The bytes of a small regular file, at most MAX_BYTES + 1 of them.

    Only a regular file is read: a folder, a FIFO, a device or a terminal is
    refused, not waited on. The file is opened without blocking and checked on
    the open descriptor, so nothing can be swapped in between check and read.
    """
    what = what or _("Kortfilen")
    if not str(path).strip():
        raise error(_("{what}: der er ikke angivet noget filnavn.").format(what=what))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise error(_("{what} findes ikke: {path}").format(what=what, path=path)) from None
    except IsADirectoryError:
        raise error(
            _("{what} er en mappe, ikke en fil: {path}").format(what=what, path=path)
        ) from None
    except OSError as exc:
        raise _unreadable(error, what, path, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(_("{what} er en mappe, ikke en fil: {path}").format(what=what, path=path))
        if not stat.S_ISREG(info.st_mode):
            raise error(_("{what} er ikke en almindelig fil: {path}").format(what=what, path=path))
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:  # never more than the cap
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _unreadable(error, what, path, exc) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_text(path: Path, what: str | None = None, error: type[StalkcardError] = CardError) -> str:
    """Read a small UTF-8 text file, refusing folders, huge files and bad encodings."""
    return decode_text(read_bytes(path, what, error), str(path), what, error)


def decode_text(
    raw: bytes, source: str, what: str | None = None, error: type[StalkcardError] = CardError
) -> str:
    """The text of a file's bytes: at most MAX_BYTES, UTF-8 (a BOM is allowed), not blank."""
    what = what or _("Kortfilen")
    if len(raw) > MAX_BYTES:
        raise error(
            _("{what} er for stor (over {kib} KiB): {path}").format(
                what=what, kib=MAX_BYTES // 1024, path=source
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            _(
                "{what} er ikke gemt som UTF-8 (byte {byte}): {path}. "
                "Gem den igen med tegnsættet UTF-8."
            ).format(what=what, byte=exc.start + 1, path=source)
        ) from None
    if not text.strip():
        raise error(_("{what} er tom: {path}").format(what=what, path=source))
    return text
