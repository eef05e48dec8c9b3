"""The Typer app: parses options, calls the core, turns errors into a Danish
message and an exit code (see stalkcard.errors.ExitCode)."""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from stalkcard import __version__
from stalkcard.errors import AnswerError, Cancelled, ExitCode, NoMatch, OutputError, StalkcardError

app = typer.Typer(
    name="stalkcard",
    help=(
        "Skanderborg Kommunes actioncard ved mistanke om stalking under kontakt med borger. "
        "Uden kommando i en terminal: en lille menu."
    ),
    add_completion=False,
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


class CardFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ResultFormat(StrEnum):
    text = "text"
    json = "json"


def _error(message: str) -> None:
    from rich.text import Text

    from stalkcard.render import make_console

    # soft_wrap: the terminal wraps, so a file path is never broken by a newline.
    make_console(stderr=True).print(Text(message, style="red"), soft_wrap=True)


def _warn(message: str) -> None:
    from rich.text import Text

    from stalkcard.render import make_console

    make_console(stderr=True).print(Text(message, style="yellow"), soft_wrap=True)


def handled(func: F) -> F:
    """Turn the tool's own errors into a message on stderr and their exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StalkcardError as exc:
            _error(exc.message)
            raise typer.Exit(int(exc.exit_code)) from None

    return wrapper  # type: ignore[return-value]


def _card_option(ctx: typer.Context) -> str | None:
    obj = ctx.find_root().obj
    return obj.get("card") if isinstance(obj, dict) else None


def _load(ctx: typer.Context, warn_stale: bool = False) -> Any:
    from stalkcard.card import load_card, stale_since

    card = load_card(_card_option(ctx))
    if warn_stale and stale_since(card, datetime.now().date()):
        verified = card.meta.contacts_verified.isoformat()
        _warn(
            f"Bemærk: kontaktlisten er sidst kontrolleret {verified}, for over 12 måneder siden. "
            "Tjek numrene på intranettet, før du ringer."
        )
    return card


def _print(renderables: list[Any]) -> None:
    from stalkcard.render import print_all

    print_all(renderables)


def _terminal() -> bool:
    """Both ends are a terminal: only then may the tool ask questions."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stalkcard {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    card: Annotated[
        str | None,
        typer.Option(
            "--card",
            metavar="STI",
            help="Brug en anden kortfil (YAML). Også muligt med miljøvariablen STALKCARD_CARD.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Vis versionen og afslut.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    ctx.obj = {"card": card}
    if ctx.invoked_subcommand is None:
        if _terminal():
            _menu(ctx)
        else:
            typer.echo(ctx.get_help())
        raise typer.Exit()


@handled
def _menu(ctx: typer.Context) -> None:
    from stalkcard.prompts import ask_menu

    gc.enable()
    try:
        choice = ask_menu()
    except Cancelled:
        raise typer.Exit(int(ExitCode.CANCELLED)) from None
    if choice == "check":
        ctx.invoke(check, ctx=ctx)
    elif choice == "contacts":
        ctx.invoke(contacts, ctx=ctx)
    elif choice == "show":
        ctx.invoke(show, ctx=ctx)


@app.command()
@handled
def show(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Argument(
            metavar="AFSNIT",
            help="Vis kun ét afsnit, fx sparring (stalking, eksempler, mistanke, sparring, "
            "handling, videre_handling).",
        ),
    ] = None,
    fmt: Annotated[
        CardFormat, typer.Option("--format", "-f", help="text, markdown eller json.")
    ] = CardFormat.text,
    supplements: Annotated[
        bool,
        typer.Option("--supplements", help="Vis også tillæg, som ikke står på kortet."),
    ] = False,
) -> None:
    """Vis hele handlekortet (eller ét afsnit af det)."""
    from stalkcard import render

    card = _load(ctx, warn_stale=True)
    if section is not None and card.section(section) is None:
        ids = ", ".join(s.id for s in card.sections)
        raise AnswerError(f'Afsnittet "{section}" findes ikke. Afsnit: {ids}.')
    if fmt is CardFormat.json:
        render.write_out(render.card_json(card, section, supplements))
    elif fmt is CardFormat.markdown:
        render.write_out(render.card_markdown(card, section, supplements))
    else:
        _print(render.card_renderables(card, section, supplements))


@app.command()
@handled
def contacts(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="SØG",
            help="Søg i navn, enhed og organisation, fx politi eller soenderskov.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv kontakterne som JSON.")] = False,
    vcard: Annotated[
        str | None,
        typer.Option(
            "--vcard", metavar="FIL", help="Gem kontakterne som vCard (til telefon og Outlook)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Erstat en eksisterende fil.")] = False,
) -> None:
    """Hvem skal jeg ringe til? Ressourcepersoner og eksterne kontakter."""
    from stalkcard import render
    from stalkcard.card import find_contacts

    card = _load(ctx, warn_stale=True)
    found = find_contacts(card.contacts, query)
    if not found:
        raise NoMatch(f'Ingen kontakter passer på "{query}". Prøv uden søgning: stalkcard contacts')
    if vcard is not None:
        from stalkcard.export import vcards
        from stalkcard.output import write_private

        path = write_private(Path(vcard), vcards(card, found), force=force)
        typer.echo(f"{len(found)} kontakter er gemt som vCard: {path}")
    elif as_json:
        render.write_out(render.contacts_json(found))
    else:
        _print([render.ContactList(found)])


class LogFormat(StrEnum):
    markdown = "markdown"
    csv = "csv"


@app.command()
@handled
def log(
    ctx: typer.Context,
    fmt: Annotated[
        LogFormat, typer.Option("--format", "-f", help="markdown eller csv (til Excel).")
    ] = LogFormat.markdown,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FIL", help="Gem skabelonen i en fil."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Erstat en eksisterende fil.")] = False,
) -> None:
    """Skabelon til borgerens log over kontaktforsøg: dato, tid, form, hændelse, vidner, bilag."""
    from stalkcard import export, render

    card = _load(ctx)
    text = export.log_csv(card) if fmt is LogFormat.csv else export.log_markdown(card)
    if output is None:
        render.write_out(text)
        return
    from stalkcard.output import write_private

    # Excel reads a CSV file as UTF-8 (æ, ø, å intact) only when it starts with a BOM.
    data = ("\ufeff" + text) if fmt is LogFormat.csv else text
    path = write_private(Path(output), data, force=force)
    typer.echo(f"Skabelonen er gemt: {path}")


@app.command()
@handled
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="STI", help="Kortfilen, der skal tjekkes (standard: den indbyggede)."
        ),
    ] = None,
) -> None:
    """Tjek, at en kortfil er gyldig, og sig hvad der er galt, hvis den ikke er."""
    from stalkcard.card import card_path, load_card

    chosen = path or _card_option(ctx)
    card = load_card(chosen)
    typer.echo(
        f"Kortet er gyldigt: {card_path(chosen)}\n"
        f"  {card.meta.title}, version {card.meta.version}\n"
        f"  {len(card.sparring.persons)} ressourcepersoner, "
        f"{len(card.handling.organisations)} eksterne kontakter, "
        f"{len(card.eksempler.forms)} former for stalking, "
        f"{len(card.step_ids)} trin.\n"
        f"  Kontakterne er sidst kontrolleret {card.meta.contacts_verified.isoformat()}."
    )


def _read_answers(path: str | None, pairs: list[str]) -> dict[str, Any]:
    from stalkcard.card import parse_yaml, read_text

    raw: dict[str, Any] = {}
    if path is not None:
        text = read_text(Path(path), "Svarfilen", AnswerError)
        data, _ = parse_yaml(text, path, AnswerError)
        if not isinstance(data, dict):
            raise AnswerError(
                f"{path}: svarfilen skal være et sæt af nøgler og værdier, "
                "fx role: victim, danger: no, unwanted: yes, one_sided: yes, repeated: yes."
            )
        raw.update(data)
    if pairs:
        from stalkcard.screening import parse_pairs

        raw.update(parse_pairs(pairs))
    return raw


@app.command()
@handled
def check(
    ctx: typer.Context,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers", metavar="FIL", help="Læs svarene fra en YAML- eller JSON-fil i stedet."
        ),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            metavar="NØGLE=VÆRDI",
            help="Giv ét svar, fx role=victim eller forms=messages,digital (kan gentages).",
        ),
    ] = None,
    fmt: Annotated[
        ResultFormat, typer.Option("--format", "-f", help="text eller json.")
    ] = ResultFormat.text,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="FIL", help="Gem et notat (Markdown) uden at spørge."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Erstat en eksisterende notatfil.")
    ] = False,
) -> None:
    """Guidet screening: er det stalking, hvem skal du kontakte, og hvad skal du gøre nu?"""
    from stalkcard.screening import evaluate, normalise_answers

    card = _load(ctx, warn_stale=True)
    interactive = answers_file is None and not answer
    if interactive:
        if not _terminal():
            raise AnswerError(
                "Der er ingen terminal at stille spørgsmålene i. Giv svarene med "
                "--answers FIL eller --answer NØGLE=VÆRDI (se stalkcard check --help)."
            )
        answers = _interactive_answers(card)
    else:
        answers = normalise_answers(_read_answers(answers_file, answer or []), card)
    result = evaluate(card, answers)
    from stalkcard import render

    if fmt is ResultFormat.json:
        render.write_out(render.result_json(card, result))
    else:
        _print(render.result_renderables(card, result))
    note_path = Path(note) if note else None
    if note_path is None and interactive:
        from stalkcard.prompts import ask_note_path

        note_path = ask_note_path(datetime.now().date())
    if note_path is not None:
        _save_note(card, result, note_path, force, interactive)


def _interactive_answers(card: Any) -> Any:
    # Rich and the renderers are imported only once there is something to show,
    # so the first question appears sooner (bench/startup.py).
    from stalkcard.prompts import run_screening

    gc.enable()

    def echo(event: str, data: Any) -> None:
        from rich.text import Text

        from stalkcard import render
        from stalkcard.screening import urgent_supplements

        console = render.make_console()
        if event == "criterion":
            console.print(Text(f"Kortet siger: {data}", style="dim"))
        elif event == "forms":
            console.print(render.forms_overview(data))
        elif event == "danger":
            console.print(Text("AKUT FARE", style="bold red"))
            console.print(render.supplements_panel(urgent_supplements(card), urgent=True))

    def describe(key: str, value: Any) -> str:
        from stalkcard import render

        label, shown = render.describe_answer(card, key, value)
        return f"{label}: {shown}"

    return run_screening(card, echo, describe)


def _save_note(card: Any, result: Any, path: Path, force: bool, interactive: bool) -> None:
    from stalkcard.output import write_private
    from stalkcard.render import result_markdown

    text = result_markdown(card, result, datetime.now())
    target: Path | None = path
    while target is not None:
        try:
            write_private(target, text, force=force)
        except OutputError as exc:
            if not interactive:
                raise
            _error(exc.message)
            from stalkcard.prompts import ask_retry_path

            target = ask_retry_path()
            continue
        typer.echo(f"Notatet er gemt: {target} (kun du kan læse det).")
        return
    typer.echo("Intet notat er gemt.")


def main() -> None:
    """Entry point: the app, with Ctrl-C outside a prompt and closed pipes handled."""
    if os.environ.get("_STALKCARD_COMPLETE"):
        # Shell completion, enabled by hand (see the README); Typer's own
        # installer is off because it changes PowerShell's execution policy.
        try:
            from typer.completion import completion_init  # type: ignore[attr-defined]
        except ImportError:  # pragma: no cover - a Typer without it completes nothing
            pass
        else:
            completion_init()
    try:
        app()
    except KeyboardInterrupt:
        _error("Afbrudt. Intet er gemt.")
        sys.exit(int(ExitCode.CANCELLED))
