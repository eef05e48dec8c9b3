"""The process shell around the Typer app: the tool's messages on stderr and
stdout, the signals (SIGTERM, SIGHUP), an encoding that cannot show a letter,
and a stdout that is closed, full or a non-blocking pipe. `main` runs the app
inside them (stalkcard.cli.main, the entry point, calls it with the app);
the commands are in stalkcard.cli.app. The app is given, not imported here:
the commands print through this module.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable
from typing import Any

from stalkcard.errors import ExitCode, OutputClosed
from stalkcard.i18n import _


def error(message: str) -> None:
    _to_stderr(message, "red")


def warn(message: str) -> None:
    _to_stderr(message, "yellow")


def _to_stderr(message: str, style: str) -> None:
    from rich.text import Text

    from stalkcard.views.terminal import make_console

    if sys.stderr is None:  # closed: there is nowhere to say it
        return
    # soft_wrap: the terminal wraps, so a file path is never broken by a newline.
    make_console(stderr=True).print(Text(safe_lines(message), style=style), soft_wrap=True)


def safe_lines(message: str) -> str:
    """A message whose lines may echo outside text (a key, a path, a query), made
    safe for a terminal line by line (stalkcard.safe)."""
    from stalkcard.safe import terminal_safe

    return "\n".join(terminal_safe(line) for line in message.split("\n"))


def say(message: str) -> None:
    """A message to stdout that may echo outside text (a path)."""
    import typer

    typer.echo(safe_lines(message))


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (so temporary files are removed and the
    terminal is restored by the prompts' own cleanup), then exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, _frame: object) -> None:
    """During a prompt, end the prompt with the exception, so prompt_toolkit
    restores the terminal on its way out (an exception raised straight from the
    handler can land inside its event loop, which then only prints it and waits
    for Enter). Elsewhere, raise it here."""
    if "prompt_toolkit" in sys.modules:
        from prompt_toolkit.application.current import get_app_or_none

        app_running = get_app_or_none()
        if app_running is not None and app_running.is_running and not app_running.is_done:
            with contextlib.suppress(Exception):
                app_running.exit(exception=Terminated(signum))
                return
    raise Terminated(signum)


def install_signal_handlers() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:  # no SIGHUP on Windows
            signal.signal(number, _on_signal)


class _WholeWrites(io.RawIOBase):
    """A file descriptor that takes every byte it is given, or raises: a short
    write (a full disk, a file size limit, a pipe) is continued, and a full
    non-blocking pipe (EAGAIN) is waited on. Python's own stdout drops what a
    short write leaves, buffered or not (BufferedWriter.write returns the short
    count, and TextIOWrapper ignores it), and the tool would exit 0."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data: Any) -> int:
        import errno
        import select

        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            try:
                written = os.write(self.fd, view[done:])
            except BlockingIOError:
                select.select([], [self.fd], [])  # until the reader makes room
                continue
            if written <= 0:  # nothing taken and no error: never loop forever
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            done += written
        return done


def _whole_writes() -> None:
    """stdout and stderr get a writer that writes all or raises (the OSError
    becomes a Danish message and exit code 2 in `main`). Only a stream on a
    plain file descriptor (FileIO) is replaced: a Windows console (its own
    raw class) and a test's capture are left alone. The descriptor's mode is
    left alone too: another process may share it. Unbuffered output
    (PYTHONUNBUFFERED=1) stays unbuffered."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        binary = getattr(stream, "buffer", None)
        raw = getattr(binary, "raw", binary)
        if type(raw) is not io.FileIO:
            continue
        try:
            fd = raw.fileno()
            stream.flush()
        except (OSError, ValueError):  # closed: main() and the commands say so
            continue
        target: Any = _WholeWrites(fd)
        if binary is not raw:  # buffered, as Python made it: keep it buffered
            target = io.BufferedWriter(target)
        wrapped = io.TextIOWrapper(
            target,
            encoding=stream.encoding,
            errors=stream.errors,
            line_buffering=stream.line_buffering,
            write_through=True,
        )
        setattr(sys, name, wrapped)


def _degrade_encoding() -> None:
    """Output that the terminal's encoding cannot show (an en dash in Latin-1 or
    ASCII) is replaced, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _output_failed(exc: OSError) -> int:
    """stdout cannot take the output (a full disk, a closed pipe): one line on
    stderr, and no second failure when Python flushes at exit."""
    import errno

    from stalkcard.errors import os_reason

    with contextlib.suppress(OSError, ValueError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the failed stdout
    if exc.errno == errno.EPIPE:
        return 0  # the reader stopped reading (| head): nothing is wrong
    error(_("Kan ikke skrive output: {reason}").format(reason=os_reason(exc)))
    return int(ExitCode.INVALID)


def main(run: Callable[[], None]) -> None:
    """The app (`run`), inside the tool's last line of defence against a
    closed or full stdout, a signal, and an encoding that cannot show a letter."""
    if sys.stdout is None:  # started with stdout closed (>&-)
        error(_("Kan ikke skrive output: {reason}").format(reason=_("udgangen er lukket")))
        sys.exit(int(ExitCode.INVALID))
    _whole_writes()
    _degrade_encoding()
    install_signal_handlers()
    try:
        run()
        sys.stdout.flush()
    except OutputClosed as closed:
        sys.exit(_output_failed(closed.error))
    except Terminated as stop:
        with contextlib.suppress(Exception):
            error(_("Afbrudt af et signal. Intet er gemt."))
        sys.exit(128 + stop.signum)
    except SystemExit as done:
        try:
            sys.stdout.flush()
        except OSError as exc:
            sys.exit(_output_failed(exc))
        raise done
    except OSError as exc:
        sys.exit(_output_failed(exc))
