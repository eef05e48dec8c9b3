"""Shared fixtures: a stable terminal for Rich, and helpers for card files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stalkcard.card.yamlsafe as card_module
from stalkcard.card.reading import bundled_card_path
from stalkcard.i18n import set_language

TESTS = Path(__file__).parent

# Test tiers (pyproject's markers): the fast tier is everything but these and
# the tests marked "slow" where they stand (fuzzing and exhaustive sweeps).
# Whole files by subject, by their path in tests/; any other test that starts the
# real program in a process (run_stalkcard, subprocess, pexpect) is marked
# "process" by its source.
TIER_FILES = {
    "cli/test_e2e_pty.py": "terminal",
    "cli/test_packaging.py": "packaging",
    "cli/test_prompts.py": "terminal",  # real prompt_toolkit prompts on pipe input
    "cli/test_startup.py": "process",
    "views/test_page.py": "browser",  # no browser: the page as written, in this tier as before
    "views/test_page_browser.py": "browser",
    "views/test_page_engine.py": "browser",
    "views/test_page_layout.py": "browser",
}
PROCESS_WORDS = ("run_stalkcard(", "subprocess.", "pexpect.", "_run(", "faketime")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    import inspect

    for item in items:
        tier = TIER_FILES.get(item.path.relative_to(TESTS).as_posix())
        if tier is None and isinstance(item, pytest.Function):
            try:
                source = inspect.getsource(item.function)
            except (OSError, TypeError):
                source = ""
            if any(word in source for word in PROCESS_WORDS):
                tier = "process"
        if tier is not None:
            item.add_marker(getattr(pytest.mark, tier))


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


@pytest.fixture(params=["libyaml", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test (`@pytest.mark.usefixtures("loader")`) on both YAML parsers:
    libyaml's where PyYAML has it, and the pure-Python one that a PyYAML without
    libyaml falls back to."""
    if request.param == "pure":
        monkeypatch.setattr(card_module, "Loader", card_module.PureLoader)
    elif not card_module.CParser:
        pytest.skip("PyYAML has no libyaml here")
    return str(request.param)
