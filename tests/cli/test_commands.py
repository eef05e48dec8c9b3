"""show, contacts, validate, --card, --version, --help and shell completion through
the CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import bundled_contacts, card_phones, normalise, run_stalkcard
from typer.testing import CliRunner

from stalkcard import __version__
from stalkcard.cli.app import app

ANSI = re.compile(r"\x1b\[")


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"stalkcard {__version__}"


def test_help_lists_commands_in_danish(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    for command in ("show", "contacts", "validate", "check"):
        assert command in result.output
    assert "Vis hele handlekortet" in result.output
    assert "--install-completion" not in result.output


def test_every_command_has_help_text(runner: CliRunner) -> None:
    for command in ("show", "contacts", "validate", "check"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert len(result.output.splitlines()) > 3


def test_bare_command_without_terminal_prints_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert "Kommandoer" in result.output and "check" in result.output


# show -------------------------------------------------------------------------


def test_show_text_has_headings_contacts_and_no_ansi(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert not ANSI.search(out)
    for heading in ("STALKING", "Eksempler på stalking", "MISTANKE", "SPARRING", "HANDLING"):
        assert heading in out
    assert "Vibeke Sønderskov Kristensen" in out
    assert "Ungeenheden, 8794 7983" in out
    assert "Dansk Stalking Center, tlf.nr: 2517 7374" in out
    assert "Tillæg" not in out
    assert not any(line != line.rstrip() for line in out.splitlines())


def test_show_one_section(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "sparring"])
    assert result.exit_code == 0, result.output
    assert "SPARRING" in result.output
    assert "Nikoline Petersen" in result.output
    assert "STALKING" not in result.output
    assert "VIDERE HANDLING" not in result.output


def test_show_unknown_section(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "sparing"])
    assert result.exit_code == 2
    assert 'Afsnittet "sparing" findes ikke' in result.output
    assert "sparring" in result.output


def test_show_markdown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("# Actioncard ved mistanke om stalking under kontakt med borger\n")
    assert "## SPARRING" in out
    assert "### Eksempler på stalking" in out
    assert "- **GAVER**  \n  Fx modtagelse af uønskede blomster, gaver eller varer." in out
    assert "  SSP konsulent, 2031 5268" in out


def test_show_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["meta"]["version"] == "1.0"
    assert data["contacts"][3]["phone"] == "2031 5268"
    assert "supplements" not in data
    section = json.loads(runner.invoke(app, ["show", "handling", "-f", "json"]).output)
    assert set(section) == {"meta", "sections", "contacts"}
    assert [s["id"] for s in section["sections"]] == ["handling"]
    # The section names its contacts by id; their numbers come with it.
    assert {c["name"]: c["phone"] for c in section["contacts"]} == {
        "Dansk Stalking Center": "2517 7374",
        "Sydøstjyllands Politi": "7628 1448",
    }
    text = json.loads(runner.invoke(app, ["show", "mistanke", "-f", "json"]).output)
    assert set(text) == {"meta", "sections"}


def test_show_supplements_are_apart_and_marked(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "--supplements"])
    assert result.exit_code == 0, result.output
    out = result.output
    label = out.index("Tillæg – ikke en del af handlekortet")
    assert label > out.index("Anvis altid til både Dansk Stalking Center")
    assert "ring 112" in out[label:]
    assert "Kilde:" in out[label:]
    markdown = runner.invoke(app, ["show", "--supplements", "-f", "markdown"]).output
    assert "## Tillæg – ikke en del af handlekortet" in markdown
    assert "> _Kilde: " in markdown


def test_show_invalid_format(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "--format", "pdf"])
    assert result.exit_code == 2


@pytest.mark.parametrize("width", [40, 60, 100])
def test_show_wraps_without_cutting(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, ["show", "--supplements"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in result.output
    flat = normalise(result.output)
    assert "udelukker ikke stalking" in flat
    assert "Pligten er personlig: du eller din leder sender underretningen" in flat
    # A phone number is never broken across lines.
    for phone in card_phones():
        assert any(phone in line for line in lines), phone


def test_card_text_is_not_markup(runner: CliRunner, make_card: Callable[..., Path]) -> None:
    path = make_card('heading: "MISTANKE"', 'heading: "MISTANKE [bold]vigtigt[/bold] :warning:"')
    result = runner.invoke(app, ["--card", str(path), "show", "mistanke"])
    assert result.exit_code == 0, result.output
    assert "MISTANKE [bold]vigtigt[/bold] :warning:" in result.output


def test_no_color_is_honoured_even_when_forced(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-8]|9[0-7])[0-9;]*m")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    coloured = runner.invoke(app, ["show", "--supplements"]).output
    assert colour.search(coloured)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = runner.invoke(app, ["show", "--supplements"]).output
    assert not colour.search(plain)
    assert "Tillæg" in plain


# contacts -----------------------------------------------------------------------


def test_contacts_lists_all_seven(runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts"])
    assert result.exit_code == 0, result.output
    assert len(bundled_contacts()) == 7  # the card's five persons and two organisations
    for name, phone in [(c.name, c.phone) for c in bundled_contacts()]:
        row = next(line for line in result.output.splitlines() if name in line)
        assert phone in row, (name, row)


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("soenderskov", "Vibeke Sønderskov Kristensen", "Sofie Jensen"),
        ("ungeenheden", "Vibeke Sønderskov Kristensen", "Nikoline Petersen"),
        ("politi", "Sydøstjyllands Politi", "Dansk Stalking Center"),
        ("SSP", "Marlene Skousbøll Bendix", "Anne Bennike Hansen"),
    ],
)
def test_contacts_query(runner: CliRunner, query: str, expected: str, absent: str) -> None:
    result = runner.invoke(app, ["contacts", query])
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert absent not in result.output


def test_contacts_no_match_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts", "zebra"])
    assert result.exit_code == 1
    assert 'Ingen kontakter passer på "zebra"' in result.output


def test_contacts_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len([c for c in data if c["part_of_card"]]) == 7
    police = next(c for c in data if c["id"] == "sydoestjyllands_politi")
    assert police["phone"] == "7628 1448"
    assert police["kind"] == "organisation"
    assert police["purpose"]
    one = json.loads(runner.invoke(app, ["contacts", "sydøstjylland", "--json"]).output)
    assert [c["name"] for c in one] == ["Sydøstjyllands Politi"]


@pytest.mark.parametrize("width", [20, 40, 69, 70, 120])
def test_contacts_phone_whole_at_every_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, ["contacts"])
    assert result.exit_code == 0, result.output
    for phone in card_phones():
        assert any(phone in line for line in result.output.splitlines()), (width, phone)


# validate, --card and STALKCARD_CARD ----------------------------------------------


def test_validate_bundled(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "Kortet er gyldigt" in result.output
    assert "6 afsnit, 8 spørgsmål, 7 kontakter, 6 trin." in result.output


def test_validate_broken_path(runner: CliRunner, make_card: Callable[..., Path]) -> None:
    path = make_card('phone: "2031 5268"', "phone: 20315268")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    # Issue 24: the place by id and name (before: contacts[4].phone).
    assert "kontakten marlene_skousboell_bendix (Marlene Skousbøll Bendix), felt phone" in (
        result.output
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "command", [["show"], ["contacts"], ["validate"], ["check", "--answer", "role=victim"]]
)
def test_global_card_option_reaches_every_command(
    runner: CliRunner, make_card: Callable[..., Path], command: list[str]
) -> None:
    broken = make_card('phone: "2031 5268"', "phone: 20315268")
    result = runner.invoke(app, ["--card", str(broken), *command])
    assert result.exit_code == 2, result.output
    assert str(broken) in result.output


def test_environment_card(runner: CliRunner, make_card: Callable[..., Path]) -> None:
    path = make_card('name: "Sofie Jensen"', 'name: "Sofie Andersen"')
    result = runner.invoke(app, ["contacts", "sofie"], env={"STALKCARD_CARD": str(path)})
    assert result.exit_code == 0, result.output
    assert "Sofie Andersen" in result.output
    missing = runner.invoke(app, ["show"], env={"STALKCARD_CARD": "/findes/ikke.yaml"})
    assert missing.exit_code == 2
    assert "findes ikke" in missing.output


def test_ctrl_c_outside_a_prompt(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from stalkcard.views import terminal as render

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "print_all", interrupted)
    result = runner.invoke(app, ["show"])
    assert result.exit_code == 130
    assert "Afbrudt. Intet er gemt." in result.output


# Shell completion -------------------------------------------------------------------------


def test_builtin_completion_installer_is_off(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--install-completion"])
    assert result.exit_code == 2
    assert "--install-completion" not in runner.invoke(app, ["--help"]).output
    assert "--show-completion" not in runner.invoke(app, ["--help"]).output


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o"), ("zsh", "#compdef"), ("powershell", "Register-ArgumentCompleter")],
)
def test_completion_by_hand(shell: str, marker: str, tmp_path: Path) -> None:
    result = run_stalkcard([], {"_STALKCARD_COMPLETE": f"source_{shell}"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    assert "ExecutionPolicy" not in result.stdout


def test_completion_completes_commands(tmp_path: Path) -> None:
    env = {
        "_STALKCARD_COMPLETE": "complete_bash",
        "_TYPER_COMPLETE_ARGS": "stalkcard con",
        "COMP_WORDS": "stalkcard con",
        "COMP_CWORD": "1",
    }
    assert run_stalkcard([], env, tmp_path).stdout.split() == ["contacts"]


def test_the_contacts_date_is_called_what_it_is(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["show"]).output
    assert "kontaktlisten opdateret 26.11.2026" in shown
    assert "2026-11-26" not in shown  # issue 23: a Danish date in prose
    assert "kontrolleret" not in shown
