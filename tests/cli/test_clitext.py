"""The command line's frame (help, usage, errors) speaks the user's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import DANGER as CHECK
from helpers import card_with, run_stalkcard
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


@pytest.mark.parametrize(
    ("after", "before"),
    [
        (["show", "--lang", "en"], ["--lang", "en", "show"]),
        (["show", "--lang=en"], ["--lang", "en", "show"]),
        (["show", "stalking", "--lang", "en"], ["--lang", "en", "show", "stalking"]),
        (["contacts", "politi", "--lang", "en"], ["--lang", "en", "contacts", "politi"]),
        ([*CHECK, "--lang", "en"], ["--lang", "en", *CHECK]),
        (["log", "--lang", "en"], ["--lang", "en", "log"]),
        (["validate", "--lang", "en"], ["--lang", "en", "validate"]),
    ],
)
def test_global_options_after_the_command(
    runner: CliRunner, after: list[str], before: list[str]
) -> None:
    from stalkcard.i18n import set_language

    try:
        english = runner.invoke(app, before)
        result = runner.invoke(app, after)
    finally:
        set_language("da")
    assert result.exit_code == 0, result.output  # was 2: "No such option"
    assert english.exit_code == 0
    assert result.output == english.output


def test_card_after_the_command(tmp_path: Path, runner: CliRunner) -> None:
    path = card_with(tmp_path, '"Sofie Jensen"', '"Sofie Jensen-Testesen"')
    for args in (["contacts", "sofie", "--card", str(path)], ["show", f"--card={path}"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "Sofie Jensen-Testesen" in result.output


def test_global_options_first_leaves_the_rest_alone() -> None:
    from stalkcard.cli.app import app as typer_app
    from stalkcard.cli.clitext import global_options_first

    group = __import__("typer").main.get_command(typer_app)
    assert global_options_first(["show", "--lang", "en"], group) == ["--lang", "en", "show"]
    assert global_options_first(["--card", "show", "show"], group) == ["--card", "show", "show"]
    assert global_options_first(["html", "--lang", "en"], group) == ["html", "--lang", "en"]
    assert global_options_first(["contacts", "--", "--lang"], group) == ["contacts", "--", "--lang"]
    assert global_options_first(["show", "--lang"], group) == ["show", "--lang"]
