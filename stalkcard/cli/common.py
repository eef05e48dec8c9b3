"""What the commands share: the options several of them take, the wrapper that
turns the tool's errors into a Danish message and an exit code (see
stalkcard.errors.ExitCode), and loading the chosen card with the warnings that
go with it (a check date ahead, an old contact list, a card in another language).
"""

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from stalkcard.cli.shell import error, warn
from stalkcard.errors import ExitCode, StalkcardError
from stalkcard.i18n import _, requested_language, set_language

# Typer takes the help texts now, so the language is settled before the app is built.
# Every command module imports this one before it writes a help text.
set_language(requested_language(sys.argv))

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


class ResultFormat(StrEnum):  # check's result and validate's report
    text = "text"
    json = "json"


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


def card_option(ctx: typer.Context) -> str | None:
    obj = ctx.find_root().obj
    return obj.get("card") if isinstance(obj, dict) else None


def language_option(ctx: typer.Context) -> str:
    obj = ctx.find_root().obj
    return str(obj.get("lang", "da")) if isinstance(obj, dict) else "da"


def warn_if_ahead(card: Any, keeper: bool = False) -> None:
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


def load(ctx: typer.Context, warn_stale: bool = False) -> Any:
    """The chosen card (--card, STALKCARD_CARD or the bundled one) in the tool's
    language, with the warnings a caseworker's command gives about it."""
    from stalkcard.card.reading import load_card

    language = language_option(ctx)
    card = load_card(card_option(ctx), language=language)
    warn_if_ahead(card)
    if warn_stale:
        warn_if_stale(card)
    if card.meta.language != language:
        _warn_language(ctx, language)
    return card


def load_plan(ctx: typer.Context, warn_stale: bool = False) -> Any:
    """The card, loaded as `load` does, compiled once into the plan the engine
    and the views of a result take (stalkcard.engine.plan)."""
    from stalkcard.engine.plan import compile_plan

    return compile_plan(load(ctx, warn_stale))


def _warn_language(ctx: typer.Context, language: str) -> None:
    """The card file chosen is in another language than the tool's words (a
    municipality's Danish card with --lang en): say so, and name the copy in
    that language beside it, if there is one."""
    from stalkcard.card.reading import card_path

    chosen = card_path(card_option(ctx), language)
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


def warn_if_stale(card: Any) -> None:
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


def on_terminal() -> bool:
    """Both ends are a terminal: only then may the tool ask questions. Called as
    common.on_terminal(), so that a test can stand in for a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()
