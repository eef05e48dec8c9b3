"""What the engine hands on: the answers of one screening and the result of
evaluating them (the steps, supplements and "Ring nu" in the card's order).
Types only; stalkcard.engine.evaluate makes them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from stalkcard.card.model import CITIZEN_ROLES, Contact, Supplement

AnswerValue = str | tuple[str, ...] | None


class Answers:
    """The answers of one screening, by question id, in the order the card asks
    them: a choice id for a one-of question, a tuple of choice ids for a
    many-of question (None: it was not asked)."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, AnswerValue] | None = None, /, **given: Any) -> None:
        merged = {**(values or {}), **given}
        self._values: dict[str, AnswerValue] = {
            key: tuple(value) if isinstance(value, list) else value for key, value in merged.items()
        }

    def __getitem__(self, key: str) -> AnswerValue:
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def get(self, key: str, default: AnswerValue = None) -> AnswerValue:
        return self._values.get(key, default)

    def as_dict(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in self._values.items()
        }

    def _key(self) -> tuple[tuple[str, AnswerValue], ...]:
        return tuple(self._values.items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Answers) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Answers({self._values!r})"


class ResultStep(msgspec.Struct, frozen=True):
    """A step of the card to take now: its text, the contacts it names, and
    text that follows them; `note` qualifies it (e.g. "if the citizen is exposed").
    `group` is the steps section it belongs to (None: a contacts section)."""

    id: str
    heading: str
    paragraphs: tuple[str, ...]
    note: str | None = None
    contacts: tuple[Contact, ...] = ()
    after: tuple[str, ...] = ()
    group: str | None = None
    url: str | None = None  # the card's link for it
    citizen: bool = False  # advice to pass on to the citizen (to_citizen)


# Why a contact is in "Ring nu": an urgent line (112, when the result is
# urgent), the card's own routing, the tool's suggestion, or a contacts step
# the rules showed.
URGENT, ROUTE, SUGGEST, STEP = "urgent", "route", "suggest", "step"


class Call(msgspec.Struct, frozen=True):
    """One line of "Ring nu": the contact, why it is there, and which rule put
    it there ("route 1", "suggest 3": the rule's place in its list, from 1; a
    contacts step's id; "urgent")."""

    contact: Contact
    why: str
    rule: str


class Result(msgspec.Struct, frozen=True):
    answers: Answers
    assessment: str
    assessment_text: str
    urgent: bool
    steps: tuple[ResultStep, ...]
    supplements: tuple[Supplement, ...]
    contacts: tuple[Contact, ...] = ()
    suggested: tuple[Contact, ...] = ()  # whom to call first: the tool's suggestion
    routed: tuple[Contact, ...] = ()  # whom to call first: the card's own routing
    # What every view shows the same way, worked out here once: the urgent
    # supplements that lead an urgent result (112), and "Ring nu": whom to call,
    # in order (callplan.plan_at adds the time of day).
    lead: tuple[Supplement, ...] = ()
    calls: tuple[Call, ...] = ()
    # Who the citizen may be, by the answers (a choice's `role`): "victim",
    # "perpetrator", or both when the answers do not say.
    roles: tuple[str, ...] = CITIZEN_ROLES
    # The answer to the danger question (None: the card has none, or it was
    # not answered), which heads the result ("Akut fare" or not).
    danger: str | None = None
