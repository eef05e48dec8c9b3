"""The questionary interaction, and nothing else.

questionary has no "back" button, so the screening is a small state machine:
each question after the first has a "Tilbage" choice, and a review at the end
lets the caseworker change any answer before the result. Defaults always lead
forward: Enter at every prompt walks to the result.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from questionary import Choice, Style

from stalkcard.errors import Cancelled
from stalkcard.i18n import _
from stalkcard.model import CRITERIA, NO, UNKNOWN, YES, Card
from stalkcard.screening import Answers

BACK = "__tilbage__"
DONE = "__resultat__"
QUESTIONS = ("role", "danger", "forms", *CRITERIA, "children")
SELECT_HINT = "(piletasterne flytter, Enter vælger)"
CHECKBOX_HINT = "(mellemrum markerer, Enter går videre; ingen markeret er også et svar)"
CANCELLED = "Screeningen blev afbrudt. Intet er gemt."
STYLE = Style([("qmark", "bold"), ("question", "bold"), ("instruction", "italic")])

YES_NO_UNKNOWN = (("Ja", YES), ("Nej", NO), ("Ved ikke", UNKNOWN))  # labels pass through _()

Echo = Callable[[str, Any], None]
"""Called with an event name and its data, so the caller can show context."""


def _ctrl_d(question: questionary.Question) -> questionary.Question:
    """Make Ctrl-D cancel a select or checkbox too (questionary ignores it there)."""
    bindings = question.application.key_bindings
    if isinstance(bindings, KeyBindings):
        bindings.add("c-d", eager=True)(_exit_on_ctrl_d)
    return question


def _exit_on_ctrl_d(event: KeyPressEvent) -> None:
    event.app.exit(exception=EOFError, style="class:aborting")


def _ask(question: questionary.Question) -> Any:
    """Ask; Ctrl-C and Ctrl-D both become Cancelled."""
    try:
        return _ctrl_d(question).unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled(_(CANCELLED)) from None


def _select(message: str, choices: list[Choice], default: Any, back: bool) -> Any:
    if back:
        choices = [*choices, Choice(_("Tilbage til forrige spørgsmål"), value=BACK)]
    chosen = next((c for c in choices if c.value == default), choices[0])
    return _ask(
        questionary.select(
            message,
            choices=choices,
            default=chosen,
            instruction=_(SELECT_HINT),
            style=STYLE,
            qmark="?",
            pointer=">",
        )
    )


def ask_question(card: Card, key: str, current: Any, back: bool, echo: Echo) -> Any:
    """Ask one question of the screening; return its value, or BACK."""
    questions = card.screening.questions
    if key == "role":
        choices = [Choice(r.label, value=r.id) for r in card.screening.roles]
        return _select(questions.role, choices, current or "unknown", back)
    if key == "danger":
        choices = [Choice(_("Nej"), value=NO), Choice(_("Ja"), value=YES)]
        return _select(questions.danger, choices, current or NO, back)
    if key == "forms":
        chosen = set(current or ())
        echo("forms", card.eksempler)
        form_choices = [
            Choice(f.title, value=f.id, checked=f.id in chosen) for f in card.eksempler.forms
        ]
        picked = _ask(
            questionary.checkbox(
                questions.forms,
                choices=form_choices,
                instruction=_(CHECKBOX_HINT),
                style=STYLE,
                pointer=">",
            )
        )
        return tuple(f.id for f in card.eksempler.forms if f.id in picked)
    if key in CRITERIA:
        criterion = card.criterion(key)
        echo("criterion", criterion.text)
        choices = [Choice(_(label), value=value) for label, value in YES_NO_UNKNOWN]
        return _select(criterion.question, choices, current or UNKNOWN, back)
    if key == "children":
        choices = [Choice(_(label), value=value) for label, value in YES_NO_UNKNOWN]
        return _select(questions.children, choices, current or UNKNOWN, back)
    raise ValueError(key)


def review(card: Card, answers: dict[str, Any], describe: Callable[[str, Any], str]) -> str:
    """The review screen: see the result (default) or pick an answer to change."""
    choices = [Choice(_("Se resultatet"), value=DONE)]
    choices += [
        Choice(_("Ret: {answer}").format(answer=describe(key, answers[key])), value=key)
        for key in QUESTIONS
    ]
    return str(_select(_("Er svarene rigtige?"), choices, DONE, back=False))


def run_screening(card: Card, echo: Echo, describe: Callable[[str, Any], str]) -> Answers:
    """Walk through the questions, then the review; return the answers."""
    answers: dict[str, Any] = {}
    index = 0
    while index < len(QUESTIONS):
        key = QUESTIONS[index]
        value = ask_question(card, key, answers.get(key), back=index > 0, echo=echo)
        if value == BACK:
            index -= 1
            continue
        answers[key] = value
        if key == "danger" and value == YES:
            echo("danger", value)
        index += 1
    while (key := review(card, answers, describe)) != DONE:
        value = ask_question(card, key, answers[key], back=True, echo=echo)
        if value != BACK:
            answers[key] = value
            if key == "danger" and value == YES:
                echo("danger", value)
    return Answers(
        role=answers["role"],
        danger=answers["danger"],
        unwanted=answers["unwanted"],
        one_sided=answers["one_sided"],
        repeated=answers["repeated"],
        forms=answers["forms"],
        children=answers["children"],
    )


def ask_note_path(today: date) -> Path | None:
    """Offer to save a case note; return the chosen path, or None (the default)."""
    save = _select(
        _("Vil du gemme et notat om screeningen? (uden navn og CPR-nummer)"),
        [Choice(_("Nej, gem ikke"), value=False), Choice(_("Ja, gem et notat"), value=True)],
        False,
        back=False,
    )
    if not save:
        return None
    name = _ask(
        questionary.text(
            _("Filnavn til notatet:"),
            default=_("stalking-notat-{date}.md").format(date=today.isoformat()),
            instruction=_("(Enter gemmer)"),
            style=STYLE,
        )
    )
    return Path(name.strip()) if name and name.strip() else None


def ask_retry_path() -> Path | None:
    """After a refused overwrite: another name, or nothing."""
    name = _ask(
        questionary.text(
            _("Skriv et andet filnavn (eller tryk Enter for ikke at gemme):"),
            style=STYLE,
        )
    )
    return Path(name.strip()) if name and name.strip() else None


def ask_menu() -> str:
    """The small menu shown by a bare `stalkcard` in a terminal."""
    choices = [
        Choice(_("Screening ved mistanke om stalking"), value="check"),
        Choice(_("Hvem skal jeg ringe til?"), value="contacts"),
        Choice(_("Vis hele handlekortet"), value="show"),
        Choice(_("Afslut"), value="quit"),
    ]
    return str(_select(_("Hvad vil du?"), choices, "check", back=False))
