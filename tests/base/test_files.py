"""Reading the files a user names (stalkcard/files.py): a card or an answers file
however broken, huge or not a file at all (a FIFO, /dev/stdin) is refused in
Danish, at once, without a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import normalise, posix, run_stalkcard, stalkcard_command
from typer.testing import CliRunner

from stalkcard.card.reading import card_from_bytes
from stalkcard.cli.app import app
from stalkcard.errors import CardError

# Hostile files through the commands ---------------------------------------------------------


def _alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def _write(path: Path, kind: str) -> Path:
    target = path / f"{kind}.yaml"
    contents: dict[str, bytes] = {
        "empty": b"",
        "scalar": b"42\n",
        "list": b"- meta\n- stalking\n",
        "syntax": b"meta:\n  title: 'unclosed\n  version: [1, 2\n",
        "tabs": b"meta:\n\ttitle: x\n",
        "python_tag": b"meta: !!python/object/apply:os.system ['echo ran > /tmp/ran']\n",
        "python_name": b"meta: !!python/name:os.system\n",
        "alias_bomb": _alias_bomb(),
        "nesting": b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "nesting_blocks": b"".join(b"  " * i + b"k:\n" for i in range(5000)),
        "latin1": "meta:\n  title: Hærværk\n".encode("latin-1"),
        "utf16": "meta: x\n".encode("utf-16"),
        "bom_only": b"\xef\xbb\xbf",
        "bom_garbage": b"\xef\xbb\xbf: : :\n",
        "nul": b"meta:\x00\n",
    }
    if kind == "huge":
        with target.open("wb") as handle:
            chunk = b"# " + b"x" * 1022 + b"\n"
            for _ in range(50 * 1024):  # 50 MiB
                handle.write(chunk)
        return target
    if kind == "folder":
        target.mkdir()
        return target
    if kind == "missing":
        return target
    target.write_bytes(contents[kind])
    return target


KINDS = [
    "empty", "scalar", "list", "syntax", "tabs", "python_tag", "python_name", "alias_bomb",
    "nesting", "nesting_blocks", "latin1", "utf16", "bom_only", "bom_garbage", "nul", "huge",
    "folder", "missing",
]  # fmt: skip
DANISH = re.compile(r"(findes ikke|mappe|for stor|UTF-8|er tom|ikke gyldig YAML|aliaser|"
                    r"YAML-mærker|for dybt|skal være|kan ikke bruges|ikke tilladt)")  # fmt: skip


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "command",
    [["validate", "{}"], ["--card", "{}", "show"], ["--card", "{}", "contacts"]],
    ids=["validate", "show", "contacts"],
)
def test_hostile_card_files(hostile_dir: Path, kind: str, command: list[str]) -> None:
    folder = hostile_dir / kind
    if not folder.exists():
        folder.mkdir()
        _write(folder, kind)
    target = folder / f"{kind}.yaml"
    args = [a.replace("{}", str(target)) for a in command]
    started = time.perf_counter()
    result = CliRunner().invoke(app, args)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2, (kind, result.output)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert DANISH.search(normalise(result.output)), result.output
    assert "Traceback" not in result.output
    assert elapsed < 1.0, f"{kind}: {elapsed:.2f} s"
    assert not Path("/tmp/ran").exists()


@pytest.mark.parametrize("kind", ["alias_bomb", "nesting", "python_tag", "huge"])
def test_hostile_card_in_a_real_process(hostile_dir: Path, kind: str) -> None:
    folder = hostile_dir / f"proc-{kind}"
    folder.mkdir(exist_ok=True)
    target = _write(folder, kind)
    result = run_stalkcard(["--card", str(target), "show"], {"COLUMNS": "100"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert DANISH.search(result.stderr), result.stderr
    assert result.stdout == ""


def test_alias_bomb_memory_stays_small() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(CardError, match="aliaser"):
            card_from_bytes(_alias_bomb(), "bombe.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "huge"])
def test_hostile_answers_files(hostile_dir: Path, kind: str) -> None:
    folder = hostile_dir / f"answers-{kind}"
    folder.mkdir(exist_ok=True)
    target = _write(folder, kind)
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["check", "--answers", str(target)])
    assert time.perf_counter() - started < 1.0
    assert result.exit_code == 2, (kind, result.output)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Resultat" not in result.output


def test_huge_answers_file(hostile_dir: Path) -> None:
    folder = hostile_dir / "answers-huge"
    folder.mkdir(exist_ok=True)
    target = _write(folder, "huge")
    result = CliRunner().invoke(app, ["check", "--answers", str(target)])
    assert result.exit_code == 2
    assert "Svarfilen er for stor" in result.output


# Reading what is not a file ----------------------------------------------------------------------


@posix
@pytest.mark.parametrize("option", ["--card", "--answers"])
def test_fifo_is_refused_not_waited_on(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    args = (
        ["--card", str(fifo), "show"] if option == "--card" else ["check", "--answers", str(fifo)]
    )
    started = time.monotonic()
    result = run_stalkcard(args)
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    assert "ikke en almindelig fil" in result.stderr


@posix
def test_dev_stdin_as_answers_is_refused() -> None:
    command = stalkcard_command()
    result = subprocess.run(
        [*command, "check", "--answers", "/dev/stdin"], input="role: victim\n",
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "ikke en almindelig fil" in result.stderr
