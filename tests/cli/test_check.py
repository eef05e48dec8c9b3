"""`stalkcard check` without prompts: --answers, --answer, --format, --note, no terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import (
    DANGER,
    bundled_contacts,
    card_phones,
    clock_at,
    first_group,
    normalise,
    run_stalkcard,
)
from typer.testing import CliRunner

from stalkcard.cli.app import app

VICTIM = [
    "--answer", "role=victim",
    "--answer", "danger=no",
    "--answer", "forms=messages,digital",
    "--answer", "unwanted=yes",
    "--answer", "one_sided=unknown",
    "--answer", "repeated=yes",
]  # fmt: skip
YAML_ANSWERS = (
    "role: victim\ndanger: no\nforms: [messages, digital]\n"
    "unwanted: yes\none_sided: unknown\nrepeated: yes\n"
)


def _json(runner: CliRunner, args: list[str]) -> dict[str, object]:
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_answer_options_json(runner: CliRunner) -> None:
    data = _json(runner, VICTIM)
    assert data["assessment"] == "criteria_unclear"
    assert data["urgent"] is False
    assert "role" not in data  # no card-specific keys at the top: the answers say it
    assert data["answers"] == {
        "role": "victim",
        "danger": "no",
        "forms": ["messages", "digital"],
        "unwanted": "yes",
        "one_sided": "unknown",
        "repeated": "yes",
        "children": "unknown",
        "unit": "other",
    }
    assert data["suggested"] == []
    contacts = {c["name"]: c["phone"] for c in data["contacts"]}  # type: ignore[attr-defined]
    assert contacts["Dansk Stalking Center"] == "2517 7374"
    assert contacts["Sydøstjyllands Politi"] == "7628 1448"
    assert contacts["Marlene Skousbøll Bendix"] == "2031 5268"
    steps = [s["id"] for s in data["steps"]]  # type: ignore[attr-defined]
    assert steps == ["sparring", "handling", "own_options", "network", "coordination", "referral"]
    assert [s["id"] for s in data["supplements"]] == [  # type: ignore[attr-defined]
        "crime",
        "single_offences",
        "restraining_orders",
        "victim_lawyer",
        "victim_support",
        "safety_plan",
        "others_read",
        "duty_to_notify_check",  # children unknown: a question, not the order (issue 23)
        "hotline_1888",
        "log_tools",
    ]
    assert all(s["part_of_card"] is False for s in data["supplements"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_answers_file_gives_the_same_result(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"svar{suffix}"
    if suffix == ".json":
        path.write_text(
            json.dumps(
                {
                    "role": "victim",
                    "danger": "no",
                    "forms": ["messages", "digital"],
                    "unwanted": "ja",
                    "one_sided": "ved ikke",
                    "repeated": True,
                }
            ),
            encoding="utf-8",
        )
    else:
        path.write_text(YAML_ANSWERS, encoding="utf-8")
    assert _json(runner, ["--answers", str(path)]) == _json(runner, VICTIM)


def test_answer_overrides_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "svar.yaml"
    path.write_text(YAML_ANSWERS, encoding="utf-8")
    data = _json(runner, ["--answers", str(path), "--answer", "danger=ja"])
    assert data["urgent"] is True
    assert data["supplements"][0]["id"] == "acute_danger"  # type: ignore[index]


def test_text_result_leads_with_112_when_urgent(runner: CliRunner) -> None:
    args = [a.replace("danger=no", "danger=yes") for a in VICTIM]
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("ring 112 nu") < out.index("Resultat af screeningen")
    # Issue 23: 112 first; the supplement legend right under its frame.
    assert out.index("ring 112 nu") < out.index("Tillæg – ikke en del af handlekortet")
    assert out.index("Tillæg – ikke en del af handlekortet") < out.index("Resultat af screeningen")
    assert "AKUT FARE" in out


@pytest.mark.parametrize("role", ["victim", "perpetrator", "unknown"])
def test_text_result_always_names_who_to_call(runner: CliRunner, role: str) -> None:
    result = runner.invoke(
        app,
        ["check", "--answer", f"role={role}", "--answer", "danger=no",
         "--answer", "unwanted=no", "--answer", "one_sided=no", "--answer", "repeated=no"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    flat = normalise(result.output)
    assert "mindst ét af kortets kendetegn ikke til stede" in flat
    assert "Ikke til stede efter dine svar: Uønsket" in flat
    assert "måske ikke" not in flat  # no verdict
    assert "Straffelovens § 242" in flat  # the law stands on this path too
    assert "skal du handle på din mistanke" in flat
    for phone in card_phones(first_group()):
        assert phone in flat
    for c in bundled_contacts():
        if c.group != first_group():  # the organisations, with their names
            assert f"{c.name}: {c.phone}" in flat
    assert "Anvis altid til både Dansk Stalking Center samt den lokale politistation." in flat
    # Issue 23: no step of the card vanishes; on the perpetrator path it is named.
    assert "Borgerens egne handlemuligheder" in flat
    if role == "perpetrator":
        assert "Borgerens egne handlemuligheder (gælder især den udsatte)" in flat
    if role == "unknown":
        assert "Borgerens egne handlemuligheder (Hvis borgeren er den udsatte)" in flat


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--answer", "role=victim"], ['Svaret "danger" mangler']),
        ([*VICTIM, "--answer", "repeated=kanske"], ['"repeated"', "to gange"]),
        (
            [a.replace("role=victim", "role=offer") for a in VICTIM],
            ['"role"', "victim, perpetrator, unknown"],
        ),
        (
            [a.replace("forms=messages,digital", "forms=brev") for a in VICTIM],
            ['"forms"', "messages, through_others"],
        ),
        (["--answer", "role"], ["SPØRGSMÅL=SVAR"]),
        (["--answers", "/findes/ikke.yaml"], ["Svarfilen findes ikke"]),
    ],
)
def test_invalid_answers_exit_2(runner: CliRunner, args: list[str], words: list[str]) -> None:
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "content",
    [
        "- role\n- victim\n",
        "role: [unclosed\n",
        "a: &x 1\nb: *x\n",
        "role: !!python/name:os.system\n",
    ],
)
def test_broken_answers_files_exit_2(runner: CliRunner, tmp_path: Path, content: str) -> None:
    path = tmp_path / "svar.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", "--answers", str(path)])
    assert result.exit_code == 2, result.output
    assert str(path) in result.output


def test_no_terminal_and_no_answers_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check"], input="\n\n\n")
    assert result.exit_code == 2
    assert "--answers" in result.output
    assert "Resultat" not in result.output


# --note ------------------------------------------------------------------------------


def test_note_is_private_and_complete(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "notat.md"
    result = runner.invoke(app, ["check", *VICTIM, "--note", str(note)])
    assert result.exit_code == 0, result.output
    assert "Notatet er gemt" in result.output
    if os.name == "posix":
        assert note.stat().st_mode & 0o777 == 0o600
    text = note.read_text(encoding="utf-8")
    # Issue 23: a plain-text record; the signs' answers stand under SVAR.
    assert text.startswith("NOTAT: SCREENING FOR STALKING\nDato: ")
    assert "Ingen navne, CPR-numre eller andre personoplysninger i notatet." in text
    assert "Svar givet af sagsbehandleren" in text and "(dansk tid)" in text
    assert "- Mistanken drejer sig om: Borgeren bliver udsat for stalking" in text
    assert "et eller flere af kortets kendetegn endnu uklare" in text
    assert "- Uønsket (den udsatte har sagt fra): Ja" in text
    assert "- Ensidig kontakt: Ved ikke" in text
    first, last = bundled_contacts()[0], bundled_contacts()[-1]
    assert f"{first.name}, {first.unit}: {first.phone}" in text
    assert f"{last.name}: {last.phone}" in text
    assert "Inddragelse af borgerens netværk" in text
    assert "TILLÆG (ikke en del af handlekortet" in text
    assert [p.name for p in tmp_path.iterdir()] == ["notat.md"]  # no temporary file left


def test_note_never_overwrites_without_force(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "notat.md"
    note.write_text("vigtigt", encoding="utf-8")
    result = runner.invoke(app, ["check", *VICTIM, "--note", str(note)])
    assert result.exit_code == 2
    assert "Filen findes allerede" in result.output
    assert note.read_text(encoding="utf-8") == "vigtigt"
    forced = runner.invoke(app, ["check", *VICTIM, "--note", str(note), "--force"])
    assert forced.exit_code == 0, forced.output
    assert note.read_text(encoding="utf-8").startswith("NOTAT: SCREENING FOR STALKING")
    if os.name == "posix":
        assert note.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notat.md"]


def test_note_into_missing_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", *VICTIM, "--note", str(tmp_path / "nej" / "n.md")])
    assert result.exit_code == 2
    assert "Mappen findes ikke" in result.output


def test_nothing_is_written_without_note(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    result = runner.invoke(app, ["check", *VICTIM])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []


# The closing summary and the suggestion (issue: the answer at the moment of need) -------

UNIT_CASE = [
    "check",
    *("--answer", "role=victim", "--answer", "danger=yes", "--answer", "unwanted=yes"),
    *("--answer", "one_sided=yes", "--answer", "repeated=yes", "--answer", "unit=ungeenheden"),
]


MONDAY_10 = "2026-11-30 10:00:00"  # inside the contacts' (assumed) office hours
SATURDAY_22 = "2026-11-28 22:00:00"  # outside them


def test_text_result_ends_with_the_summary() -> None:
    result = run_stalkcard(UNIT_CASE, {"COLUMNS": "80", **clock_at(MONDAY_10)})
    assert result.returncode == 0, result.stderr
    last = result.stdout.rstrip("\n").splitlines()[-15:]
    tail = "\n".join(last)
    for needle in ("112", "8794 7983", "2517 7374", "7628 1448"):
        assert needle in tail, (needle, tail)
    assert last[0].strip().startswith("─") or "Kort sagt" in tail
    # With danger = yes the 112 instruction itself leads the summary, in words.
    summary = tail[tail.index("Kort sagt") :]
    # Issue 23: danger "Ja" gets the plain instruction, without a hedge.
    assert summary.splitlines()[1] == "Ring 112 nu."
    # Every contact the rules showed is listed (issue 22: none dropped), and the
    # summary still fits a 24-row screen with the note's question below it.
    assert len(result.stdout[result.stdout.index("Kort sagt") :].splitlines()) <= 15


def test_json_suggests_the_own_units_person_first() -> None:
    result = run_stalkcard([*UNIT_CASE, "--format", "json"])
    data = json.loads(result.stdout)
    assert data["suggested"][0]["phone"] == "8794 7983"
    assert data["suggested"][0]["id"] == "vibeke_soenderskov_kristensen"


def test_children_add_boern_og_unge_after_the_own_unit() -> None:
    result = run_stalkcard([*UNIT_CASE, "--answer", "children=yes", "--format", "json"])
    phones = [c["phone"] for c in json.loads(result.stdout)["suggested"]]
    assert phones == ["8794 7983", "8794 7268"]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("ungeenheden", "vibeke_soenderskov_kristensen"), ("børn og unge", "anne_bennike_hansen"),
     ("Børn & Unge", "anne_bennike_hansen"), ("ssp", "marlene_skousboell_bendix"),
     ("sofie_jensen", "sofie_jensen"), ("other", None), ("andet", None)],
)  # fmt: skip
def test_unit_is_matched_like_a_search(runner: CliRunner, unit: str, expected: str | None) -> None:
    args = [a.replace("unit=ungeenheden", f"unit={unit}") for a in UNIT_CASE]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    suggested = [c["id"] for c in json.loads(result.output)["suggested"]]
    assert suggested == ([expected] if expected else [])


def test_an_ambiguous_unit_names_the_units(runner: CliRunner) -> None:
    args = [a.replace("unit=ungeenheden", "unit=arbejdsmarked") for a in UNIT_CASE]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Ungeenheden (ungeenheden)" in result.output


def test_stalkcard_unit_from_the_environment(runner: CliRunner) -> None:
    args = UNIT_CASE[:-2]  # no unit answer
    assert "unit=ungeenheden" not in args
    result = runner.invoke(app, [*args, "--format", "json"], env={"STALKCARD_UNIT": "ssp"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["suggested"][0]["phone"] == "2031 5268"
    # An explicit answer wins over the environment.
    given = runner.invoke(app, [*UNIT_CASE, "--format", "json"], env={"STALKCARD_UNIT": "ssp"})
    assert json.loads(given.output)["suggested"][0]["phone"] == "8794 7983"
    bad = runner.invoke(app, args, env={"STALKCARD_UNIT": "zebra"})
    assert bad.exit_code == 2
    assert "STALKCARD_UNIT" in bad.output


# No answer to danger is assumed (issue 16, point 1) ---------------------------------


@pytest.mark.parametrize("word", ["unknown", "ved_ikke", "ved ikke"])
def test_danger_unknown_brings_112_and_is_recorded_as_such(runner: CliRunner, word: str) -> None:
    args = [a.replace("danger=no", f"danger={word}") for a in VICTIM]
    data = _json(runner, args)
    assert data["urgent"] is True
    assert data["answers"]["danger"] == "unknown"  # type: ignore[index]
    assert data["supplements"][0]["id"] == "acute_danger_possible"  # type: ignore[index]
    text = runner.invoke(app, ["check", *args])
    assert text.exit_code == 0, text.output
    assert "MULIG AKUT FARE" in text.output
    assert "Ring 112 nu, hvis nogen er i akut fare." in text.output
    assert "Akut fare lige nu: Ved ikke" in normalise(text.output)


def test_danger_no_brings_no_112_alarm(runner: CliRunner) -> None:
    text = runner.invoke(app, ["check", *VICTIM])
    assert text.exit_code == 0, text.output
    assert "AKUT FARE" not in text.output
    assert "Akut fare lige nu: Nej" in normalise(text.output)


LONGEST = ["--answer", "role=unknown", "--answer", "danger=yes", "--answer", "unwanted=unknown",
           "--answer", "one_sided=unknown", "--answer", "repeated=unknown",
           "--answer", "children=yes", "--answer", "unit=ungeenheden"]  # fmt: skip


@pytest.mark.parametrize("args", [LONGEST, VICTIM], ids=["urgent", "not-urgent"])
def test_the_supplement_mark_is_a_legend_once_per_result(
    runner: CliRunner, args: list[str]
) -> None:
    """Issue 23, point 8: "Tillæg – ikke en del af handlekortet" once per result, as
    a legend for the frames and the "(tillæg)" marks, not as every panel's title;
    the 112 lead stays first, its text the first line in its red frame."""
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("Tillæg – ikke en del af handlekortet") == 1, out
    lines = out.splitlines()
    legend = next(i for i, line in enumerate(lines) if "ikke en del af handlekortet" in line)
    assert "tekst i ramme" in lines[legend] and "(tillæg)" in lines[legend]
    if args is LONGEST:
        assert lines[0] == "AKUT FARE" and lines[1].startswith("┌")
        assert lines[2].startswith("│ Nogen er i akut fare: ring 112 nu.")
        assert legend < lines.index("Resultat af screeningen")
    else:
        assert lines[legend + 1].startswith("┌")


# Clean JSON --------------------------------------------------------------------------------------


def test_json_stays_json_with_a_note(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    result = run_stalkcard([*DANGER, "-f", "json", "--note", str(note)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["urgent"] is True
    assert "Notatet er gemt" in result.stderr
    assert note.exists()
