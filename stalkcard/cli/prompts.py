"""The questionary interaction, and nothing else.

questionary has no "back" button, so the screening is a small state machine:
each question after the first has a "Tilbage" choice, and a review at the end
lets the caseworker change any answer before the result. Defaults always lead
forward: Enter at every prompt walks to the result.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, cast

import questionary
from prompt_toolkit.formatted_text import to_formatted_text
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.shortcuts import PromptSession
from questionary import Choice, Style

from stalkcard.engine.plan import Plan
from stalkcard.engine.result import Answers
from stalkcard.errors import Cancelled
from stalkcard.i18n import N_, _, ngettext

BACK = "__tilbage__"
DONE = "__resultat__"
SELECT_HINT = N_("piletasterne flytter, Enter vælger")
CHECKBOX_HINT = N_("mellemrum markerer, Enter går videre; ingen markeret er også et svar")
PROGRESS = N_("Spørgsmål {number} af {total}")
CANCELLED = N_("Screeningen blev afbrudt. Intet er gemt.")
STYLE = Style([("qmark", "bold"), ("question", "bold"), ("instruction", "italic")])


Echo = Callable[[str, Any], None]
"""Called with an event name and its data, so the caller can show context."""


class Back(NamedTuple):
    """The answer "Tilbage": go to the previous question, keeping `keep` (what was
    already marked in a checkbox) as this question's answer for when it returns."""

    keep: Any = None


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
        return _ctrl_d(_danish_summary(question)).unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled(_(CANCELLED)) from None


def _danish_summary(question: questionary.Question) -> questionary.Question:
    """questionary's checkbox sums up its answer in English ("done (2
    selections)"), built inside the prompt's own message. Rewrite those answer
    words in the prompt sessions' messages, which is where they are drawn; and
    wrap each message (the question, its hint, the answer) between words at the
    terminal's width: prompt_toolkit breaks a long line anywhere, mid-word."""
    for window in question.application.layout.find_all_windows():
        prefix = window.get_line_prefix
        session = getattr(getattr(prefix, "func", None), "__self__", None)
        if isinstance(prefix, functools.partial) and isinstance(session, PromptSession):
            session.message = cast(Any, _translating(session.message))
    return question


def wrap_fragments(fragments: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """Styled text broken into lines of at most `width` cells, between words
    (at a space, which becomes the line break). A word longer than the line is
    left whole, for the terminal to wrap."""
    from prompt_toolkit.utils import get_cwidth

    chars: list[tuple[str, str]] = []
    column, space = 0, -1  # cells on this line; where its last space is
    for style, text in fragments:
        for ch in text:
            if ch == "\n":
                column, space = -1, -1
            elif column + get_cwidth(ch) > width and space >= 0:
                chars[space] = (chars[space][0], "\n")
                column = sum(get_cwidth(c) for _s, c in chars[space + 1 :])
                space = -1
            chars.append((style, ch))
            column += get_cwidth(ch)
            if ch == " ":
                space = len(chars) - 1
    out: list[tuple[str, str]] = []
    for style, ch in chars:
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + ch)
        else:
            out.append((style, ch))
    return out


def _width() -> int:
    from prompt_toolkit.application.current import get_app

    return max(10, get_app().output.get_size().columns - 1)  # the last cell moves the cursor


def _translating(message: Any) -> Callable[[], list[tuple[str, str]]]:
    def translated() -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for fragment in to_formatted_text(message() if callable(message) else message):
            style, text = fragment[0], fragment[1]
            if style == "class:answer":
                many = re.fullmatch(r"done \((\d+) selections\)", text)
                if text == "done":
                    text = _("ingen markeret")
                elif many:
                    number = int(many.group(1))
                    text = ngettext("{count} markeret", "{count} markeret", number).format(
                        count=number
                    )
            out.append((style, text))
        return wrap_fragments(out, _width())

    return translated


def _wrapped_choice(choice: Choice) -> Choice:
    """A choice whose title is wider than the terminal, wrapped between words
    onto indented lines (prompt_toolkit would cut it off at the edge)."""
    import shutil
    import textwrap

    title = choice.title
    width = shutil.get_terminal_size((80, 24)).columns - 4  # the pointer and a margin
    if not isinstance(title, str) or len(title) <= width or width < 20:
        return choice
    lines = textwrap.wrap(title, width, subsequent_indent="  ", break_on_hyphens=False)
    return Choice("\n   ".join(lines), value=choice.value, disabled=choice.disabled)


def _hint(hint: str, progress: tuple[int, int] | None) -> str:
    if progress is None:
        return f"({_(hint)})"
    number, total = progress
    return f"({_(PROGRESS).format(number=number, total=total)}; {_(hint)})"


def _select(
    message: str,
    choices: list[Choice],
    default: Any,
    back: bool,
    progress: tuple[int, int] | None = None,
) -> Any:
    if back:
        choices = [*choices, Choice(_("Tilbage til forrige spørgsmål"), value=BACK)]
    choices = [_wrapped_choice(c) for c in choices]
    chosen = next((c for c in choices if c.value == default), choices[0])
    answer = _ask(
        questionary.select(
            message,
            choices=choices,
            default=chosen,
            instruction=_hint(SELECT_HINT, progress),
            style=STYLE,
            qmark="?",
            pointer=">",
        )
    )
    return Back() if answer == BACK else answer


def ask_question(
    plan: Plan,
    key: str,
    current: Any,
    back: bool,
    echo: Echo,
    progress: tuple[int, int] | None = None,
    remind: Callable[[], None] | None = None,
) -> Any:
    """Ask one question of the screening (stalkcard.engine.questions); return its value, or Back.
    `remind` prints the urgent line (112) right above the prompt, after any
    context, so it stays on screen however long the context is (issue 23)."""
    asked = plan.question(key)
    if asked.context:
        echo("context", asked.context)
    if asked.kind == "one":
        choices = [Choice(c.label, value=c.id) for c in asked.choices]
        if remind is not None:
            remind()
        return _select(asked.text, choices, current or asked.start, back, progress)
    chosen = set(current or ())
    echo("details", asked)
    if remind is not None:
        remind()
    boxes = [Choice(c.label, value=c.id, checked=c.id in chosen) for c in asked.choices]
    if back:
        boxes.append(Choice(_("Tilbage til forrige spørgsmål"), value=BACK))
    picked = _ask(  # _ask puts the summary into Danish and wraps it
        questionary.checkbox(
            asked.text,
            choices=boxes,
            instruction=_hint(CHECKBOX_HINT, progress),
            style=STYLE,
            pointer=">",
        )
    )
    values = tuple(c.id for c in asked.choices if c.id in picked)
    return Back(keep=values) if BACK in picked else values


def review(plan: Plan, answers: dict[str, Any], describe: Callable[[str, Any], str]) -> str:
    """The review screen: see the result (default) or pick an answer to change."""
    choices = [Choice(_("Se resultatet"), value=DONE)]
    choices += [
        Choice(_("Ret: {answer}").format(answer=describe(q.id, answers[q.id])), value=q.id)
        for q in plan.questions
    ]
    return str(_select(_("Er svarene rigtige?"), choices, DONE, back=False))


def _once(echo: Echo) -> Echo:
    """Show each piece of context once: a step back does not print it again."""
    seen: set[tuple[str, str]] = set()

    def show(event: str, data: Any) -> None:
        key = (event, repr(data))
        if key not in seen:
            seen.add(key)
            echo(event, data)

    return show


def run_screening(
    plan: Plan, echo: Echo, describe: Callable[[str, Any], str], unit: str | None = None
) -> Answers:
    """Walk through the questions, then the review; return the answers.

    `unit` is the caseworker's own unit when it is already known (STALKCARD_UNIT);
    otherwise it is asked last, and can be skipped.
    """
    asked = plan.questions
    unit_key = next((q.id for q in asked if q.units), None)
    keys = [q.id for q in asked if unit is None or q.id != unit_key]
    answers: dict[str, Any] = {unit_key: unit} if unit is not None and unit_key else {}
    shout = echo  # the urgent reminder is shown above every question, not once
    echo = _once(echo)
    danger_key = next((q.id for q in asked if q.danger), None)

    def remind() -> None:
        if danger_key is not None and danger_key in answers:
            shout("remind", answers[danger_key])

    index = 0
    while index < len(keys):
        key = keys[index]
        value = ask_question(
            plan,
            key,
            answers.get(key),
            index > 0,
            echo,
            progress=(index + 1, len(keys)),
            remind=None if key == danger_key else remind,
        )
        if isinstance(value, Back):
            if value.keep is not None:
                answers[key] = value.keep
            index -= 1
            continue
        answers[key] = value
        if plan.question(key).danger:
            echo("danger", value)
        index += 1
    # From the review, a question is asked without "Tilbage": Enter keeps its answer.
    while True:
        remind()
        if (key := review(plan, answers, describe)) == DONE:
            break
        reminder = None if key == danger_key else remind
        answers[key] = ask_question(plan, key, answers[key], back=False, echo=echo, remind=reminder)
        if plan.question(key).danger:
            echo("danger", answers[key])
    return Answers({q.id: answers[q.id] for q in asked})


def ask_note_path(
    now: datetime | None, markdown: bool = False, subject: str | None = None
) -> str | None:
    """Offer to save a case note; return the name as typed, or None (the default).
    The caller makes it a path (stalkcard.output.note_path), so that a name it
    cannot use gets a message and another try."""
    suffix = ".md" if markdown else ".txt"
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
            default=(
                _("{subject}-notat-{when}").format(
                    subject=subject or _("stalking"), when=now.strftime("%Y-%m-%d-%H%M")
                )
                + suffix
                if now is not None  # None: the computer's clock cannot be read
                else _("{subject}-notat").format(subject=subject or _("stalking")) + suffix
            ),
            instruction=_("(Enter gemmer; ~ er din hjemmemappe)"),
            style=STYLE,
        )
    )
    return str(name) if name and name.strip() else None


def ask_existing(path: Path) -> str:
    """The note's file exists: "rename" (the default), "replace" or "skip"."""
    return str(
        _select(
            _("Filen findes allerede: {path}. Hvad vil du?").format(path=path),
            [
                Choice(_("Vælg et andet navn"), value="rename"),
                Choice(_("Erstat filen"), value="replace"),
                Choice(_("Gem ikke"), value="skip"),
            ],
            "rename",
            back=False,
        )
    )


def ask_retry_path() -> str | None:
    """Another name for the note as typed, or nothing."""
    name = _ask(
        questionary.text(
            _("Skriv et andet filnavn (eller tryk Enter for ikke at gemme):"),
            style=STYLE,
        )
    )
    return str(name) if name and name.strip() else None


def ask_menu(subject: str | None = None) -> str:
    """The small menu shown by a bare `stalkcard` in a terminal."""
    choices = [
        Choice(
            _("Screening ved mistanke om {subject}").format(subject=subject or _("stalking")),
            value="check",
        ),
        Choice(_("Hvem skal jeg ringe til?"), value="contacts"),
        Choice(_("Vis hele handlekortet"), value="show"),
        Choice(_("Afslut"), value="quit"),
    ]
    return str(_select(_("Hvad vil du?"), choices, "check", back=False))
