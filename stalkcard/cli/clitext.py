"""The command line's own frame in the user's language: help, usage and errors.

Typer (from 0.26) ships its own copy of click, whose words are English
literals ("Usage:", "Options", "Show this message and exit.", "No such
command ...", "Invalid value for ..."). They are put into Danish (or English,
through `_()`) here, once, for every command: a help formatter, a command and
a group class that the app uses for all its commands, and one function that
turns click's usage errors into the tool's own message and exit code 2.
"""

from __future__ import annotations

import contextlib
import errno
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from difflib import get_close_matches
from typing import Any

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from stalkcard.errors import ExitCode, OutputClosed
from stalkcard.i18n import N_, _

# The commands in the order a caseworker needs them; `check` is the main one.
COMMAND_ORDER = (
    "check", "contacts", "show", "html", "log", "validate", "copy-card", "new-card", "schema"
)  # fmt: skip
# Danish words someone may type for a command: suggested, never run.
DANISH_COMMANDS = {
    "screening": "check", "tjek": "check", "undersøg": "check", "start": "check",
    "kontakter": "contacts", "kontakt": "contacts", "ring": "contacts", "telefon": "contacts",
    "vis": "show", "kort": "show", "handlekort": "show", "kortet": "show",
    "logbog": "log", "logskema": "log", "valider": "validate", "kontroller": "validate",
    "side": "html", "webside": "html", "hjemmeside": "html", "intranet": "html",
}  # fmt: skip

SECTIONS = {"Options": N_("Tilvalg"), "Arguments": N_("Argumenter"), "Commands": N_("Kommandoer")}
# Help fragments of click and Typer, and what they say in the tool's words.
HELP_WORDS = (
    ("Show this message and exit.", N_("Vis denne hjælp og afslut.")),
    ("[default: ", N_("[standard: ")),
    ("; default: ", N_("; standard: ")),
    ("[required]", N_("[skal angives]")),
    ("; required]", N_("; skal angives]")),
)


def _translate_help(text: str) -> str:
    for english, danish in HELP_WORDS:
        text = text.replace(english, _(danish))
    return text


class Formatter(_click.HelpFormatter):
    """click's help formatter with the tool's words."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=_("Brug: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(SECTIONS.get(heading, heading)))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl(
            [(term, _translate_help(text)) for term, text in rows], col_max, col_spacing
        )


class Context(typer.Context):
    formatter_class = Formatter


def _danish_metavar(command: _click.Command) -> None:
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = _("[TILVALG]")


class Command(TyperCommand):
    """Every subcommand: Danish help frame."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _danish_metavar(self)


class Group(TyperGroup):
    """The app: Danish help frame, `check` first, whole help lines, and click's
    usage errors as the tool's own Danish message with exit code 2."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["suggest_commands"] = False  # ours below, in the user's language
        super().__init__(*args, **kwargs)
        _danish_metavar(self)
        if self.subcommand_metavar in (None, "COMMAND [ARGS]..."):
            self.subcommand_metavar = _("KOMMANDO [ARGUMENTER]...")

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, global_options_first(args, self))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _closed_pipe_passes():  # --help and --version write while parsing
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: _click.Context) -> Any:
        with _closed_pipe_passes():
            return super().invoke(ctx)

    def list_commands(self, ctx: _click.Context) -> list[str]:
        names = super().list_commands(ctx)
        ranked = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: ranked.get(name, len(ranked)))

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Each command's whole help text, wrapped, never cut with "...\"."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, " ".join((command.help or "").split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except click_errors.ClickException as error:
            if not standalone_mode:
                raise
            show_error(error)
            sys.exit(int(ExitCode.INVALID))
        except typer.Abort:
            if not standalone_mode:
                raise
            sys.stderr.write(_("Afbrudt. Intet er gemt.") + "\n")
            sys.exit(int(ExitCode.CANCELLED))
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


GLOBAL_OPTIONS = ("--lang", "--card")  # each takes a value


def global_options_first(args: Sequence[str], group: TyperGroup) -> list[str]:
    """The command line with the app's global options (--lang, --card) moved
    before the command when they were typed after it (`stalkcard show --lang
    en`), as click only takes them there. A command with an option of the same
    name (`html --lang`) keeps its own; nothing after `--` is moved."""
    args = list(args)
    at = 0
    while at < len(args) and args[at] not in group.commands:
        if args[at] == "--":
            return args
        at += 2 if args[at] in GLOBAL_OPTIONS else 1
    if at >= len(args):
        return args
    command = group.commands[args[at]]
    own = {name for param in command.params for name in getattr(param, "opts", [])}
    front: list[str] = []
    rest: list[str] = []
    index = at + 1
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        name = arg.partition("=")[0]
        if name in GLOBAL_OPTIONS and name not in own and ("=" in arg or index + 1 < len(args)):
            takes = 1 if "=" in arg else 2
            front += args[index : index + takes]
            index += takes
            continue
        rest.append(arg)
        index += 1
    return [*args[:at], *front, args[at], *rest]


@contextlib.contextmanager
def _closed_pipe_passes() -> Iterator[None]:
    """A closed stdout (EPIPE) leaves as OutputClosed: Typer's click catches
    the OSError itself and exits 1, the tool's code for "no match"."""
    try:
        yield
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise OutputClosed(error) from None
        raise


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f'"{value}"' for value in values)


def _param_name(error: click_errors.BadParameter) -> str:
    param = error.param
    if param is None:
        return ""
    names = list(getattr(param, "opts", []) or [])
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.make_metavar(error.ctx) if error.ctx else (param.name or "")).strip("[].")
    return " / ".join(names) or str(param.name or "")


def message_of(error: click_errors.ClickException) -> str:
    """A usage error in the tool's words. Unknown English is never echoed: a
    message this function does not know becomes a general one."""
    from stalkcard.safe import terminal_safe

    text = error.message
    if isinstance(error, click_errors.NoSuchOption):
        message = _("Ukendt tilvalg: {option}.").format(option=terminal_safe(error.option_name))
        if error.possibilities:
            message += " " + _("Mente du: {options}?").format(
                options=_quoted(sorted(error.possibilities))
            )
        return message
    if isinstance(error, click_errors.MissingParameter):
        return _("Der mangler en værdi: {name}.").format(name=_param_name(error))
    if isinstance(error, click_errors.BadParameter):
        name = _param_name(error)
        choice = re.fullmatch(r"'(.*)' is not one of (.*)\.", text, re.S)
        if choice:
            allowed = [c.strip().strip("'") for c in choice.group(2).split(",")]
            return _('Ugyldig værdi for {name}: "{value}". Vælg en af: {allowed}.').format(
                name=name, value=terminal_safe(choice.group(1)), allowed=_quoted(allowed)
            )
        return _("Ugyldig værdi for {name}.").format(name=name)
    if isinstance(error, click_errors.BadOptionUsage):
        option = terminal_safe(error.option_name)
        if "requires" in text:
            return _("{option} skal have en værdi efter sig.").format(option=option)
        if "does not take a value" in text:
            return _("{option} tager ingen værdi.").format(option=option)
        return _("{option} er brugt forkert.").format(option=option)
    if found := re.fullmatch(r"No such command '(.*)'\.?", text, re.S):
        name = found.group(1)
        message = _('Kommandoen "{name}" findes ikke.').format(name=terminal_safe(name))
        suggestion = DANISH_COMMANDS.get(name.casefold()) or next(
            iter(get_close_matches(name, COMMAND_ORDER, n=1)), None
        )
        if suggestion:
            message += " " + _('Mente du "{command}"?').format(command=suggestion)
        return message
    if found := re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text, re.S):
        return _("For mange argumenter: {extra}.").format(extra=terminal_safe(found.group(1)))
    if text.startswith("Missing command"):
        return _("Der mangler en kommando.")
    return _("Kommandolinjen kan ikke forstås.")


def show_error(error: click_errors.ClickException) -> None:
    """Usage, a hint and the error, on stderr, in the user's language."""
    lines = []
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(_("Se '{command} --help' for hjælp.").format(command=ctx.command_path) + "\n")
    lines.append(_("Fejl: {message}").format(message=message_of(error)))
    sys.stderr.write("\n".join(lines) + "\n")
