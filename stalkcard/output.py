"""Writing a file the user asked for: atomically, never over an existing file
unless told to, and never over anything but a regular file (a device, a FIFO, a
link or a folder is refused, even with --force). A note or a log is readable by
its owner only (mode 0600); a file meant to be published (the HTML page, the
compiled card) gets the mode the user's umask gives a new file (PUBLIC).

Every refusal is an OutputError with a Danish message (exit code 2); the
temporary file is removed on every way out, a signal included (the handlers in
stalkcard.cli.app turn SIGTERM and SIGHUP into an exception, so `finally` runs).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from stalkcard.errors import FileExists, OutputError, os_reason
from stalkcard.i18n import _

PRIVATE = 0o600
PUBLIC = None  # what the user's umask gives a new file, e.g. 0644 under umask 022


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    return OutputError(
        _("Kan ikke skrive filen {path}: {reason}").format(path=path, reason=os_reason(exc))
    )


def _refuse_name(raw: str) -> None:
    if not raw.strip():
        raise OutputError(_("Der er ikke angivet noget filnavn."))
    if raw == "-":
        # Said in the README: "-" is not a file name here; leave out -o to write to stdout.
        raise OutputError(
            _('"-" er ikke et filnavn her. Udelad -o/--note for at skrive til skærmen.')
        )
    if "\x00" in raw:  # no operating system takes it (os.lstat raises ValueError)
        raise OutputError(
            _(
                "Filnavnet indeholder et nul-tegn (NUL), som intet filnavn kan have. "
                "Skriv navnet igen."
            )
        )
    try:
        os.fsencode(raw)
    except UnicodeError:  # a lone surrogate: not a name the file system can store
        raise OutputError(
            _("Filnavnet indeholder tegn, som ikke kan bruges i et filnavn. Skriv navnet igen.")
        ) from None
    if raw.endswith(("/", os.sep)) or (os.altsep and raw.endswith(os.altsep)):
        raise OutputError(
            _(
                "Navnet ender med en skråstreg, så det er en mappe: {path}. Skriv et filnavn."
            ).format(path=raw)
        )


def _check_target(path: Path, force: bool) -> None:
    """What is at `path` now: nothing, or a regular file we may replace."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(
            _("Der er en mappe med det navn: {path}. Vælg et filnavn.").format(path=path)
        )
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            _(
                "{path} er ikke en almindelig fil (fx en genvej eller en enhed) og erstattes "
                "ikke. Vælg et andet navn."
            ).format(path=path)
        )
    if not force:
        raise FileExists(path)


def check_target(path: Path | str, force: bool = False) -> None:
    """Refuse, as write_private would, a name or a target it cannot write:
    for a command that writes several files and checks them all first."""
    raw = str(path)
    _refuse_name(raw)
    _check_target(Path(raw), force)


def _umask_mode() -> int:
    """The mode a new file gets under this process's umask (0o666 minus the umask)."""
    mask = os.umask(0o077)  # reading the umask means setting it: set it straight back
    os.umask(mask)
    return 0o666 & ~mask


def write_private(
    path: Path | str, data: str | bytes, force: bool = False, mode: int | None = PRIVATE
) -> Path:
    """Write `data` to `path`; all of it or nothing. The mode is 0600 unless
    another is given; PUBLIC (None) lets the user's umask decide, also when
    --force replaces a file (a published 0644 page stays 0644).

    Without `force`, an existing file is left alone and FileExists is raised.
    """
    raw = str(path)
    _refuse_name(raw)
    path = Path(raw)
    _check_target(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(_("Mappen findes ikke: {folder}").format(folder=folder))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".stalkcard-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(
            _("Kan ikke skrive i mappen {folder}: {reason}").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _umask_mode() if mode is None else mode)
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if `path` exists: no window for a race
            except FileExistsError:
                raise FileExists(path) from None
            except OSError:
                _write_exclusive(path, payload, mode)  # a file system without hard links
    except OutputError:
        raise
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return path


def _write_exclusive(path: Path, payload: bytes, mode: int | None = PRIVATE) -> None:
    """Create `path` only if it does not exist (O_EXCL: of two writers, one wins),
    for file systems without hard links (FAT, exFAT, some network shares).
    A half-written file is removed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666 if mode is None else mode)  # the umask applies
    except FileExistsError:
        raise FileExists(path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def note_path(name: str, suffix: str = ".md") -> Path:
    """A note's file name as typed at the prompt: ~ expanded, and `suffix` added when
    the name has no extension. A ~name that names no user (or no home folder)
    is an OutputError, so the prompt can ask again."""
    typed = name.strip()
    try:
        path = Path(typed).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory."
        raise OutputError(
            _("Kan ikke finde hjemmemappen i {path}. Skriv hele stien.").format(path=typed)
        ) from None
    return path if path.suffix else path.with_name(path.name + suffix)
