"""Vejle's card, the second bundled card: valid, its own questions, through every
command, its line and e-mail shown whole; no word of Skanderborg's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CONTENT
from typer.testing import CliRunner

from stalkcard.card.model import YES
from stalkcard.cli.app import app

VEJLE = CONTENT / "vejle.yaml"

# A second card: Vejle's, through every command -------------------------------------------

SKANDERBORG = (
    "skanderborg", "ressourceperson", "8794", "2031 5268", "20315268", "2517 7374", "25177374",
    "7628 1448", "76281448",
)  # fmt: skip


def _vejle(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["--card", str(VEJLE), *args])
    assert result.exit_code == 0, (args, result.output)
    out = result.output
    for word in SKANDERBORG:
        assert word not in out.casefold(), (args, word)
    return out


def test_vejle_card_validates(runner: CliRunner) -> None:
    out = _vejle(runner, "validate")
    assert "Kortet er gyldigt" in out
    assert "Ved mistanke om stalking: råd og kontakt" in out
    assert "6 afsnit, 6 spørgsmål, 1 kontakt, 6 trin." in out


@pytest.mark.parametrize(
    "args",
    [["show"], ["show", "--supplements"], ["show", "-f", "markdown"], ["show", "-f", "json"],
     ["show", "kontakt"], ["contacts"], ["contacts", "--json"], ["contacts", "rådgivning"],
     ["log"], ["log", "-f", "csv"]],
)  # fmt: skip
def test_vejle_card_in_every_command(runner: CliRunner, args: list[str]) -> None:
    out = _vejle(runner, *args)
    if args[0] in ("show", "contacts"):
        assert "76 81 80 98" in out  # its one contact


def _vejle_questions(runner: CliRunner) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(_vejle(runner, "show", "-f", "json"))["questions"]
    return listed


def _vejle_answer_sets(runner: CliRunner) -> Iterator[tuple[str, str, dict[str, str]]]:
    """For every choice of every question in `show --format json`: the answers
    that give it, the others at their start (or first) choice."""
    listed = _vejle_questions(runner)
    base = {q["id"]: q["start"] or q["choices"][0]["id"] for q in listed if q["required"]}
    for q in listed:
        for choice in q["choices"]:
            yield q["id"], choice["id"], {**base, q["id"]: choice["id"]}


def test_vejle_questions_are_its_own(runner: CliRunner) -> None:
    listed = _vejle_questions(runner)
    assert [q["id"] for q in listed] == [
        "danger", "unwanted", "persistent", "boundary_crossing", "intimidating", "children",
    ]  # fmt: skip
    assert [q["id"] for q in listed if q["danger"]] == ["danger"]
    assert sum(len(q["choices"]) for q in listed) == 18


@pytest.mark.parametrize("output", ["text", "json"])
def test_vejle_check_takes_every_choice_of_every_question(runner: CliRunner, output: str) -> None:
    seen = 0
    for key, choice, answers in _vejle_answer_sets(runner):
        args = ["check", "--format", output]
        for name, value in answers.items():
            args += ["--answer", f"{name}={value}"]
        out = _vejle(runner, *args)
        seen += 1
        if output == "json":
            data = json.loads(out)
            assert data["answers"][key] == choice
            contact = next(s for s in data["steps"] if s["id"] == "kontakt")
            assert contact["contacts"] == ["stalking_raadgivning"]
            assert data["urgent"] == (data["answers"]["danger"] in (YES, "unknown"))
        else:
            assert "76 81 80 98" in out
    assert seen == 18


VEJLE_LINE = (
    "Vejle Kommunes Stalking Rådgivning: telefon 76 81 80 98, mandag til fredag kl. "
    "8.30-11.00. E-mail: Tregs@Vejle.dk"
)


def test_the_card_line_wraps_and_keeps_the_number_whole(runner: CliRunner) -> None:
    """Vejle's line has text after the number: at 60 and 50 columns none of it is cut."""
    for columns in ("60", "50"):
        result = runner.invoke(
            app, ["--card", "vejle", "show", "kontakt"], env={"COLUMNS": columns}
        )
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.split())
        assert VEJLE_LINE in text, text
        assert any("76 81 80 98" in line for line in result.stdout.splitlines())


def test_the_e_mail_and_own_hours_are_shown(runner: CliRunner, tmp_path: Path) -> None:
    answers = ["--answer", "danger=no", "--answer", "unwanted=yes", "--answer", "persistent=yes",
               "--answer", "boundary_crossing=yes", "--answer", "intimidating=yes"]  # fmt: skip
    result = runner.invoke(app, ["--card", "vejle", "check", *answers], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "76 81 80 98 (hverdage kl. 08:30-11:00; e-mail Tregs@Vejle.dk)" in result.stdout
    listed = runner.invoke(app, ["--card", "vejle", "contacts"], env={"COLUMNS": "200"})
    assert "E-mail: Tregs@Vejle.dk" in listed.stdout
    found = json.loads(runner.invoke(app, ["--card", "vejle", "contacts", "--json"]).stdout)
    line = next(c for c in found if c["id"] == "stalking_raadgivning")
    assert line["email"] == "Tregs@Vejle.dk" and line["hours"][0]["opens"] == "08:30"
    vcf = tmp_path / "k.vcf"
    done = runner.invoke(app, ["--card", "vejle", "contacts", "--vcard", str(vcf)])
    assert done.exit_code == 0, done.output
    assert "EMAIL;TYPE=INTERNET,WORK:Tregs@Vejle.dk" in vcf.read_text(encoding="utf-8")
