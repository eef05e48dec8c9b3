"""The caseworker's look-ups: the whole card (show), who to call (contacts,
also as vCard) and the citizen's log template (log)."""

from enum import StrEnum
from typing import Annotated

import typer

from stalkcard.cli.clitext import Command
from stalkcard.cli.common import ForceOption, handled, load
from stalkcard.cli.shell import say
from stalkcard.errors import AnswerError, NoMatch
from stalkcard.i18n import _, ngettext

# Registered on the app in stalkcard.cli.app, in this order.
commands = typer.Typer()


class CardFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@commands.command(cls=Command, help=_("Vis hele handlekortet (eller ét afsnit af det)."))
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

    card = load(ctx, warn_stale=True)
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
        from stalkcard.views.terminal import card_renderables, print_all

        print_all(card_renderables(card, section, supplements))


@commands.command(
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
    card = load(ctx, warn_stale=True)
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


@commands.command(
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

    card = load(ctx)
    text = export.log_csv(card) if fmt is LogFormat.csv else export.log_markdown(card)
    if output is None:
        write_out(text)
        return
    from stalkcard.output import write_private

    # Excel reads a CSV file as UTF-8 (æ, ø, å intact) only when it starts with a BOM.
    data = ("\ufeff" + text) if fmt is LogFormat.csv else text
    path = write_private(output, data, force=force)
    say(_("Skabelonen er gemt: {path}").format(path=path.absolute()))
