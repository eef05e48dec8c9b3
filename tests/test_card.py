"""Loading and validating card files: the bundled card, and every kind of broken one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from helpers import card_phones, line_of

import stalkcard.card.yamlsafe as card_module
from stalkcard.card.model import DefinitionSection, FormsSection
from stalkcard.card.reading import load_card
from stalkcard.card.yamlsafe import MAX_DEPTH
from stalkcard.engine.search import find_contacts, fold
from stalkcard.errors import CardError, ExitCode
from stalkcard.files import MAX_BYTES


def test_bundled_card_is_the_whole_card() -> None:
    card = load_card()
    assert card.meta.municipality == "Skanderborg Kommune"
    assert card.meta.version == "1.0"
    assert isinstance(card.meta.contacts_verified, date)
    definition = card.section("stalking")
    assert isinstance(definition, DefinitionSection)
    assert [c.id for c in definition.criteria] == ["unwanted", "one_sided", "repeated"]
    examples = card.section("eksempler")
    assert isinstance(examples, FormsSection)
    assert [f.id for f in examples.forms] == [
        "messages",
        "through_others",
        "vandalism_threats",
        "digital",
        "gifts",
        "surveillance",
    ]
    phones = {c.name: c.phone for c in card.contacts}
    assert phones == {
        "Nikoline Petersen": "8794 7626",
        "Sofie Jensen": "8794 7266",
        "Vibeke Sønderskov Kristensen": "8794 7983",
        "Marlene Skousbøll Bendix": "2031 5268",
        "Anne Bennike Hansen": "8794 7268",
        "Dansk Stalking Center": "2517 7374",
        "Sydøstjyllands Politi": "7628 1448",
    }
    assert [s.id for s in card.sections] == [
        "stalking",
        "eksempler",
        "mistanke",
        "sparring",
        "handling",
        "videre_handling",
    ]
    assert card.step_ids == [
        "sparring",
        "handling",
        "own_options",
        "network",
        "coordination",
        "referral",
    ]


def test_card_path_from_environment(
    monkeypatch: pytest.MonkeyPatch, make_card: Callable[..., Path]
) -> None:
    path = make_card('title: "Actioncard', 'title: "Andet kort')
    monkeypatch.setenv("STALKCARD_CARD", str(path))
    assert load_card().meta.title.startswith("Andet kort")
    # An explicit path wins over the environment.
    monkeypatch.setenv("STALKCARD_CARD", "/findes/ikke.yaml")
    assert load_card(path).meta.title.startswith("Andet kort")


@pytest.fixture(params=["libyaml", "pure"], autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test here runs on both parsers: libyaml's where PyYAML has it, and the
    pure-Python one that a PyYAML without libyaml falls back to."""
    if request.param == "pure":
        monkeypatch.setattr(card_module, "Loader", card_module.PureLoader)
    elif not card_module.CParser:
        pytest.skip("PyYAML has no libyaml here")
    return str(request.param)


def _error(path: Path) -> str:
    """The message, and below it each problem's path in the file's fields
    (validate --format json gives it; the message names places by id or name)."""
    with pytest.raises(CardError) as info:
        load_card(path)
    assert info.value.exit_code == ExitCode.INVALID
    paths = [f.path for f in getattr(info.value, "findings", [])]
    return info.value.message + "\n" + "\n".join(paths)


# (description, old text, new text, words the message must hold)
BROKEN = [
    (
        "unknown key",
        '  version: "1.0"\n',
        '  version: "1.0"\n  versoin: "2"\n',
        ["meta.versoin", "ikke et kendt felt"],
    ),
    (
        "duplicate key",
        '  version: "1.0"\n',
        '  version: "1.0"\n  version: "1.1"\n',
        ['"version" står to gange'],
    ),
    (
        "missing field",
        '    phone: "8794 7983"\n',
        "",
        ["contacts[3].phone", "mangler"],
    ),
    (
        "phone as a number",
        'phone: "2031 5268"',
        "phone: 20315268",
        ["contacts[4].phone", 'anførselstegn, fx "20315268"'],
    ),
    (
        "yaml boolean where text belongs",
        'title: "GAVER"',
        "title: yes",
        ["sections[2].forms[5].title", "sand/falsk"],
    ),
    (
        "phone with letters",
        'phone: "2517 7374"',
        'phone: "2517 73 ring"',
        ["contacts[6].phone", "telefonnummer"],
    ),
    (
        "id with capitals",
        "id: sofie_jensen",
        "id: Sofie",
        ["contacts[2].id", "små bogstaver"],
    ),
    (
        "bad date",
        'contacts_verified: "2026-11-26"',
        'contacts_verified: "26-11-2026"',
        ["meta.contacts_verified", "ÅÅÅÅ-MM-DD"],
    ),
    (
        "empty text",
        'heading: "MISTANKE"',
        'heading: "  "',
        ["sections[3].heading", "må ikke være tom"],
    ),
    (
        "right-to-left override in a phone",
        'phone: "8794 7266"',
        'phone: "\u202e8794 7266"',
        ["contacts[2].phone"],
    ),
    (
        "escape character in text",
        'heading: "HANDLING"',
        'heading: "HAND\\x1bLING"',
        ["sections[5].heading", "styretegn"],
    ),
    (
        "text where a list belongs",
        '    paragraphs:\n      - "Hvis du har',
        '    paragraphs: "Hvis du har',
        ["sections[3].paragraphs", "skal være en liste"],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_field_names_file_line_and_field(
    make_card: Callable[..., Path], old: str, new: str, words: list[str]
) -> None:
    path = make_card(old, new)
    message = _error(path)
    assert str(path) in message
    for word in words:
        assert word in message
    assert "linje " in message
    assert "Traceback" not in message


def test_error_line_number_is_the_broken_line(
    make_card: Callable[..., Path], card_text: str
) -> None:
    path = make_card('phone: "2031 5268"', "phone: 20315268")
    expected = line_of(path.read_text(encoding="utf-8"), "phone: 20315268")
    assert f"linje {expected}," in _error(path)


def test_duplicate_key_line(make_card: Callable[..., Path]) -> None:
    path = make_card('  version: "1.0"\n', '  version: "1.0"\n  version: "1.1"\n')
    expected = line_of(path.read_text(encoding="utf-8"), 'version: "1.1"')
    assert f"linje {expected}:" in _error(path)


def test_alias_is_refused(make_card: Callable[..., Path]) -> None:
    path = make_card('  title: "Actioncard', '  title: &t "Actioncard')
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'municipality: "Skanderborg Kommune"', "municipality: *t"
        ),
        encoding="utf-8",
    )
    assert "aliaser" in _error(path)


def test_python_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "kort.yaml"
    path.write_text(f"meta: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    message = _error(path)
    assert "YAML-mærker" in message
    assert "linje 1" in message
    assert not marker.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["er tom"]),
        (b"   \n\n", ["er tom"]),
        (b"\xef\xbb\xbf", ["er tom"]),
        (b"just a scalar\n", ["enkelt værdi"]),
        (b"- a\n- b\n", ["ikke en liste"]),
        (b"meta: [unclosed\n", ["ikke gyldig YAML", "linje 2"]),
        (b"meta:\n  title: 'x\n", ["ikke gyldig YAML"]),
        (b"\xff\xfe\x00m\x00e", ["UTF-8"]),
        ("title: æøå\n".encode("latin-1"), ["UTF-8"]),
        (b"1: x\n", ["skal være tekst"]),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, words: list[str]) -> None:
    path = tmp_path / "kort.yaml"
    path.write_bytes(content)
    message = _error(path)
    for word in words:
        assert word in message


def test_folder_and_missing_path(tmp_path: Path) -> None:
    assert "er en mappe" in _error(tmp_path)
    assert "findes ikke" in _error(tmp_path / "nej.yaml")


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    assert "for stor" in _error(path)


def test_depth_cap(tmp_path: Path) -> None:
    path = tmp_path / "dyb.yaml"
    path.write_text("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert "for dybt" in _error(path)
    # Just inside the cap is a schema error, not a depth error.
    path.write_text("a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n")
    assert "for dybt" not in _error(path)


def test_utf8_bom_card_loads(tmp_path: Path, card_text: str) -> None:
    """Windows Notepad may save UTF-8 with a BOM: a valid card must still load."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + card_text.encode("utf-8"))
    assert load_card(path).meta.version == "1.0"


def test_schema_error_reports_the_first_problem(make_card: Callable[..., Path]) -> None:
    path = make_card('phone: "2031 5268"', "phone: 20315268")
    text = path.read_text(encoding="utf-8").replace('phone: "8794 7266"', "phone: 87947266")
    path.write_text(text, encoding="utf-8")
    message = _error(path)
    assert "contacts[2].phone" in message


def test_rule_errors_are_listed_together(make_card: Callable[..., Path]) -> None:
    path = make_card("show: [conflict]", "show: [konflikt]")
    text = path.read_text(encoding="utf-8").replace("result: criteria_met", "result: nej")
    path.write_text(text, encoding="utf-8")
    message = _error(path)
    assert '"konflikt" findes ikke' in message
    assert '"nej" findes ikke' in message


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


@pytest.mark.parametrize(("old", "new", "words"), [c[1:] for c in CROSS], ids=[c[0] for c in CROSS])
def test_cross_field_rules(
    make_card: Callable[..., Path], old: str, new: str, words: list[str]
) -> None:
    message = _error(make_card(old, new))
    for word in words:
        assert word in message


def test_yaml_booleans_in_conditions_mean_yes_and_no(make_card: Callable[..., Path]) -> None:
    card = load_card(
        make_card(
            'when: { children: "yes" }',
            "when: { children: yes }",
        )
    )
    rule = next(r for r in card.screening.rules.supplements if "children" in r.when)
    assert rule.values("when") == {"children": ["yes"]}


# Contact search ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("soenderskov", ["Vibeke Sønderskov Kristensen"]),
        ("sonderskov", ["Vibeke Sønderskov Kristensen"]),
        ("SØNDERSKOV", ["Vibeke Sønderskov Kristensen"]),
        ("ungeenheden", ["Vibeke Sønderskov Kristensen"]),
        ("politi", ["Sydøstjyllands Politi"]),
        ("sydoestjylland", ["Sydøstjyllands Politi"]),
        ("skousboell", ["Marlene Skousbøll Bendix"]),
        ("boern og unge", ["Anne Bennike Hansen"]),
        ("stalking center", ["Dansk Stalking Center"]),
        ("arbejdsmarked", ["Nikoline Petersen", "Sofie Jensen"]),
        ("ingen sådan", []),
    ],
)
def test_find_contacts(query: str, names: list[str]) -> None:
    found = find_contacts(load_card().contacts, query)
    assert [c.name for c in found] == names


def test_fold() -> None:
    assert fold("Sønderskov") == fold("soenderskov") == fold("sonderskov")
    assert fold("Århus") == fold("aarhus") == fold("arhus")
    assert fold("Hærværk") == fold("haervaerk")


# Every problem in one run, each on its own line ---------------------------------


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
