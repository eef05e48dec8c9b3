"""The `stalkcard` command's entry point ([project.scripts] and
`python -m stalkcard`): the process around the app, which is
stalkcard.cli.app inside the guard of stalkcard.cli.shell."""

import contextlib


def main() -> None:
    """The `stalkcard` command.

    A short run allocates little that is cyclic, and the cyclic garbage collector
    costs start-up time while the modules import (measured with bench/startup.py),
    so it is off until something long-lived starts: the interactive prompts turn
    it back on.

    At the end the output is flushed and the process ends with os._exit: tearing
    down the interpreter (every imported module, one by one) cost 16 ms of a
    124 ms `stalkcard show` (median of 21, CPU time), and nothing is left to do
    then: every file the tool writes is closed when it is written.
    """
    import gc
    import os
    import sys

    gc.disable()
    from stalkcard.cli.shell import main as guard

    code: object = 0
    try:
        guard(run_app)
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # a message instead of a number: say it, exit 1
        sys.stderr.write(code + "\n")
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def run_app() -> None:
    """The Typer app, imported only when the shell runs it: after its guard is
    in place (whole writes, the encoding, the signal handlers)."""
    from stalkcard.cli.app import run

    run()
