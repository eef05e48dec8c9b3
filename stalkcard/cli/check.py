"""The guided screening (check): the answers asked in the terminal or read from
--answers/--answer, the result on screen or as JSON, and the case note."""

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from stalkcard.cli import common
from stalkcard.cli.clitext import Command
from stalkcard.cli.common import ResultFormat, handled, load_plan
from stalkcard.cli.shell import warn
from stalkcard.errors import AnswerError
from stalkcard.i18n import _

# Registered on the app in stalkcard.cli.app, after the other commands.
commands = typer.Typer()


class NoteFormat(StrEnum):
    text = "text"
    markdown = "markdown"


def _read_answers(plan: Any, path: str | None, pairs: list[str]) -> dict[str, Any]:
    from stalkcard.engine.answers import example_answers

    raw: dict[str, Any] = {}
    if path is not None:
        from stalkcard.card.yamlsafe import parse_yaml
        from stalkcard.files import read_text

        text = read_text(Path(path), _("Svarfilen"), AnswerError)
        data, _node = parse_yaml(text, path, AnswerError)
        if not isinstance(data, dict):
            raise AnswerError(
                _(
                    "{path}: svarfilen skal være et sæt af spørgsmål og svar, fx {example}. "
                    "Spørgsmålene står i stalkcard show --format json."
                ).format(path=path, example=example_answers(plan))
            )
        raw.update(data)
    if pairs:
        from stalkcard.engine.answers import parse_pairs

        raw.update(parse_pairs(pairs, example_answers(plan).replace(": ", "=").split(",")[0]))
    return raw


@commands.command(
    cls=Command,
    help=_("Guidet screening ud fra kortet: hvem skal du kontakte, og hvad skal du gøre nu?"),
)
@handled
def check(
    ctx: typer.Context,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar=_("FIL"),
            help=_("Læs svarene fra en YAML- eller JSON-fil i stedet."),
        ),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            metavar=_("SPØRGSMÅL=SVAR"),
            help=_(
                "Giv ét svar som SPØRGSMÅL=SVAR, flere valg adskilt af komma (kan gentages). "
                "Spørgsmålene og valgene står i stalkcard show --format json."
            ),
        ),
    ] = None,
    fmt: Annotated[
        ResultFormat, typer.Option("--format", "-f", help=_("text eller json."))
    ] = ResultFormat.text,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar=_("FIL"), help=_("Gem et notat til sagen uden at spørge.")),
    ] = None,
    note_format: Annotated[
        NoteFormat,
        typer.Option(
            "--note-format",
            help=_("Notatets form: text (ren tekst, til journalen) eller markdown."),
        ),
    ] = NoteFormat.text,
    force: Annotated[
        bool, typer.Option("--force", help=_("Erstat en eksisterende notatfil."))
    ] = False,
) -> None:
    from stalkcard.engine.answers import UNIT_ENV, normalise_answers, normalise_unit
    from stalkcard.engine.callplan import plan_at
    from stalkcard.engine.evaluate import evaluate

    plan = load_plan(ctx, warn_stale=True)
    card = plan.card
    interactive = answers_file is None and not answer
    unit_env = os.environ.get(UNIT_ENV, "").strip() or None
    if interactive:
        if not common.on_terminal():
            raise AnswerError(
                _(
                    "Der er ingen terminal at stille spørgsmålene i. Giv svarene med "
                    "--answers FIL eller --answer SPØRGSMÅL=SVAR (se stalkcard check --help)."
                )
            )
        unit = None
        if unit_env is not None:
            try:
                unit = normalise_unit(unit_env, plan, source=UNIT_ENV)
            except AnswerError as exc:
                warn(exc.message + " " + _("Spørgsmålet om din enhed stilles i stedet."))
        # The session (and the prompts) only when there is a session: every
        # other command and a check with its answers given start without it.
        from stalkcard.cli.session import interactive_answers

        answers = interactive_answers(plan, unit)
    else:
        raw = _read_answers(plan, answers_file, answer or [])
        unit_key = next((q.id for q in plan.questions if q.units), None)
        if unit_key is not None and unit_key not in raw and unit_env is not None:
            raw[unit_key] = normalise_unit(unit_env, plan, source=UNIT_ENV)
        answers = normalise_answers(raw, plan)
    result = evaluate(plan, answers)
    from stalkcard import clock

    moment = clock.now()
    if moment is None and clock.today() is not None:  # else load has said it
        warn(clock.no_time_reason())  # who answers now is not claimed
    timed = plan_at(plan, result, moment)  # "Ring nu" at this moment
    if fmt is ResultFormat.json:
        from stalkcard.views.parts import result_json, write_out

        write_out(result_json(plan, result, timed))
    else:
        from stalkcard.views.terminal import print_all, result_renderables

        print_all(result_renderables(plan, result, timed))
    # Kept as typed: Path() would turn "" into "." and drop a trailing "/".
    note_path: str | None = note
    prompted = False
    if note_path is None and interactive:
        from stalkcard import clock
        from stalkcard.cli.prompts import ask_note_path
        from stalkcard.views.parts import card_subject, file_subject

        if result.urgent:  # 112 stays on screen above the note's question too
            from stalkcard.cli.session import remind_urgent

            remind_urgent(plan, result.danger)

        note_path = ask_note_path(
            clock.now(),
            markdown=note_format is NoteFormat.markdown,
            subject=file_subject(card_subject(card)),
        )
        prompted = True
    if note_path is not None:
        from stalkcard.cli.session import save_note

        # With JSON on stdout, the confirmation goes to stderr: stdout stays JSON.
        save_note(
            plan,
            result,
            note_path,
            force,
            interactive,
            fmt is ResultFormat.json,
            prompted,
            markdown=note_format is NoteFormat.markdown,
        )
