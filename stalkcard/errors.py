"""The tool's exit codes and its own exceptions: one table for the whole tool."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from stalkcard.i18n import N_


class ExitCode(IntEnum):
    OK = 0
    NO_MATCH = 1
    INVALID = 2
    CANCELLED = 130


class StalkcardError(Exception):
    """An error with a Danish message for the user and an exit code."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CardError(StalkcardError):
    """The card file cannot be used: missing, unreadable or invalid."""


class AnswerError(StalkcardError):
    """The answers to a screening are missing or invalid."""


class OutputError(StalkcardError):
    """A file could not be written (exists already, or the folder is not writable)."""


class FileExists(OutputError):
    """The file exists, and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        from stalkcard.i18n import _

        super().__init__(
            _(
                "Filen findes allerede: {path}. Vælg et andet navn, eller brug --force for at "
                "erstatte den."
            ).format(path=path)
        )
        self.path = path


class OutputClosed(Exception):
    """stdout's reader has gone (EPIPE). Raised in place of the OSError, past
    the click bundled with Typer, which would end the tool with exit code 1:
    the code for "no match" (stalkcard.cli.clitext.Group, stalkcard.cli.app.main)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class NoMatch(StalkcardError):
    exit_code = ExitCode.NO_MATCH


class Cancelled(StalkcardError):
    exit_code = ExitCode.CANCELLED


# Why the operating system said no, by errno name, in Danish (English in locale/en.po).
OS_REASONS = {
    "ENOENT": N_("findes ikke"),
    "EACCES": N_("adgang nægtet"),
    "EPERM": N_("handlingen er ikke tilladt"),
    "ENAMETOOLONG": N_("navnet er for langt"),
    "ENOSPC": N_("der er ikke mere plads på drevet"),
    "EDQUOT": N_("din diskkvote er brugt op"),
    "EFBIG": N_("filen er større, end systemet tillader"),
    "EROFS": N_("drevet er skrivebeskyttet"),
    "EISDIR": N_("det er en mappe"),
    "ENOTDIR": N_("en del af stien er ikke en mappe"),
    "EEXIST": N_("findes allerede"),
    "ELOOP": N_("for mange genveje (symlinks) i stien"),
    "EIO": N_("fejl ved læsning eller skrivning på drevet"),
    "EXDEV": N_("kan ikke flyttes mellem to drev"),
    "EINVAL": N_("ugyldigt navn"),
    "EPIPE": N_("modtageren er lukket"),
    "EBADF": N_("udgangen er lukket"),
}


def os_reason(exc: OSError) -> str:
    """Why the operating system said no, in the user's language.

    The OS's own text (`strerror`) is English, so the common reasons are
    translated here and any other is named only by its error code.
    """
    import errno

    from stalkcard.i18n import _

    name = errno.errorcode.get(exc.errno or 0, "")
    reason = OS_REASONS.get(name)
    if reason is not None:
        return _(reason)
    return _("systemfejl {code}").format(code=name or exc.errno)
