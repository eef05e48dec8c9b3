"""The small card in the keeper's guide (docs/koordinator.md, "Kortet som data")
is valid and works in every command, so the coordinator's starting point never
drifts from the format."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import readme_card_text as _card_text
from typer.testing import CliRunner

from stalkcard.card.reading import card_from_text
from stalkcard.cli.app import app


def test_the_readmes_card_is_valid() -> None:
    card = card_from_text(_card_text(), "README.md")
    assert [q.id for q in card.questions] == ["fare", "boern"]


@pytest.mark.parametrize(
    "args",
    [["validate"], ["show"], ["contacts"], ["log"], ["html"],
     ["check", "--answer", "fare=unknown"],
     ["check", "--answer", "fare=no", "--answer", "boern=yes"]],
)  # fmt: skip
def test_the_readmes_card_in_every_command(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "kort.yaml"
    path.write_text(_card_text(), encoding="utf-8")
    if args == ["validate"]:
        args = ["validate", str(path)]
    result = CliRunner().invoke(app, ["--card", str(path), *args])
    assert result.exit_code == 0, result.output
    if args[:3] == ["check", "--answer", "fare=unknown"]:
        assert "Ring 112 nu" in result.stdout and "9999 0000" in result.stdout
