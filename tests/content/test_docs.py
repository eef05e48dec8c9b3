"""The docs by audience: a short README that points into docs/, every command
documented for the caseworker, and no link to a file that is not there."""

from __future__ import annotations

import re

from helpers import TESTS
from typer.main import get_command

from stalkcard.cli.app import app

ROOT = TESTS.parent
DOCS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_the_readme_is_short_and_points_on() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    for guide in ("docs/sagsbehandler.md", "docs/koordinator.md", "docs/it-drift.md",
                  "docs/developer/architecture.md", "CHANGELOG.md"):  # fmt: skip
        assert guide in text, guide
    # Exactly two set-up commands: install and run, install the test extras and test.
    blocks = re.findall(r"```\n(.*?)```", text, re.S)
    setup = [b for b in blocks if "pip install" in b]
    assert len(setup) == 2
    assert "stalkcard show" in setup[0] and "python -m pytest" in setup[1]


def test_every_command_is_in_the_caseworkers_or_keepers_guide() -> None:
    guides = "".join(
        (ROOT / "docs" / name).read_text(encoding="utf-8")
        for name in ("sagsbehandler.md", "koordinator.md", "it-drift.md")
    )
    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert len(commands) >= 7
    for name in commands:
        assert f"stalkcard {name}" in guides or f"--card vejle {name}" in guides, name


def test_every_relative_link_in_the_docs_exists() -> None:
    for doc in DOCS:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), (doc.name, target)
