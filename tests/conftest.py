"""Shared fixtures: a stable terminal for Rich, and helpers for card files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path
from stalkcard.i18n import set_language

DATA = Path(__file__).parent / "data"

# Test tiers (pyproject's markers): the fast tier is everything but these and
# the tests marked "slow" where they stand (fuzzing and exhaustive sweeps).
# Whole files by subject; any other test that starts the real program in a
# process (run_stalkcard, subprocess, pexpect) is marked "process" by its source.
TIER_FILES = {
    "test_html.py": "browser",
    "test_e2e_pty.py": "terminal",
    "test_prompts.py": "terminal",  # real prompt_toolkit prompts on pipe input
    "test_packaging.py": "packaging",
    "test_startup.py": "process",
}
PROCESS_WORDS = ("run_stalkcard(", "subprocess.", "pexpect.", "_run(", "faketime")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    import inspect

    for item in items:
        tier = TIER_FILES.get(item.path.name)
        if tier is None and isinstance(item, pytest.Function):
            try:
                source = inspect.getsource(item.function)
            except (OSError, TypeError):
                source = ""
            if any(word in source for word in PROCESS_WORDS):
                tier = "process"
        if tier is not None:
            item.add_marker(getattr(pytest.mark, tier))


REFERENCE = DATA / "actioncard_reference.txt"


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin Rich's width and turn colour off, whatever CI sets."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "STALKCARD_CARD",
                 "STALKCARD_LANG"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    set_language("da")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def card_text() -> str:
    return bundled_card_path().read_text(encoding="utf-8")


@pytest.fixture
def make_card(tmp_path: Path, card_text: str) -> Callable[..., Path]:
    """Write a variant of the bundled card: make_card(old, new) replaces text once."""

    def make(old: str | None = None, new: str = "", *, text: str | None = None) -> Path:
        body = card_text if text is None else text
        if old is not None:
            assert old in body, f"{old!r} is not in the card"
            body = body.replace(old, new, 1)
        path = tmp_path / "kort.yaml"
        path.write_text(body, encoding="utf-8")
        return path

    return make
