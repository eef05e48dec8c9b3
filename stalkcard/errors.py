"""The tool's exit codes and its own exceptions: one table for the whole tool."""

from __future__ import annotations

from enum import IntEnum


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


class NoMatch(StalkcardError):
    exit_code = ExitCode.NO_MATCH


class Cancelled(StalkcardError):
    exit_code = ExitCode.CANCELLED
