"""The program as a process: signals, pipes that close or fill, stdout that fails
or takes part of a write; never a traceback, never exit 0 with a partial file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import DANGER, deadline, posix, run_stalkcard, stalkcard_command
from helpers import DANGER as CHECK

# Signals -----------------------------------------------------------------------------------------


@posix
def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM arrives while the note is being written (inside fsync): the
    temporary file holding the whole note is removed, and the exit is 143."""
    code = f"""
import os, signal, sys
sys.argv = ["stalkcard", "log", "-o", {str(tmp_path / "log.md")!r}]
real = os.fsync
def fsync(fd):
    os.kill(os.getpid(), signal.SIGTERM)
    real(fd)
os.fsync = fsync
from stalkcard.cli.main import main
main()
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 128 + 15, result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@posix
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_signal_during_a_prompt_restores_the_terminal(tmp_path: Path, signame: str) -> None:
    import signal
    import termios

    pexpect = pytest.importorskip("pexpect")
    command, *prefix = stalkcard_command()
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    child = pexpect.spawn(command, [*prefix, "check"], env=env, encoding="utf-8", timeout=10)
    child.expect_exact("Hvem drejer mistanken sig om?")
    time.sleep(0.5)
    raw_mode = termios.tcgetattr(child.child_fd)
    assert not raw_mode[3] & termios.ICANON  # the prompt has the terminal in raw mode
    child.kill(getattr(signal, signame))
    child.expect(pexpect.EOF)
    output_seen = child.before or ""
    restored = termios.tcgetattr(child.child_fd)
    child.close()
    assert child.exitstatus == 128 + getattr(signal, signame), output_seen
    assert restored[3] & termios.ICANON and restored[3] & termios.ECHO
    assert "\x1b[?25h" in output_seen  # the cursor is shown again
    assert "Traceback" not in output_seen


# Stdout that fails -------------------------------------------------------------------------------


@posix
@pytest.mark.parametrize(
    "args", [["show"], ["contacts"], ["--version"], ["log"], DANGER], ids=lambda a: a[0]
)
def test_full_disk_on_stdout(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*stalkcard_command(), *args], stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Kan ikke skrive output" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@posix
@pytest.mark.parametrize("args", [["show"], ["contacts"], ["--version"]], ids=lambda a: a[0])
def test_closed_stdout(args: list[str]) -> None:
    quoted = " ".join(stalkcard_command() + args)
    result = subprocess.run(
        ["sh", "-c", f"{quoted} >&-"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "udgangen er lukket" in result.stderr


# Pipes: a closed pipe is not "no match"; a full non-blocking pipe loses nothing ---------------

PIPED = {
    "show": ["show", "--supplements"],
    "markdown": ["show", "--format", "markdown"],
    "contacts": ["contacts"],
    "json": ["contacts", "--json"],
    "check": CHECK,
    "html": ["html"],
    "help": ["--help"],
    "command help": ["show", "--help"],
    "version": ["--version"],
}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STALKCARD_CARD", "STALKCARD_LANG")}
    env.update(COLUMNS="100", **extra)
    return env


@posix
@pytest.mark.parametrize("name", list(PIPED))
def test_a_closed_pipe_is_not_no_match(name: str) -> None:
    import subprocess

    from helpers import stalkcard_command

    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte: `| head -c 0`
    try:
        done = subprocess.run(
            [*stalkcard_command(), *PIPED[name]],
            stdout=write,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr  # 1 is "no match" in the README
    assert b"Traceback" not in done.stderr


@posix
@pytest.mark.skipif(not os.path.exists("/proc/sys/fs/pipe-max-size"), reason="Linux pipes")
@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("name", ["html", "show", "check"])
def test_a_full_non_blocking_pipe_loses_nothing(name: str, unbuffered: str) -> None:
    import fcntl
    import subprocess

    from helpers import stalkcard_command

    whole = subprocess.run(
        [*stalkcard_command(), *PIPED[name]], capture_output=True, env=_env(), check=True
    ).stdout
    read, write = os.pipe()
    fcntl.fcntl(write, 1031, 4096)  # F_SETPIPE_SZ: a small pipe fills at once
    os.set_blocking(write, False)  # as a reader in an event loop may leave it
    child = subprocess.Popen(
        [*stalkcard_command(), *PIPED[name]],
        stdout=write,
        stderr=subprocess.PIPE,
        env=_env(PYTHONUNBUFFERED=unbuffered),
    )
    os.close(write)
    time.sleep(0.5)  # the child meets a full pipe before anyone reads
    got = b""
    while chunk := os.read(read, 65536):
        got += chunk
    os.close(read)
    assert child.wait(timeout=60) == 0, child.stderr.read() if child.stderr else ""
    assert len(whole) > 4096
    assert got == whole


# A short write to stdout is continued, and a failing one is an error, not exit 0 --------------


def _limited(limit_kib: int, args: str, unbuffered: str, cwd: Path) -> tuple[int, str, bytes]:
    """Run `stalkcard ARGS > out` under `ulimit -f` (a file size limit: the
    write that crosses it is short, the next one fails with EFBIG)."""
    import shlex
    import subprocess

    from helpers import stalkcard_command

    command = " ".join(shlex.quote(part) for part in stalkcard_command())
    env = {k: v for k, v in os.environ.items() if k not in ("STALKCARD_CARD", "STALKCARD_LANG")}
    env.update(COLUMNS="100", PYTHONUNBUFFERED=unbuffered)
    done = subprocess.run(
        ["bash", "-c", f"ulimit -f {limit_kib}; exec {command} {args} > out"],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stderr, (cwd / "out").read_bytes()


@posix
@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(("args", "limit"), [("html", 20), ("show --format markdown", 1)])
def test_a_write_that_does_not_fit_is_an_error(
    tmp_path: Path, unbuffered: str, args: str, limit: int
) -> None:
    whole = run_stalkcard(args.split()).stdout.encode("utf-8")
    assert len(whole) > limit * 1024
    code, stderr, written = _limited(limit, args, unbuffered, tmp_path)
    assert code == 2, stderr  # never 0 with a partial file
    assert "Traceback" not in stderr
    assert "Kan ikke skrive output: filen er større, end systemet tillader" in stderr
    assert whole.startswith(written)


@posix
@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
def test_a_write_that_fits_is_whole(tmp_path: Path, unbuffered: str) -> None:
    whole = run_stalkcard(["html"]).stdout.encode("utf-8")
    code, stderr, written = _limited(1024, "html", unbuffered, tmp_path)
    assert code == 0, stderr
    assert written == whole


def test_short_writes_are_continued(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A descriptor that takes half of each write (a pipe or a file that accepts
    partial writes) still gets every byte, and a write of nothing is an error."""
    from stalkcard.cli import shell

    real = os.write
    calls = []

    def half(fd: int, data: bytes | memoryview) -> int:
        chunk = bytes(data)[: max(1, len(data) // 2)]
        calls.append(len(chunk))
        return real(fd, chunk)

    target = tmp_path / "out"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        monkeypatch.setattr(shell.os, "write", half)
        assert shell._WholeWrites(fd).write(b"0123456789" * 100) == 1000
        monkeypatch.setattr(shell.os, "write", lambda fd, data: 0)
        with deadline(5), pytest.raises(OSError):
            shell._WholeWrites(fd).write(b"x")
    finally:
        monkeypatch.undo()
        os.close(fd)
    assert target.read_bytes() == b"0123456789" * 100
    assert len(calls) > 5
