"""The card keeper's commands (the municipality's coordinator): check a card
file (validate), the card's JSON Schema (schema), a card to edit (copy-card,
new-card; the files are written by stalkcard.cli.keeper_files) and the card as
one offline HTML page to publish (html)."""

from pathlib import Path
from typing import Annotated, Any

import typer

from stalkcard.cli.clitext import Command
from stalkcard.cli.common import (
    CardOption,
    ForceOption,
    LangOption,
    ResultFormat,
    card_option,
    handled,
    language_option,
    warn_if_ahead,
    warn_if_stale,
)
from stalkcard.cli.shell import error, say, warn
from stalkcard.errors import AnswerError, CardError, ExitCode, OutputError
from stalkcard.i18n import LANGUAGES, _, ngettext, set_language

# Registered on the app in stalkcard.cli.app, in this order.
commands = typer.Typer()


@commands.command(
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
    chosen = path if path is not None else card_option(ctx)
    language = language_option(ctx)
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
    warn_if_ahead(card, keeper=True)
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


@commands.command(
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


@commands.command(
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
    from stalkcard.card.reading import bundled_cards, bundled_name
    from stalkcard.cli.keeper_files import copy_card as copy

    if not folder.strip():
        raise OutputError(_("copy-card: der er ikke angivet nogen mappe."))
    chosen = card_option(ctx)
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


@commands.command(
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
    from stalkcard.cli.keeper_files import new_card as write_new

    if not folder.strip():
        raise OutputError(_("new-card: der er ikke angivet nogen mappe."))
    path = write_new(Path(folder), force=force)
    say(_("Et nyt kort er skrevet: {path}").format(path=path.absolute()))
    say(
        _("Udfyld det fra jeres procedure, og tjek det med: stalkcard validate {path}").format(
            path=path.absolute()
        )
    )


@commands.command(
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

    language = lang if lang is not None else language_option(ctx)
    if language not in LANGUAGES:
        raise AnswerError(_('Ukendt sprog "{lang}". Brug da eller en.').format(lang=language))
    set_language(language)
    plan = load_plan(card_file if card_file is not None else card_option(ctx), language)
    card = plan.card
    warn_if_ahead(card)
    warn_if_stale(card)  # the page will be read long after it is published
    page = render_page(plan, language)
    if output is None:
        from stalkcard.views.parts import write_out

        write_out(page)
        return
    from stalkcard.output import PUBLIC, write_private

    # The page is meant to be published: the user's umask decides its mode.
    path = write_private(output, page, force=force, mode=PUBLIC)
    say(_("Siden er gemt: {path}").format(path=path.absolute()))
