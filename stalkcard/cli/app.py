"""The Typer app: parses options, calls the core, turns errors into a Danish
message and an exit code (see stalkcard.errors.ExitCode)."""

import functools
import gc
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from stalkcard import __version__
from stalkcard.cli.clitext import Command, Group
from stalkcard.cli.session import interactive_answers, save_note
from stalkcard.cli.shell import error, say, warn
from stalkcard.errors import (
    AnswerError,
    Cancelled,
    CardError,
    ExitCode,
    NoMatch,
    OutputError,
    StalkcardError,
)
from stalkcard.i18n import LANG_ENV, LANGUAGES, _, ngettext, requested_language, set_language

# Typer takes the help texts now, so the language is settled before the app is built.
set_language(requested_language(sys.argv))

app = typer.Typer(
    name="stalkcard",
    cls=Group,
    help=_(
        "Kommunens handlekort som guidet værktøj: screening, kontakter og hele kortet. "
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


# Options shared by several commands, declared once.
CardOption = Annotated[
    str | None,
    typer.Option(
        "--card",
        metavar=_("STI"),
        help=_(
            "Brug en anden kortfil (YAML) eller et indbygget kort (fx vejle). Også muligt "
            "med miljøvariablen STALKCARD_CARD."
        ),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="da|en",
        help=_("Sprog: da (standard) eller en. Også muligt med STALKCARD_LANG."),
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help=_("Erstat en eksisterende fil."))]


class CardFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ResultFormat(StrEnum):
    text = "text"
    json = "json"


class NoteFormat(StrEnum):
    text = "text"
    markdown = "markdown"


def handled(func: F) -> F:
    """Turn the tool's own errors into a message on stderr and their exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StalkcardError as exc:
            error(exc.message)
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            error(_("Afbrudt. Intet er gemt."))
            raise typer.Exit(int(ExitCode.CANCELLED)) from None

    return wrapper  # type: ignore[return-value]


def _card_option(ctx: typer.Context) -> str | None:
    obj = ctx.find_root().obj
    return obj.get("card") if isinstance(obj, dict) else None


def _language_option(ctx: typer.Context) -> str:
    obj = ctx.find_root().obj
    return str(obj.get("lang", "da")) if isinstance(obj, dict) else "da"


def _warn_ahead(card: Any, keeper: bool = False) -> None:
    """A check date after today's: the clock runs behind, or the date is mistyped.
    For a caseworker's command a warning, whatever the gap: the card is used
    (only `validate`, the keeper's command, refuses more than a year ahead).
    A clock that cannot be read is said too."""
    from stalkcard import clock
    from stalkcard.card.checkdate import days_ahead

    today = clock.today()
    if today is None:
        warn(clock.unreadable_message())
        return
    if days_ahead(card, today) <= 1:  # a day's margin for time zones
        return
    verified, shown = card.meta.contacts_verified.isoformat(), today.isoformat()
    if keeper:
        warn(
            _(
                "Bemærk: kontaktlisten er opdateret {verified}, efter dagens dato ({today}). "
                "Tjek computerens ur og datoen i kortfilen."
            ).format(verified=verified, today=shown)
        )
    else:
        warn(
            _(
                "Bemærk: kontaktlisten er opdateret {verified}, efter dagens dato ({today}). "
                "Computerens ur går sikkert forkert: tjek dato og klokkeslæt. Indtil da kan "
                "det, værktøjet siger om åbningstider, være forkert."
            ).format(verified=verified, today=shown)
        )


def _load(ctx: typer.Context, warn_stale: bool = False) -> Any:
    from stalkcard.card.reading import load_card

    language = _language_option(ctx)
    card = load_card(_card_option(ctx), language=language)
    _warn_ahead(card)
    if warn_stale:
        _warn_stale(card)
    if card.meta.language != language:
        _warn_language(ctx, language)
    return card


def _load_plan(ctx: typer.Context, warn_stale: bool = False) -> Any:
    """The card, loaded as _load does, compiled once into the plan the engine
    and the views of a result take (stalkcard.engine.plan)."""
    from stalkcard.engine.plan import compile_plan

    return compile_plan(_load(ctx, warn_stale))


def _warn_language(ctx: typer.Context, language: str) -> None:
    """The card file chosen is in another language than the tool's words (a
    municipality's Danish card with --lang en): say so, and name the copy in
    that language beside it, if there is one."""
    from stalkcard.card.reading import card_path

    chosen = card_path(_card_option(ctx), language)
    beside = chosen.with_name(f"{chosen.stem}.{language}{chosen.suffix}")
    if beside.is_file():
        warn(
            _(
                "Bemærk: kortfilen {path} er på et andet sprog end værktøjets ord; "
                "udgaven på dit sprog ligger ved siden af: brug --card {other}"
            ).format(path=chosen, other=beside)
        )
    else:
        warn(
            _(
                "Bemærk: kortfilen {path} er på et andet sprog end værktøjets ord; kortets "
                "egen tekst vises, som den står."
            ).format(path=chosen)
        )


def _warn_stale(card: Any) -> None:
    """One line on stderr when the contact list is over 12 months old."""
    from stalkcard import clock
    from stalkcard.card.reading import stale_since

    today = clock.today()
    if today is not None and stale_since(card, today):
        from stalkcard.views.parts import danish_day

        verified = danish_day(card.meta.contacts_verified)
        warn(
            _(
                "Bemærk: kontaktlisten i kortfilen er sidst opdateret {verified}, for over 12 "
                "måneder siden. Tjek numrene på intranettet, før du ringer."
            ).format(verified=verified)
        )


def _print(renderables: list[Any]) -> None:
    from stalkcard.views.terminal import print_all

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
    card: CardOption = None,
    lang: LangOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help=_("Vis versionen og afslut."), callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    chosen = lang if lang is not None else os.environ.get(LANG_ENV) or "da"
    chosen = chosen.strip().lower()  # "EN" and " en" mean English too
    if chosen not in LANGUAGES:
        error(_('Ukendt sprog "{lang}". Brug da eller en.').format(lang=chosen))
        raise typer.Exit(int(ExitCode.INVALID))
    set_language(chosen)
    ctx.obj = {"card": card, "lang": chosen}
    if ctx.invoked_subcommand is None:
        if _terminal():
            _menu(ctx)
        else:
            typer.echo(ctx.get_help())
        raise typer.Exit()


def _menu_subject(ctx: typer.Context) -> str | None:
    """The card's subject for the menu (file-name safe not needed: words); None
    when the card cannot be read now (the chosen command will say why)."""
    from stalkcard.errors import CardError as _CardError

    try:
        from stalkcard.views.parts import card_subject

        return card_subject(_load(ctx))
    except _CardError:
        return None


@handled
def _menu(ctx: typer.Context) -> None:
    from stalkcard.cli.prompts import ask_menu

    gc.enable()
    actions: dict[str, Callable[..., Any]] = {"check": check, "contacts": contacts, "show": show}
    while True:  # back to the menu after each action, until "Afslut"
        try:
            choice = ask_menu(_menu_subject(ctx))
        except Cancelled:
            raise Cancelled(_("Afbrudt. Intet er gemt.")) from None
        if choice not in actions:
            return
        ctx.invoke(actions[choice], ctx=ctx)
        typer.echo("")


@app.command(cls=Command, help=_("Vis hele handlekortet (eller ét afsnit af det)."))
@handled
def show(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Argument(
            metavar=_("AFSNIT"),
            help=_(
                "Vis kun ét afsnit, ved dets id (afsnittenes id'er står i "
                "stalkcard show --format json)."
            ),
        ),
    ] = None,
    fmt: Annotated[
        CardFormat, typer.Option("--format", "-f", help=_("text, markdown eller json."))
    ] = CardFormat.text,
    supplements: Annotated[
        bool,
        typer.Option("--supplements", help=_("Vis også tillæg, som ikke står på kortet.")),
    ] = False,
) -> None:
    from stalkcard.views.parts import write_out

    card = _load(ctx, warn_stale=True)
    if section is not None and card.section(section) is None:
        ids = ", ".join(s.id for s in card.sections)
        raise AnswerError(
            _('Afsnittet "{section}" findes ikke. Afsnit: {ids}.').format(section=section, ids=ids)
        )
    if fmt is CardFormat.json:
        from stalkcard.views.parts import card_json

        write_out(card_json(card, section, supplements))
    elif fmt is CardFormat.markdown:
        from stalkcard.views.markdown import card_markdown

        write_out(card_markdown(card, section, supplements))
    else:
        from stalkcard.views.terminal import card_renderables

        _print(card_renderables(card, section, supplements))


@app.command(
    cls=Command,
    help=_("Hvem skal jeg ringe til? Kortets kontakter, og numre, som ikke står på kortet."),
)
@handled
def contacts(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar=_("SØG"),
            help=_(
                "Søg i navn, enhed, telefonnummer og søgeord, fx politi, børn og unge eller "
                "8794 7983 (uden anførselstegn)."
            ),
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Skriv kontakterne som JSON."))] = False,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources", help=_("Vis formål og kilder for numrene, som ikke står på kortet.")
        ),
    ] = False,
    vcard: Annotated[
        str | None,
        typer.Option(
            "--vcard",
            metavar=_("FIL"),
            help=_("Gem kontakterne som vCard (til telefon og Outlook)."),
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    from stalkcard.engine.search import closest, search

    if as_json and vcard is not None:
        raise AnswerError(_("Brug enten --json eller --vcard, ikke begge."))
    # Several words are one search: "contacts børn og unge" needs no quotes.
    query = " ".join(words) if words else None
    card = _load(ctx, warn_stale=True)
    everyone = card.contacts + card.extra_contacts  # the extra ones are kept apart
    found, fuzzy = search(everyone, query)
    if not found:
        near = closest(everyone, query or "")
        hint = (
            _(" Mente du: {names}?").format(names=", ".join(c.name for c in near)) if near else ""
        )
        raise NoMatch(
            _('Ingen kontakter passer på "{query}".').format(query=query)
            + hint
            + " "
            + _("Prøv uden søgning: stalkcard contacts")
        )
    if vcard is not None:
        from stalkcard.output import write_private
        from stalkcard.views.export import vcards

        on_card = [c for c in found if c.part_of_card]
        path = write_private(vcard, vcards(card, on_card), force=force)
        say(
            ngettext(
                "{count} kontakt er gemt som vCard: {path}",
                "{count} kontakter er gemt som vCard: {path}",
                len(on_card),
            ).format(count=len(on_card), path=path.absolute())
        )
    elif as_json:
        from stalkcard.views.parts import contacts_json, write_out

        write_out(contacts_json(found))
    else:
        from stalkcard.views import plain

        lines: list[plain.Line | str] = []
        if fuzzy:  # the query is echoed: write_lines makes it terminal-safe
            lines += [_('Intet passer præcist på "{query}". Det nærmeste:').format(query=query), ""]
        # A search shows what it found in full, with sources; the whole list
        # keeps the numbers that are not on the card brief (--sources: in full).
        details = sources or query is not None
        lines += plain.contact_lines(found, plain.terminal_width(), plain.use_bold(), details)
        plain.write_lines(lines)


class LogFormat(StrEnum):
    markdown = "markdown"
    csv = "csv"


@app.command(
    cls=Command,
    help=_(
        "Skabelon til borgerens log over kontaktforsøg: dato, tid, form, hændelse, vidner, bilag."
    ),
)
@handled
def log(
    ctx: typer.Context,
    fmt: Annotated[
        LogFormat, typer.Option("--format", "-f", help=_("markdown eller csv (til Excel)."))
    ] = LogFormat.markdown,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar=_("FIL"), help=_("Gem skabelonen i en fil.")),
    ] = None,
    force: ForceOption = False,
) -> None:
    from stalkcard.views import export
    from stalkcard.views.parts import write_out

    card = _load(ctx)
    text = export.log_csv(card) if fmt is LogFormat.csv else export.log_markdown(card)
    if output is None:
        write_out(text)
        return
    from stalkcard.output import write_private

    # Excel reads a CSV file as UTF-8 (æ, ø, å intact) only when it starts with a BOM.
    data = ("\ufeff" + text) if fmt is LogFormat.csv else text
    path = write_private(output, data, force=force)
    say(_("Skabelonen er gemt: {path}").format(path=path.absolute()))


@app.command(
    cls=Command, help=_("Tjek, at en kortfil er gyldig, og sig hvad der er galt, hvis den ikke er.")
)
@handled
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar=_("STI"), help=_("Kortfilen, der skal tjekkes (standard: den indbyggede).")
        ),
    ] = None,
    compile_twin: Annotated[
        bool,
        typer.Option(
            "--compile",
            help=_(
                "Skriv også kortets kompilerede udgave (NAVN.compiled.json) ved siden af, så "
                "kommandoerne starter hurtigere med kortet."
            ),
        ),
    ] = False,
    fmt: Annotated[
        ResultFormat,
        typer.Option("--format", "-f", help=_("text eller json (til scripts).")),
    ] = ResultFormat.text,
) -> None:
    from stalkcard import clock
    from stalkcard.card.reading import card_path, load_card

    if path is not None and not path.strip():
        raise CardError(_("validate: der er ikke angivet noget filnavn."))
    chosen = path if path is not None else _card_option(ctx)
    language = _language_option(ctx)
    # The keeper's command: the check date is held against today (a refusal
    # more than a year ahead), which the caseworker's commands only warn about.
    try:
        card = load_card(chosen, language=language, compiled=False, today=clock.today())
    except CardError as exc:
        _validate_failed(exc, fmt is ResultFormat.json)
        raise  # pragma: no cover - _validate_failed always ends the command
    if fmt is ResultFormat.json:
        _validate_json(True, str(card_path(chosen, language)), [])
        if compile_twin:
            _write_twin(card_path(chosen, language), quiet=True)
        return
    _warn_ahead(card, keeper=True)
    sections, asked = len(card.sections), len(card.questions)
    contacts, steps = len(card.contact_list), len(card.step_ids)
    counts = ", ".join(
        [
            ngettext("{count} afsnit", "{count} afsnit", sections).format(count=sections),
            ngettext("{count} spørgsmål", "{count} spørgsmål", asked).format(count=asked),
            ngettext("{count} kontakt", "{count} kontakter", contacts).format(count=contacts),
            ngettext("{count} trin", "{count} trin", steps).format(count=steps),
        ]
    )
    say(
        _(
            "Kortet er gyldigt: {path}\n"
            "  {title}, version {version}\n"
            "  {counts}.\n"
            "  Kontaktlisten er sidst opdateret {verified}."
        ).format(
            path=card_path(chosen, language),
            title=card.meta.title,
            version=card.meta.version,
            counts=counts,
            verified=card.meta.contacts_verified.isoformat(),
        )
    )
    _keeper_warnings(card, card_path(chosen, language), language)
    if compile_twin:
        _write_twin(card_path(chosen, language))


def _write_twin(card_file: Path, quiet: bool = False) -> None:
    """The card's compiled twin beside it (stalkcard.card.reading), on the keeper's
    word: readable by whoever can read the card (the card file's own mode),
    written whole."""
    from stalkcard.card.reading import compile_twin, twin_path
    from stalkcard.output import write_private

    target = twin_path(card_file)
    mode = card_file.stat().st_mode & 0o666
    write_private(target, compile_twin(card_file), force=True, mode=mode)
    if not quiet:  # with --format json, stdout is the JSON alone
        say(_("Skrevet: {path}").format(path=target))


def _validate_json(valid: bool, source: str, problems: list[dict[str, Any]]) -> None:
    import json

    from stalkcard.views.parts import write_out

    data = {"valid": valid, "file": source, "problems": problems}
    write_out(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _validate_failed(exc: CardError, as_json: bool) -> None:
    """A card that cannot be used: every problem (not the first ten), in
    text on stderr or as JSON on stdout; exit 2."""
    from stalkcard.card.validation import MAX_ERRORS, report_lines

    findings = getattr(exc, "findings", None)
    source = getattr(exc, "source", "")
    if as_json:
        problems = (
            [f.as_json() for f in findings]
            if findings is not None
            else [{"line": None, "column": None, "place": "", "path": "", "message": exc.message}]
        )
        _validate_json(False, source, problems)
        raise typer.Exit(int(ExitCode.INVALID))
    if findings is None:
        error(exc.message)
    else:
        head = _("Kortfilen kan ikke bruges: {source}").format(source=source)
        lines = report_lines(findings, getattr(exc, "floors_skipped", False), limit=None)
        count = len(findings)
        if count > MAX_ERRORS:  # more than the other commands show: the count
            lines.append(
                ngettext("{count} fejl i alt.", "{count} fejl i alt.", count).format(count=count)
            )
        error("\n".join([head, *lines]))
    raise typer.Exit(int(ExitCode.INVALID))


def _keeper_warnings(card: Any, chosen: Path, language: str) -> None:
    """What the card's keeper should know though the card is valid: an old
    contact list, and an English twin that no longer matches the card."""
    from stalkcard import clock
    from stalkcard.card.planfloor import keeper_notes
    from stalkcard.card.reading import stale_since
    from stalkcard.card.translations import english_twin, twin_drift

    for note in keeper_notes(card):
        warn(note)
    today = clock.today()
    if today is not None and stale_since(card, today):
        warn(
            _(
                "Bemærk: kontaktlisten er sidst opdateret {verified}, for over 12 måneder siden. "
                "Kontrollér numrene, og ret datoen (meta.contacts_verified)."
            ).format(verified=card.meta.contacts_verified.isoformat())
        )
    twin = english_twin(chosen)
    if twin is None:
        return
    from stalkcard.card.reading import load_one

    english = load_one(twin, language="en", compiled=False, today=today)
    drift = twin_drift(card, english)
    if drift:
        warn(
            _(
                "Bemærk: den engelske udgave passer ikke længere til kortet ({twin}), og "
                "kommandoerne bruger den ikke, før den er rettet. Ret den, så id'er, "
                "telefonnumre og regler er de samme:"
            ).format(twin=twin)
        )
        for line in drift[:20]:
            warn("  " + line)
        if len(drift) > 20:
            more = len(drift) - 20
            warn(
                "  "
                + ngettext(
                    "... og {count} forskel mere.", "... og {count} forskelle mere.", more
                ).format(count=more)
            )


@app.command(
    cls=Command,
    help=_(
        "Skriv kortets JSON Schema (til VS Code og andre redigeringsprogrammer, der "
        "fuldfører og tjekker felterne)."
    ),
)
@handled
def schema(
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar=_("FIL"), help=_("Gem skemaet i en fil.")),
    ] = None,
    force: ForceOption = False,
) -> None:
    from stalkcard.card.schema import schema_text
    from stalkcard.views.parts import write_out

    text = schema_text()
    if output is None:
        write_out(text)
        return
    from stalkcard.output import PUBLIC, write_private

    path = write_private(output, text, force=force, mode=PUBLIC)
    say(_("Skemaet er gemt: {path}").format(path=path.absolute()))


# copy-card and new-card: where the card files go, and whether to replace them.
FolderArgument = Annotated[
    str, typer.Argument(metavar=_("MAPPE"), help=_("Mappen, kortfilerne skal ligge i."))
]
ReplaceCardFiles = Annotated[
    bool, typer.Option("--force", help=_("Erstat kortfiler, der allerede ligger der."))
]


@app.command(
    cls=Command,
    name="copy-card",
    help=_(
        "Kopiér det indbyggede kort (dansk og engelsk) til en mappe, så kommunens koordinator "
        "kan rette det. Et andet indbygget kort: --card NAVN før copy-card."
    ),
)
@handled
def copy_card(
    ctx: typer.Context,
    folder: FolderArgument,
    force: ReplaceCardFiles = False,
) -> None:
    from stalkcard.card.drift import copy_card as copy
    from stalkcard.card.reading import bundled_cards, bundled_name

    if not folder.strip():
        raise OutputError(_("copy-card: der er ikke angivet nogen mappe."))
    chosen = _card_option(ctx)
    name = bundled_name(chosen) if chosen else None
    if chosen and name is None:
        raise CardError(
            _("copy-card kopierer et indbygget kort: --card skal være et af dem: {names}.").format(
                names=", ".join(bundled_cards())
            )
        )
    written = copy(Path(folder), force=force, card=name)
    for path in written:
        say(_("Kortfilen er kopieret: {path}").format(path=path.absolute()))
    say(
        _(
            "Ret filerne, og tjek dem med: stalkcard validate {path}\n"
            "Brug dem med: STALKCARD_CARD={path} (eller --card {path})."
        ).format(path=written[0].absolute())
    )


@app.command(
    cls=Command,
    name="new-card",
    help=_(
        "Skriv et tomt kort med forklaringer til en mappe: udgangspunktet for et kort "
        "efter jeres egen procedure."
    ),
)
@handled
def new_card(
    folder: FolderArgument,
    force: ReplaceCardFiles = False,
) -> None:
    from stalkcard.card.drift import new_card as write_new

    if not folder.strip():
        raise OutputError(_("new-card: der er ikke angivet nogen mappe."))
    path = write_new(Path(folder), force=force)
    say(_("Et nyt kort er skrevet: {path}").format(path=path.absolute()))
    say(
        _("Udfyld det fra jeres procedure, og tjek det med: stalkcard validate {path}").format(
            path=path.absolute()
        )
    )


@app.command(
    cls=Command,
    help=_(
        "Skriv handlekortet, kontakterne og screeningen som én HTML-side, der virker uden "
        "net: til intranettet, et fællesdrev eller din egen browser."
    ),
)
@handled
def html(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar=_("FIL"), help=_("Gem siden i en fil.")),
    ] = None,
    lang: LangOption = None,
    card_file: CardOption = None,
    force: ForceOption = False,
) -> None:
    from stalkcard.card.reading import load_plan
    from stalkcard.views.page import render_page

    language = lang if lang is not None else _language_option(ctx)
    if language not in LANGUAGES:
        raise AnswerError(_('Ukendt sprog "{lang}". Brug da eller en.').format(lang=language))
    set_language(language)
    plan = load_plan(card_file if card_file is not None else _card_option(ctx), language)
    _warn_ahead(plan.card)
    _warn_stale(plan.card)  # the page will be read long after it is published
    page = render_page(plan, language)
    if output is None:
        from stalkcard.views.parts import write_out

        write_out(page)
        return
    from stalkcard.output import PUBLIC, write_private

    # The page is meant to be published: the user's umask decides its mode.
    path = write_private(output, page, force=force, mode=PUBLIC)
    say(_("Siden er gemt: {path}").format(path=path.absolute()))


def _read_answers(plan: Any, path: str | None, pairs: list[str]) -> dict[str, Any]:
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
                ).format(path=path, example=_example_answers(plan))
            )
        raw.update(data)
    if pairs:
        from stalkcard.engine.answers import parse_pairs

        raw.update(parse_pairs(pairs, _example_answers(plan).replace(": ", "=").split(",")[0]))
    return raw


def _example_answers(plan: Any) -> str:
    from stalkcard.engine.answers import example_answers

    return example_answers(plan)


@app.command(
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

    plan = _load_plan(ctx, warn_stale=True)
    card = plan.card
    interactive = answers_file is None and not answer
    unit_env = os.environ.get(UNIT_ENV, "").strip() or None
    if interactive:
        if not _terminal():
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
    if moment is None and clock.today() is not None:  # else _load has said it
        warn(clock.no_time_reason())  # who answers now is not claimed
    timed = plan_at(plan, result, moment)  # "Ring nu" at this moment
    if fmt is ResultFormat.json:
        from stalkcard.views.parts import result_json, write_out

        write_out(result_json(plan, result, timed))
    else:
        from stalkcard.views.terminal import result_renderables

        _print(result_renderables(plan, result, timed))
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


def run() -> None:
    """Entry point. Typer turns a Ctrl-C outside the commands into exit code 130,
    and a closed pipe into a quiet exit."""
    if os.environ.get("_STALKCARD_COMPLETE"):
        # Shell completion, enabled by hand (see the README); Typer's own
        # installer is off because it changes PowerShell's execution policy.
        try:
            from typer.completion import completion_init  # type: ignore[attr-defined]
        except ImportError:  # pragma: no cover - a Typer without it completes nothing
            pass
        else:
            completion_init()
    app()
