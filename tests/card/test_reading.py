"""Reading card files: the card from the environment, every kind of broken file,
YAML's dangerous parts refused, caps on size and depth, values YAML cannot build,
the bundled cards by name; fuzzed cards load or are refused, never crash."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import DANGER as CHECK
from helpers import card_with, line_of, run_stalkcard
from helpers import load_error as _error
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stalkcard.card.reading import (
    Card,
    bundled_card_path,
    card_from_bytes,
    card_from_text,
    load_card,
)
from stalkcard.card.validation import validate_data
from stalkcard.card.yamlsafe import MAX_DEPTH
from stalkcard.cli.app import app
from stalkcard.errors import CardError
from stalkcard.files import MAX_BYTES


@pytest.mark.usefixtures("loader")
def test_card_path_from_environment(
    monkeypatch: pytest.MonkeyPatch, make_card: Callable[..., Path]
) -> None:
    path = make_card('title: "Actioncard', 'title: "Andet kort')
    monkeypatch.setenv("STALKCARD_CARD", str(path))
    assert load_card().meta.title.startswith("Andet kort")
    # An explicit path wins over the environment.
    monkeypatch.setenv("STALKCARD_CARD", "/findes/ikke.yaml")
    assert load_card(path).meta.title.startswith("Andet kort")


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


@pytest.mark.usefixtures("loader")
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


@pytest.mark.usefixtures("loader")
def test_error_line_number_is_the_broken_line(
    make_card: Callable[..., Path], card_text: str
) -> None:
    path = make_card('phone: "2031 5268"', "phone: 20315268")
    expected = line_of(path.read_text(encoding="utf-8"), "phone: 20315268")
    assert f"linje {expected}," in _error(path)


@pytest.mark.usefixtures("loader")
def test_duplicate_key_line(make_card: Callable[..., Path]) -> None:
    path = make_card('  version: "1.0"\n', '  version: "1.0"\n  version: "1.1"\n')
    expected = line_of(path.read_text(encoding="utf-8"), 'version: "1.1"')
    assert f"linje {expected}:" in _error(path)


@pytest.mark.usefixtures("loader")
def test_alias_is_refused(make_card: Callable[..., Path]) -> None:
    path = make_card('  title: "Actioncard', '  title: &t "Actioncard')
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'municipality: "Skanderborg Kommune"', "municipality: *t"
        ),
        encoding="utf-8",
    )
    assert "aliaser" in _error(path)


@pytest.mark.usefixtures("loader")
def test_python_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "kort.yaml"
    path.write_text(f"meta: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    message = _error(path)
    assert "YAML-mærker" in message
    assert "linje 1" in message
    assert not marker.exists()


@pytest.mark.usefixtures("loader")
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


@pytest.mark.usefixtures("loader")
def test_folder_and_missing_path(tmp_path: Path) -> None:
    assert "er en mappe" in _error(tmp_path)
    assert "findes ikke" in _error(tmp_path / "nej.yaml")


@pytest.mark.usefixtures("loader")
def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    assert "for stor" in _error(path)


@pytest.mark.usefixtures("loader")
def test_depth_cap(tmp_path: Path) -> None:
    path = tmp_path / "dyb.yaml"
    path.write_text("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert "for dybt" in _error(path)
    # Just inside the cap is a schema error, not a depth error.
    path.write_text("a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n")
    assert "for dybt" not in _error(path)


@pytest.mark.usefixtures("loader")
def test_utf8_bom_card_loads(tmp_path: Path, card_text: str) -> None:
    """Windows Notepad may save UTF-8 with a BOM: a valid card must still load."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + card_text.encode("utf-8"))
    assert load_card(path).meta.version == "1.0"


@pytest.mark.usefixtures("loader")
def test_schema_error_reports_the_first_problem(make_card: Callable[..., Path]) -> None:
    path = make_card('phone: "2031 5268"', "phone: 20315268")
    text = path.read_text(encoding="utf-8").replace('phone: "8794 7266"', "phone: 87947266")
    path.write_text(text, encoding="utf-8")
    message = _error(path)
    assert "contacts[2].phone" in message


@pytest.mark.usefixtures("loader")
def test_rule_errors_are_listed_together(make_card: Callable[..., Path]) -> None:
    path = make_card("show: [conflict]", "show: [konflikt]")
    text = path.read_text(encoding="utf-8").replace("result: criteria_met", "result: nej")
    path.write_text(text, encoding="utf-8")
    message = _error(path)
    assert '"konflikt" findes ikke' in message
    assert '"nej" findes ikke' in message


CARD_TEXT = bundled_card_path().read_text(encoding="utf-8")
CARD_DATA = yaml.safe_load(CARD_TEXT)

HOSTILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def loads_or_refuses(load: Callable[[], Card]) -> None:
    """The only outcomes allowed: a card, or the tool's own CardError."""
    try:
        assert isinstance(load(), Card)
    except CardError as exc:
        assert exc.message.strip()


# Property-based -------------------------------------------------------------------------


@HOSTILE
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(raw: bytes) -> None:
    loads_or_refuses(lambda: card_from_bytes(raw, "kort.yaml"))


@HOSTILE
@given(st.text(alphabet=st.sampled_from(list("{}[]:,-&*!|>'\"#%@` \n\tabcyesno0123æø\u202e")),
               max_size=400))  # fmt: skip
def test_yaml_punctuation_soup(text: str) -> None:
    loads_or_refuses(lambda: card_from_text(text, "kort.yaml"))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*path, index))
    return out


ALL_PATHS = [p for p in _paths(CARD_DATA) if p]
WEIRD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.text(
        alphabet=st.sampled_from(["\x00", "\x1b", "\u202e", "\u2066", "\ufeff", "a", " "]),
        max_size=10,
    ),
    st.just("x" * 200_000),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.dates(),
)


@st.composite
def mutated_cards(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(CARD_DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            key = path[-1]
            action = draw(st.sampled_from(["delete", "replace", "duplicate", "unknown_key"]))
            if action == "delete":
                del parent[key]
            elif action == "replace":
                parent[key] = draw(WEIRD_VALUES)
            elif action == "duplicate" and isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(WEIRD_VALUES)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation removed this path
    return data


@pytest.mark.slow
@HOSTILE
@given(mutated_cards())
def test_mutated_card_data(data: Any) -> None:
    loads_or_refuses(lambda: validate_data(data, None, "kort.yaml"))


@pytest.mark.slow
@HOSTILE
@given(mutated_cards())
def test_mutated_card_through_yaml(data: Any) -> None:
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    loads_or_refuses(lambda: card_from_text(text, "kort.yaml"))


@pytest.mark.slow
@HOSTILE
@given(st.data())
def test_duplicated_and_removed_lines(data: st.DataObject) -> None:
    lines = CARD_TEXT.splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    if data.draw(st.booleans()):
        lines.insert(index, lines[index])
    else:
        del lines[index]
    loads_or_refuses(lambda: card_from_text("".join(lines), "kort.yaml"))


def test_a_mistyped_bundled_card_name_lists_the_bundled_cards(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--card", "vejel", "show"])
    assert result.exit_code == 2
    assert "Indbyggede kort: actioncard, vejle." in result.output


def test_bundled_cards_by_name_use_their_compiled_twin() -> None:
    assert load_card("vejle").meta.municipality == "Vejle Kommune"


VERIFIED = 'contacts_verified: "2026-11-26"'

# A YAML value whose construction raises ValueError -------------------------------------------

BAD_VALUES = {
    "30 February": "2026-02-30",
    "month 13": "2026-13-01",
    "5,000 digits": "9" * 5000,
}


@pytest.mark.parametrize("value", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
@pytest.mark.parametrize(
    "how",
    [
        ["validate", "{}"],
        ["--card", "{}", "show"],
        ["--card", "{}", "contacts"],
        ["--card", "{}", *CHECK],
    ],
    ids=["validate", "show", "contacts", "check"],
)
def test_a_value_yaml_cannot_build_is_a_bad_card(
    tmp_path: Path, runner: CliRunner, value: str, how: list[str]
) -> None:
    path = card_with(tmp_path, VERIFIED, f"contacts_verified: {value}")
    line = CARD_TEXT[: CARD_TEXT.index(VERIFIED)].count("\n") + 1
    result = runner.invoke(app, [a.format(path) for a in how])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"linje {line}:" in result.output
    assert "kan ikke læses" in result.output or "findes ikke i kalenderen" in result.output


@pytest.mark.parametrize("value", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
def test_a_value_yaml_cannot_build_in_the_answers_file(
    tmp_path: Path, runner: CliRunner, value: str
) -> None:
    answers = tmp_path / "svar.yaml"
    answers.write_text(f"role: victim\ndanger: {value}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--answers", str(answers)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "svar.yaml, linje 2:" in result.output


def test_a_value_yaml_cannot_build_in_a_real_process_in_english(tmp_path: Path) -> None:
    path = card_with(tmp_path, VERIFIED, "contacts_verified: 2026-02-30")
    result = run_stalkcard(["--lang", "en", "validate", str(path)])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "is not in the calendar" in result.stderr
