"""The command line's frame (help, usage, errors) speaks the user's language."""

from __future__ import annotations

import re

import pytest
from helpers import run_stalkcard
from typer.testing import CliRunner

from stalkcard.cli.app import app

ENGLISH = re.compile(
    r"Usage|Options|Commands|Arguments|Show this message|Error:|Try '|default:|required\\]"
    r"|Invalid value|No such|Got unexpected|Did you mean|Missing|Aborted|selections"
)
CALLS = [
    ["--help"],
    ["-h"],
    *([command, "--help"] for command in ("check", "contacts", "show", "log", "validate")),
    ["kontakter"],
    ["show", "-f", "xx"],
    ["contacts", "a", "b"],
    ["check", "--note"],
    ["--bogus"],
    ["check", "--bogus"],
    ["check", "--formt", "json"],
    ["log", "-f"],
]


@pytest.mark.parametrize("args", CALLS, ids=" ".join)
def test_no_english_in_danish_mode(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 2), result.output
    assert not ENGLISH.search(result.output), result.output


@pytest.mark.parametrize("args", [["--help"], ["kontakter"], ["check", "--bogus"]], ids=" ".join)
def test_no_english_from_the_installed_command(args: list[str]) -> None:
    result = run_stalkcard(args, {"COLUMNS": "80"})
    assert result.returncode in (0, 2)
    assert not ENGLISH.search(result.stdout + result.stderr), result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["kontakter"], ["show", "-f", "xx"]], ids=" ".join)
def test_english_with_lang_en(args: list[str]) -> None:
    # The language is settled from the command line before the app is built,
    # so this runs the installed command.
    result = run_stalkcard(["--lang", "en", *args], {"COLUMNS": "80"})
    out = result.stdout + result.stderr
    assert re.search(r"Usage|Error:", out), out
    assert "Brug:" not in out and "Fejl:" not in out


def test_mistyped_command_suggests_in_danish(runner: CliRunner) -> None:
    result = runner.invoke(app, ["kontakter"])
    assert result.exit_code == 2
    assert 'Fejl: Kommandoen "kontakter" findes ikke. Mente du "contacts"?' in result.output
    assert 'Mente du "check"?' in runner.invoke(app, ["chek"]).output


def test_bad_choice_names_the_choices(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "-f", "xx"])
    assert result.exit_code == 2
    assert 'Ugyldig værdi for --format / -f: "xx". Vælg en af: "text", "markdown", "json".' in (
        result.output
    )


def test_help_lists_check_first_and_cuts_no_line(runner: CliRunner) -> None:
    out = runner.invoke(app, ["--help"]).output
    commands = out[out.index("Kommandoer:") :]
    names = re.findall(r"^  ([\w-]+)", commands, re.M)
    # Issue 24: schema, the keeper's, last.
    assert names == [
        "check", "contacts", "show", "html", "log", "validate", "copy-card", "new-card", "schema"
    ]  # fmt: skip
    assert "..." not in commands
    assert "Kortets kontakter, og numre, som ikke står på kortet." in " ".join(commands.split())


def test_help_option_and_defaults_in_danish(runner: CliRunner) -> None:
    out = runner.invoke(app, ["check", "--help"]).output
    assert "Brug: stalkcard check [TILVALG]" in out
    assert "Vis denne hjælp og afslut." in out
    assert "[standard: text]" in out


def test_an_escape_in_a_mistyped_command_is_not_echoed_raw(runner: CliRunner) -> None:
    result = runner.invoke(app, ["\x1b]52;c;aGk=\x07"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert "\\x1b" in result.output
