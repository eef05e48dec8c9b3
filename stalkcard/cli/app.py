"""The Typer app: the global options (--card, --lang, --version), the menu of
a bare `stalkcard` in a terminal, and the commands, which are in
stalkcard.cli.lookup (show, contacts, log), stalkcard.cli.keeper (validate,
schema, copy-card, new-card, html) and stalkcard.cli.check (check). The help
lists them in stalkcard.cli.clitext.COMMAND_ORDER."""

import gc
import os
from collections.abc import Callable
from typing import Annotated, Any

import typer

from stalkcard import __version__
from stalkcard.cli import check, common, keeper, lookup
from stalkcard.cli.clitext import Group
from stalkcard.cli.common import CardOption, LangOption, handled, load
from stalkcard.cli.shell import error
from stalkcard.errors import Cancelled, ExitCode
from stalkcard.i18n import LANG_ENV, LANGUAGES, _, set_language

# The help texts are read as the modules are imported, in the language that
# stalkcard.cli.common settled from the command line before any of them.
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

# The commands, registered in this order (the help orders them by COMMAND_ORDER).
app.add_typer(lookup.commands)
app.add_typer(keeper.commands)
app.add_typer(check.commands)


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
        if common.on_terminal():
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

        return card_subject(load(ctx))
    except _CardError:
        return None


@handled
def _menu(ctx: typer.Context) -> None:
    from stalkcard.cli.prompts import ask_menu

    gc.enable()
    actions: dict[str, Callable[..., Any]] = {
        "check": check.check,
        "contacts": lookup.contacts,
        "show": lookup.show,
    }
    while True:  # back to the menu after each action, until "Afslut"
        try:
            choice = ask_menu(_menu_subject(ctx))
        except Cancelled:
            raise Cancelled(_("Afbrudt. Intet er gemt.")) from None
        if choice not in actions:
            return
        ctx.invoke(actions[choice], ctx=ctx)
        typer.echo("")


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
