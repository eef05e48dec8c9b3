"""Start-up: what each command imports, and the compiled twin of the bundled card.

Deterministic checks, not timings (bench/startup.py times): a later upgrade or
change that brings back pydantic, PyYAML or Rich where they cost a start fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_stalkcard

from stalkcard import __version__
from stalkcard.card import reading as card_module
from stalkcard.card.reading import (
    bundled_card_path,
    card_from_bytes,
    compile_twin,
    load_card,
    twin_path,
)

CHECK = [
    "check",
    *("--answer", "role=victim", "--answer", "danger=yes", "--answer", "unwanted=yes"),
    *("--answer", "one_sided=yes", "--answer", "repeated=yes", "--format", "json"),
]


def imported(args: list[str]) -> set[str]:
    """The modules the installed `stalkcard ARGS` imports (python -X importtime)."""
    result = run_stalkcard(args, {"PYTHONPROFILEIMPORTTIME": "1", "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr[-2000:]
    return set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", result.stderr, re.M))


@pytest.mark.parametrize("args", [["contacts"], ["show"], CHECK], ids=["contacts", "show", "check"])
def test_no_pydantic_at_run_time(args: list[str]) -> None:
    modules = imported(args)
    assert "typer" in modules  # the scan sees the imports at all
    assert not {m for m in modules if m.split(".")[0] in ("pydantic", "pydantic_core")}


def test_contacts_imports_neither_yaml_nor_rich() -> None:
    modules = imported(["contacts"])
    assert "stalkcard.card.reading" in modules
    assert not {m for m in modules if m.split(".")[0] in ("yaml", "rich")}


@pytest.mark.parametrize(
    "args",
    [["log"], ["html"], ["show", "--format", "json"], ["show", "--format", "markdown"], CHECK],
    ids=["log", "html", "show-json", "show-markdown", "check-json"],
)
def test_no_rich_where_nothing_is_drawn(args: list[str]) -> None:
    """Rendering is split by medium (stalkcard.views.parts, .markdown, .render): what
    writes a file, JSON or Markdown does not import Rich, the terminal's library."""
    modules = imported(args)
    assert "stalkcard.card.reading" in modules
    assert not {m for m in modules if m.split(".")[0] == "rich"}


def test_show_reads_the_twin_not_the_yaml() -> None:
    assert "yaml" not in imported(["show"])
    # validate always reads the YAML in full: the scan can tell the difference.
    assert "yaml" in imported(["validate"])


@pytest.mark.parametrize("name", ["actioncard.yaml", "actioncard.en.yaml"])
def test_twins_are_current(name: str) -> None:
    """After editing a card, run `python -m stalkcard.card.compile`; this says so."""
    source = bundled_card_path(name)
    twin = twin_path(source)
    assert twin.is_file(), f"{twin} is missing: run python -m stalkcard.card.compile"
    assert twin.read_bytes() == compile_twin(source), (
        f"{twin} is stale: run python -m stalkcard.card.compile"
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_twin_gives_the_same_card_as_the_yaml(language: str) -> None:
    source = card_module.card_path(None, language)
    assert load_card(language=language) == card_from_bytes(source.read_bytes(), str(source))
    assert load_card(language=language, compiled=False) == load_card(language=language)


@pytest.fixture
def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled card and its twin, used as the bundled card."""
    source = bundled_card_path()
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    shutil.copy(twin_path(source), twin_path(copy))
    monkeypatch.setattr(card_module, "bundled_card_path", lambda name="actioncard.yaml": copy)
    return copy


def test_an_edited_card_is_never_shadowed_by_its_twin(bundled_copy: Path) -> None:
    assert load_card().contact_list[2].phone == "8794 7983"
    text = bundled_copy.read_text(encoding="utf-8").replace('"8794 7983"', '"8794 7999"')
    bundled_copy.write_text(text, encoding="utf-8")
    assert load_card().contact_list[2].phone == "8794 7999"


def test_an_edited_card_is_validated_in_full(bundled_copy: Path) -> None:
    from stalkcard.errors import CardError

    text = bundled_copy.read_text(encoding="utf-8").replace('"8794 7983"', '"87 94 x"')
    bundled_copy.write_text(text, encoding="utf-8")
    # Issue 24: the place by id and name.
    with pytest.raises(CardError, match=r"kontakten vibeke_soenderskov_kristensen .*, felt phone"):
        load_card()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: {**data, "tool_version": "0.0.1"},
        lambda data: {**data, "card": {**data["card"], "meta": {}}},
        lambda data: {**data, "extra": 1},
    ],
    ids=["other-version", "broken-card", "unknown-field"],
)
def test_a_twin_that_does_not_fit_is_not_used(bundled_copy: Path, damage: object) -> None:
    twin = twin_path(bundled_copy)
    data = json.loads(twin.read_text(encoding="utf-8"))
    data["card"]["contacts"][2]["phone"] = "1111 1111"
    twin.write_text(json.dumps(damage(data)), encoding="utf-8")  # type: ignore[operator]
    assert load_card().contact_list[2].phone == "8794 7983"


def test_a_matching_twin_is_used(bundled_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of the tests above: a twin that fits is what is read."""
    data = json.loads(twin_path(bundled_copy).read_text(encoding="utf-8"))
    assert data["tool_version"] == __version__

    def no_yaml(raw: bytes, source: str) -> None:
        raise AssertionError("the YAML was read")

    monkeypatch.setattr(card_module, "card_from_bytes", no_yaml)
    assert load_card().contact_list[2].phone == "8794 7983"


def test_a_hand_edited_twin_is_not_believed(bundled_copy: Path) -> None:
    """The hashes guard the YAML and the twin's own card: an edit of the card in
    the twin, with both hashes left as they were, sends the tool to the YAML."""
    twin = twin_path(bundled_copy)
    text = twin.read_text(encoding="utf-8")
    assert text.count('"8794 7983"') == 1
    twin.write_text(text.replace('"8794 7983"', '"1111 1111"'), encoding="utf-8")
    assert load_card().contact_list[2].phone == "8794 7983"


def test_broken_twin_bytes_fall_back(bundled_copy: Path) -> None:
    twin_path(bundled_copy).write_bytes(b"\x00{not json")
    assert load_card().meta.title.startswith("Actioncard")
    twin_path(bundled_copy).unlink()
    assert load_card().meta.title.startswith("Actioncard")


def test_compile_writes_both_twins(tmp_path: Path) -> None:
    for name in ("actioncard.yaml", "actioncard.en.yaml"):
        shutil.copy(bundled_card_path(name), tmp_path / name)
    from stalkcard.card.compile import main

    assert main(tmp_path) == 0
    for name in ("actioncard.compiled.json", "actioncard.en.compiled.json"):
        assert (tmp_path / name).read_bytes() == (bundled_card_path().parent / name).read_bytes()


def test_twin_is_loaded_without_yaml_in_process() -> None:
    code = (
        "import sys; from stalkcard.card.reading import load_card; load_card(); "
        "print('yaml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# A municipality's own card (issue 25): as fast as the bundled one, on the keeper's word -----


def _own_copy(tmp_path: Path) -> Path:
    result = run_stalkcard(["copy-card", str(tmp_path)])
    assert result.returncode == 0, result.stderr
    return tmp_path / "actioncard.yaml"


def test_an_own_card_with_its_keepers_twin_starts_without_yaml(tmp_path: Path) -> None:
    """validate --compile writes the twin beside a copied card (and nothing
    without --compile); contacts with that card then reads the twin: no PyYAML
    imported, as for the bundled card."""
    card = _own_copy(tmp_path)
    assert run_stalkcard(["validate", str(card)]).returncode == 0
    assert not twin_path(card).exists()  # nothing written unasked
    done = run_stalkcard(["validate", "--compile", str(card)])
    assert done.returncode == 0, done.stderr
    assert str(twin_path(card)) in done.stdout
    assert twin_path(card).stat().st_mode & 0o777 == card.stat().st_mode & 0o666
    modules = imported(["--card", str(card), "contacts"])
    assert "stalkcard.card.reading" in modules and "yaml" not in modules
    # Edited after the twin was written: the twin no longer fits, and the YAML is read.
    card.write_text(card.read_text(encoding="utf-8").replace('"8794 7983"', '"8794 7999"'))
    assert "yaml" in imported(["--card", str(card), "contacts"])
    shown = run_stalkcard(["--card", str(card), "contacts", "7999"])
    assert shown.returncode == 0 and "8794 7999" in shown.stdout
