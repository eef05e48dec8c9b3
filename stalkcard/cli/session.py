"""The interactive session of `check`: the questions in the terminal (the
prompts are stalkcard.cli.prompts), what is shown beside them, and saving the case
note, with another try for a name that cannot be used."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from stalkcard.cli.shell import error, say, warn
from stalkcard.errors import FileExists, OutputError
from stalkcard.i18n import _


def interactive_answers(plan: Any, unit: str | None) -> Any:
    # Rich and the renderers are imported only once there is something to show,
    # so the first question appears sooner (bench/startup.py).
    from stalkcard.cli.prompts import run_screening

    gc.enable()

    def echo(event: str, data: Any) -> None:
        from rich.text import Text

        from stalkcard.engine.evaluate import urgent_supplements
        from stalkcard.views import parts as views
        from stalkcard.views import terminal as render

        console = render.make_console()
        if event == "context":  # the card's own sentence beside a question
            console.print(Text(_("Kortet siger: {text}").format(text=data), style="dim"))
        elif event == "details":  # the choices with what the card says of each
            console.print(render.choices_overview(data))
        elif event == "danger":
            # Shown the moment danger is answered "Ja" or "Ved ikke" (possible danger).
            shown = urgent_supplements(plan, data)
            if shown:
                console.print(Text(views.danger_heading(data), style="bold red"))
                console.print(render.supplements_panel(shown, urgent=True))
        elif event == "remind":
            # Above every following question: the urgent line in one row, so the
            # panel scrolling away does not take 112 with it (issue 23).
            remind_urgent(plan, data)

    def describe(key: str, value: Any) -> str:
        from stalkcard.views.parts import describe_answer

        label, shown = describe_answer(plan, key, value)
        return f"{label}: {shown}"

    return run_screening(plan, echo, describe, unit)


def remind_urgent(plan: Any, danger: str | None) -> None:
    """The urgent line (112) in one row, in red: above every question after
    danger "Ja" or "Ved ikke", and above the note's question, so it is on the
    screen whenever the caseworker is asked something."""
    from rich.text import Text

    from stalkcard.engine.evaluate import urgent_supplements
    from stalkcard.views import parts as views
    from stalkcard.views import terminal as render

    shown = urgent_supplements(plan, danger) if danger is not None else ()
    if shown:
        words = " ".join(s.headline or s.text for s in shown)
        line = Text(f"{views.danger_heading(danger)}: {words}", style="bold red")
        render.make_console().print(line)


def save_note(
    plan: Any,
    result: Any,
    path: str,
    force: bool,
    interactive: bool,
    quiet: bool = False,
    prompted: bool = False,
    markdown: bool = False,
) -> None:
    """Save the case note. In the interactive flow a name that exists offers
    another name or replacing it, and any other refusal (an unknown ~user too)
    asks for another name; the screening is never lost to a bad name. A name
    typed at a prompt has ~ expanded and .txt (or .md) added (output.note_path).
    The note is plain text for the case file (stalkcard.views.note), or Markdown on
    request; its date is Danish time (clock.now)."""
    from stalkcard import clock
    from stalkcard.output import note_path, write_private

    tell = warn if quiet else say
    if markdown:
        from stalkcard.views.markdown import result_markdown

        text = result_markdown(plan, result, clock.now())
    else:
        from stalkcard.views.note import result_text

        text = result_text(plan, result, clock.now())
    target: str | Path | None = path
    replace = force
    while target is not None:
        try:
            if prompted and isinstance(target, str):
                target = note_path(target, ".md" if markdown else ".txt")
            saved = write_private(target, text, force=replace)
        except FileExists as exc:
            if not interactive:
                raise
            from stalkcard.cli.prompts import ask_existing, ask_retry_path

            choice = ask_existing(exc.path)
            if choice == "replace":
                replace = True
            elif choice == "rename":
                target, prompted = ask_retry_path(), True
            else:
                target = None
            continue
        except OutputError as exc:
            if not interactive:
                raise
            error(exc.message)
            from stalkcard.cli.prompts import ask_retry_path

            target, replace, prompted = ask_retry_path(), force, True
            continue
        tell(_("Notatet er gemt: {path} (kun du kan læse det).").format(path=saved.absolute()))
        return
    tell(_("Intet notat er gemt."))
