"""Validation: rules that span fields, and every problem reported in one run, in
plain Danish, with places by id or name and the line they stand on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import card_phones, line_of
from helpers import load_error as _error
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path, card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.errors import CardError

UNKNOWN_FIELDS = 12


def six_mistakes() -> str:
    """The bundled card with six different mistakes and twelve unknown fields."""
    text = bundled_card_path().read_text(encoding="utf-8")
    changes = [
        ("    unit: ungeenheden\n", "\tunit: ungeenheden\n"),  # a tab
        ('phone: "2031 5268"', "phone: 20315268"),  # an unquoted number
        ("      - when: { role: victim }\n", "      - when: { role: offer }\n"),  # a wrong choice
        ("show: [acute_danger]", "show: [akut_fare]"),  # an unknown id
        ("  - id: sydoestjyllands_politi\n", "  - id: nikoline_petersen\n"),  # a duplicate id
        ("    danger: true\n", ""),  # no danger question
        (
            '  version: "1.0"\n',
            '  version: "1.0"\n' + "".join(f'  felt_{n}: "x"\n' for n in range(UNKNOWN_FIELDS)),
        ),
    ]
    for old, new in changes:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


def test_six_mistakes_and_twelve_unknown_fields_in_one_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = six_mistakes()
    path = tmp_path / "kort.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    out = result.output
    tab_line = line_of(text, "\tunit: ungeenheden")
    assert f"Der står et tabulatortegn i linje {tab_line}, kolonne 1: brug mellemrum." in out
    phone_line = line_of(text, "phone: 20315268")
    assert (
        f"linje {phone_line}, kontakten marlene_skousboell_bendix (Marlene Skousbøll Bendix), "
        'felt phone: skal være tekst i anførselstegn, fx "20315268"'
    ) in out
    assert 'felt when.role: "role" kan kun være: victim, perpetrator, unknown.' in out
    assert 'tillægget "akut_fare" findes ikke under supplements.' in out
    assert (
        'kontakten nikoline_petersen (Sydøstjyllands Politi), felt id: id "nikoline_petersen" '
        "bruges to gange."
    ) in out
    assert "ét spørgsmål skal være spørgsmålet om akut fare (danger: true)" in out
    unknown = [line for line in out.splitlines() if "er ikke et kendt felt her" in line]
    assert len(unknown) == UNKNOWN_FIELDS, out
    assert "Felterne her er: title, municipality, version" in unknown[0]
    # No cascade: the lost contact id, the floors and the stand-ins say nothing more.
    problems = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(problems) == 6 + UNKNOWN_FIELDS, out
    assert "findes ikke under contacts" not in out
    assert "x_stand_in" not in out and "00000000" not in out
    # Plain Danish: no English from PyYAML or msgspec.
    for english in ("Expected", "found", "Teknisk", "object", "array"):
        assert english not in out, out
    # Every problem has its line.
    assert all(line.startswith("  linje ") or "tabulatortegn" in line for line in problems)


def test_validate_json_lists_every_problem(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "kort.yaml"
    path.write_text(six_mistakes(), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert len(data["problems"]) == 6 + UNKNOWN_FIELDS
    phone = next(p for p in data["problems"] if p["path"] == "contacts[4].phone")
    assert phone["place"].startswith("kontakten marlene_skousboell_bendix")
    ok = runner.invoke(app, ["validate", "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["valid"] is True


def test_the_other_commands_show_ten_and_say_how_to_see_the_rest(tmp_path: Path) -> None:
    with pytest.raises(CardError) as info:
        card_from_text(six_mistakes(), "kort.yaml")
    message = info.value.message
    assert "... og 8 fejl mere: stalkcard validate viser dem alle." in message


def test_a_mistyped_rule_key_is_one_message(tmp_path: Path) -> None:
    """Before: one typo in the danger rule gave four errors (the floors)."""
    text = bundled_card_path().read_text(encoding="utf-8")
    text = text.replace(
        '- when: { danger: ["yes", "unknown"] }', '- when: { dangr: ["yes", "unknown"] }', 1
    )
    with pytest.raises(CardError) as info:
        card_from_text(text, "kort.yaml")
    lines = [line for line in info.value.message.splitlines() if line.startswith("  ")]
    assert len(lines) == 1, info.value.message
    assert '"dangr" er ikke et spørgsmål med ét svar' in lines[0]


def test_a_tab_alone_is_named_in_danish(runner: CliRunner, tmp_path: Path) -> None:
    text = (
        bundled_card_path()
        .read_text(encoding="utf-8")
        .replace("    unit: ungeenheden\n", "\tunit: ungeenheden\n", 1)
    )
    path = tmp_path / "kort.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    line = line_of(text, "\tunit")
    assert f"Der står et tabulatortegn i linje {line}, kolonne 1: brug mellemrum." in result.output
    assert "Teknisk" not in result.output and "tab character" not in result.output


# Rules that span fields -----------------------------------------------------

CROSS = [
    (
        "step that does not exist",
        "show: [own_options, network]\n        note:",
        "show: [own_options, netvaerk]\n        note:",
        ['"netvaerk" findes ikke'],
    ),
    (
        # The card's floor, now generic: every combination of answers leads to a
        # step with someone to contact (a contacts section). Without the rule that
        # always shows both contacts sections, the citizen who stalks is left with
        # no one to call.
        "some answers lead to no one to contact",
        "- show: [sparring, handling, coordination, referral]",
        "- show: [coordination, referral]",
        ["screening.rules.steps", "fører ikke til et trin med nogen at kontakte"],
    ),
    (
        "last assessment rule is conditional",
        "      - result: criteria_unclear",
        '      - when: { danger: "yes" }\n        result: criteria_unclear',
        ["sidste vurderingsregel"],
    ),
    (
        "unknown assessment",
        "result: criteria_met",
        "result: criteria_great",
        ['"criteria_great" findes ikke'],
    ),
    (
        "condition on an unknown answer",
        'when: { danger: ["yes", "unknown"] }\n    steps:',
        'when: { dangr: ["yes", "unknown"] }\n    steps:',
        ['"dangr" er ikke et spørgsmål med ét svar'],
    ),
    (
        "danger 'ved ikke' not urgent",
        'when: { danger: ["yes", "unknown"] }\n    steps:',
        'when: { danger: "yes" }\n    steps:',
        ['danger: "unknown" skal gøre resultatet akut'],
    ),
    (
        "danger leads to no 112 at once",
        '- when: { danger: "unknown" }\n        show: [acute_danger_possible]',
        '- when: { danger: "no" }\n        show: [acute_danger_possible]',
        ['danger: "unknown" skal vise et tillæg'],
    ),
    (
        "condition with an impossible value",
        "when: { role: victim }",
        "when: { role: offer }",
        ['"role" kan kun være'],
    ),
    (
        "unknown supplement",
        "show: [conflict]",
        "show: [konflikt]",
        ['"konflikt" findes ikke'],
    ),
    (
        # A question's criterion must be one of the card's criteria: renaming the
        # criterion alone leaves the question pointing at nothing.
        "criterion id renamed",
        "      - id: one_sided\n",
        "      - id: onesided\n",
        ["questions[5].criterion", 'kendetegnet "one_sided" findes ikke'],
    ),
    (
        "duplicate contact id",
        "id: sofie_jensen",
        "id: nikoline_petersen",
        ['"nikoline_petersen" bruges to gange'],
    ),
]


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(("old", "new", "words"), [c[1:] for c in CROSS], ids=[c[0] for c in CROSS])
def test_cross_field_rules(
    make_card: Callable[..., Path], old: str, new: str, words: list[str]
) -> None:
    message = _error(make_card(old, new))
    for word in words:
        assert word in message


@pytest.mark.usefixtures("loader")
def test_yaml_booleans_in_conditions_mean_yes_and_no(make_card: Callable[..., Path]) -> None:
    card = load_card(
        make_card(
            'when: { children: "yes" }',
            "when: { children: yes }",
        )
    )
    rule = next(r for r in card.screening.rules.supplements if "children" in r.when)
    assert rule.values("when") == {"children": ["yes"]}


# Every problem in one run, each on its own line ---------------------------------


@pytest.mark.usefixtures("loader")
def test_several_structural_problems_are_reported_in_one_run(
    make_card: Callable[..., Path], card_text: str
) -> None:
    """Issue 24: the structure's problems and the other checks in one run, each
    place named by id and name (before: three phases, and contacts[4])."""
    text = card_text.replace(f'phone: "{card_phones()[0]}"', 'phone: "abc"', 1)
    text = text.replace('phone: "2031 5268"', "phone: 20315268", 1)
    text = text.replace('  version: "1.0"', '  versoin: "1.0"', 1)
    with pytest.raises(CardError) as info:
        load_card(make_card(text=text))
    message = info.value.message
    lines = message.splitlines()[1:]
    assert len(lines) == 4, message
    # In the file's order.
    numbers = [int(line.split(",")[0].split()[-1]) for line in lines]
    assert numbers == sorted(numbers), message
    assert "kør validate igen" not in message
    assert any(
        'felt meta.versoin: er ikke et kendt felt her. Mente du "version"?' in line
        for line in lines
    )
    assert any("felt meta.version: mangler" in line for line in lines)
    assert any(
        "kontakten nikoline_petersen (Nikoline Petersen), felt phone: skal være et telefonnummer"
        in line
        for line in lines
    )
    bad = next(line for line in lines if "Marlene Skousbøll Bendix" in line)
    assert "felt phone: skal være tekst i anførselstegn" in bad
    assert bad.strip().startswith(f"linje {line_of(text, 'phone: 20315268')},")
    paths = [f.path for f in info.value.findings]  # type: ignore[attr-defined]
    assert "contacts[4].phone" in paths


@pytest.mark.usefixtures("loader")
def test_a_duplicate_id_is_reported_on_the_line_it_stands(
    make_card: Callable[..., Path], card_text: str
) -> None:
    old = "  - id: sydoestjyllands_politi\n"
    assert card_text.count(old) == 1
    text = card_text.replace(old, "  - id: nikoline_petersen\n")
    message = _error(make_card(text=text))
    wanted = line_of(text, '  - id: nikoline_petersen\n    name: "Sydøstjyllands')
    assert (
        f"linje {wanted}, kontakten nikoline_petersen (Sydøstjyllands Politi), felt id" in message
    ), message
