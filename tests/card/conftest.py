"""Fixtures of the card's tests: a copy of the bundled card and its twin."""

from __future__ import annotations

from pathlib import Path

import pytest

from stalkcard.card.reading import bundled_card_path

# The compiled twin: read like any file, trusted only for what its hashes guard ----------------


@pytest.fixture
def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import shutil

    from stalkcard.card import reading as card_module
    from stalkcard.card.reading import twin_path

    source = bundled_card_path()
    folder = tmp_path / "content"
    folder.mkdir()
    copy = folder / source.name
    shutil.copy(source, copy)
    shutil.copy(twin_path(source), twin_path(copy))
    monkeypatch.setattr(card_module, "bundled_card_path", lambda name="actioncard.yaml": copy)
    return copy
