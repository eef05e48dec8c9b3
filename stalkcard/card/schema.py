"""The card's JSON Schema, generated from the model (stalkcard.card.model): for
an editor (VS Code's YAML extension reads the modeline that copy-card and
new-card write) and for scripts. Shipped as stalkcard/card/card.schema.json; a
test keeps that file current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_FILE = "card.schema.json"
MODELINE = "# yaml-language-server: $schema=./" + SCHEMA_FILE + "\n"


def card_schema() -> dict[str, Any]:
    """The JSON Schema of a card file, as msgspec writes it for the model,
    with a title and the JSON Schema version named."""
    import msgspec

    from stalkcard.card.model import Card

    schema: dict[str, Any] = msgspec.json.schema(Card)
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "stalkcard: handlekort",
        "description": (
            "Et handlekort til stalkcard (YAML). Kortets tekst er kommunens egen; "
            "stalkcard validate tjekker resten (id'er, regler og sikkerhedens gulv)."
        ),
    }
    out.update(schema)
    return out


def schema_text() -> str:
    # ASCII: the patterns name invisible characters, which stay escaped (\u202e).
    return json.dumps(card_schema(), ensure_ascii=True, indent=2, sort_keys=True) + "\n"


def shipped_schema_path() -> Path:
    return Path(__file__).resolve().parent / SCHEMA_FILE
