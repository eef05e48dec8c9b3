"""Reading a YAML file safely: a size cap, UTF-8, and a strict loader that refuses
aliases, duplicate keys, keys that are not text, deep nesting and tags.

Imported only when a YAML file is read: the bundled card is usually read from
its compiled twin (see stalkcard.card.reading), so most starts never import PyYAML.
"""

from __future__ import annotations

from typing import Any

import yaml

from stalkcard.errors import CardError, StalkcardError
from stalkcard.i18n import N_, _

MAX_DEPTH = 64


class _Refused(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Strict(yaml.composer.Composer):
    """Composing and constructing that refuse aliases, duplicate keys, keys that
    are not text, and nesting deeper than MAX_DEPTH (checked before recursing).

    With `collected` set (a list), a duplicate key, a key that is not text and
    a value that cannot be read are noted there (line, column, message) and
    reading goes on, so one run reports them all: the second use of a key and
    a key that is not text are left out, an unreadable value is kept as its
    text. Aliases, deep nesting and tags stay refused at once."""

    _depth = 0
    collected: list[tuple[int, int | None, str]] | None = None

    def _note(self, line: int, message: str, column: int | None = None) -> bool:
        """Note a problem and go on (True), or False: refuse it at once."""
        if self.collected is None:
            return False
        self.collected.append((line, column, message))
        return True

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise _Refused(
                event.start_mark.line + 1,
                _("YAML-aliaser (*navn) er ikke tilladt her; skriv teksten ud."),
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            event = self.peek_event()  # type: ignore[attr-defined]
            raise _Refused(
                event.start_mark.line + 1,
                _("filen er indlejret for dybt (mere end {depth} niveauer).").format(
                    depth=MAX_DEPTH
                ),
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        kept: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key)
                message = _(
                    "nøglen {key} skal være tekst (skriv den i anførselstegn, "
                    "hvis det er et tal eller ja/nej)."
                ).format(key=shown)
                if not self._note(line, message):
                    raise _Refused(line, message)
                continue
            if key in seen:
                message = _('nøglen "{key}" står to gange i samme afsnit.').format(key=key)
                if not self._note(line, message):
                    raise _Refused(line, message)
                continue
            seen.add(key)
            kept.append((key_node, value_node))
        node.value = kept
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's constructors raise a plain ValueError (or OverflowError) for a
        value they cannot build: a date not in the calendar (2026-02-30, month
        13), an integer of over 4,300 digits. Refused here, on the value's line."""
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, OverflowError):
            if not self._note(node.start_mark.line + 1, _bad_value(node)):
                raise _Refused(node.start_mark.line + 1, _bad_value(node)) from None
            return str(node.value)


def _bad_value(node: yaml.Node) -> str:
    raw = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    if node.tag == "tag:yaml.org,2002:timestamp":
        return _(
            "datoen {value} findes ikke i kalenderen. Skriv en rigtig dato som ÅÅÅÅ-MM-DD, "
            "fx 2026-02-28."
        ).format(value=shown)
    if node.tag == "tag:yaml.org,2002:int":
        return _(
            "tallet {value} kan ikke læses (det er for langt). Sæt det i anførselstegn, "
            "hvis det er tekst."
        ).format(value=shown)
    return _("værdien {value} kan ikke læses. Sæt den i anførselstegn, hvis det er tekst.").format(
        value=shown
    )


class PureLoader(
    _Strict, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
    yaml.constructor.SafeConstructor, yaml.resolver.Resolver,
):  # fmt: skip
    """The strict loader on PyYAML's pure-Python parser."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


# libyaml's parser when PyYAML has it (else a false value), and the loader
# parse_yaml uses: on libyaml's parser when there is one, else PureLoader.
CParser: Any = getattr(yaml, "__with_libyaml__", False) and getattr(yaml.cyaml, "CParser", None)
Loader: Any
if CParser:
    _Bases: tuple[type, ...] = (
        _Strict, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver,
    )  # fmt: skip

    class _CLoader(*_Bases):  # type: ignore[misc]
        """The same strict loader on libyaml's parser (C, not recursive): several
        times faster; composing stays in Python, where the checks are."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    Loader = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    Loader = PureLoader


# A YAML problem with its line (1-based), column (1-based, or None) and Danish message.
YamlProblem = tuple[int, int | None, str]
TAB_MESSAGE = N_("Der står et tabulatortegn i linje {line}, kolonne {column}: brug mellemrum.")
MAX_TABS = 200  # tabs replaced to read on; more are one problem each, reading stops


def _syntax_message(problem: str | None) -> str:
    """PyYAML's (English) syntax problem in plain Danish."""
    text = problem or ""
    if "mapping values are not allowed" in text:
        return _(
            "et kolon står et sted, hvor YAML ikke venter et: sæt teksten i anførselstegn, "
            "eller ret indrykningen."
        )
    if "could not find expected ':'" in text or "expected ':'" in text:
        return _("der mangler et kolon efter en nøgle, eller et anførselstegn er ikke lukket.")
    if "end of stream" in text or "found unexpected end" in text:
        return _("filen slutter midt i noget: et anførselstegn eller en klamme er ikke lukket.")
    if "block end" in text or "did not find expected key" in text or "indentation" in text:
        return _("indrykningen passer ikke: linjer i samme afsnit skal starte under hinanden.")
    if "'-'" in text or "block collection" in text:
        return _(
            "en liste (linjer med -) står et sted, hvor der ventes en nøgle: tjek indrykningen."
        )
    return _("filen kan ikke læses her: tjek indrykning, kolon og anførselstegn omkring linjen.")


def _tab_at(text: str, mark: Any) -> int | None:
    """The index in `text` of the tab a syntax error is about (at its mark or
    among the whitespace just before it), or None."""
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    start = sum(len(x) + 1 for x in lines[: mark.line])
    column = min(mark.column, len(line) - 1) if line else -1
    for at in range(column, -1, -1):
        if line[at] == "\t":
            return start + at
        if line[at] != " ":
            break
    tab = line.find("\t")
    return start + tab if tab >= 0 and not line[:tab].strip() else None


def parse_yaml_collecting(
    text: str, source: str
) -> tuple[Any, yaml.Node | None, list[YamlProblem]]:
    """Parse a card file and go on past what can be read on: each tab in the
    indentation is noted (in Danish, with its line and column) and read as
    spaces, and a duplicate key, a key that is not text and a value that
    cannot be read are noted and left out. What cannot be read past (a
    syntax error, an alias, deep nesting, a tag) raises CardError, with the
    problems found before it."""
    problems: list[YamlProblem] = []
    for _attempt in range(MAX_TABS + 1):
        loader = Loader(text)
        loader.collected = []
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.constructor.ConstructorError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            raise _all(
                problems,
                CardError(
                    _where(source, line)
                    + _("YAML-mærker (tags, fx !!python/...) er ikke tilladt her.")
                ),
            ) from None
        except yaml.MarkedYAMLError as exc:
            tab = "tab" in str(exc.problem) or _is_tab_error(text, exc)
            at = _tab_at(text, exc.problem_mark) if tab else None
            if at is None or len(problems) >= MAX_TABS:
                raise _all(problems, _located(source, exc)) from None
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            problems.append((line, column, _(TAB_MESSAGE).format(line=line, column=column)))
            text = text[:at] + _spaces(text, at) + text[at + 1 :]
            continue
        except _Refused as exc:
            raise _all(problems, CardError(_where(source, exc.line) + exc.message)) from None
        except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
            raise _all(
                problems,
                CardError(
                    _("{source}: filen er ikke gyldig YAML ({kind}).").format(
                        source=source, kind=type(exc).__name__
                    )
                ),
            ) from None
        finally:
            loader.dispose()
        return data, node, sorted(problems + loader.collected, key=lambda p: (p[0], p[1] or 0))
    raise _all(problems, CardError(_("{source}: for mange tabulatortegn.").format(source=source)))


def _is_tab_error(text: str, exc: yaml.MarkedYAMLError) -> bool:
    """A syntax error on a line whose indentation holds a tab."""
    mark = exc.problem_mark
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return False
    line = lines[mark.line]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return "\t" in indent


def _spaces(text: str, at: int) -> str:
    """The spaces a tab in the indentation stands for: as many as line up the
    line under the previous line with more indentation, else two."""
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    if before.strip(" "):
        return " "
    previous = text[:start].rstrip("\n").split("\n")
    for line in reversed(previous):
        if line.strip() and not line.lstrip().startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            want = indent + (2 if line.rstrip().endswith(":") else 0)
            return " " * max(want - len(before), 1)
    return "  "


def _located(source: str, exc: yaml.MarkedYAMLError) -> CardError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = _(", kolonne {column}").format(column=mark.column + 1) if mark else ""
    return CardError(
        _where(source, line).rstrip(": ")
        + column
        + ": "
        + _("filen er ikke gyldig YAML: {reason}").format(reason=_syntax_message(exc.problem))
    )


def _all(problems: list[YamlProblem], last: StalkcardError) -> CardError:
    """The problems noted before the one that stops the reading, and that one."""
    if not problems:
        return CardError(last.message)
    lines = [message for _line, _column, message in problems]
    return CardError("\n".join([*lines, last.message]))


def parse_yaml(
    text: str, source: str, error: type[StalkcardError] = CardError
) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document strictly; return the data and its node tree."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        raise error(_where(source, exc.line) + exc.message) from None
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise error(
            _where(source, line) + _("YAML-mærker (tags, fx !!python/...) er ikke tilladt her.")
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = _(", kolonne {column}").format(column=mark.column + 1) if mark else ""
        if _is_tab_error(text, exc) or "tab" in str(exc.problem):
            at = _tab_at(text, exc.problem_mark)
            if at is not None:
                tab_line = text.count("\n", 0, at) + 1
                tab_column = at - (text.rfind("\n", 0, at) + 1) + 1
                raise error(
                    f"{source}: " + _(TAB_MESSAGE).format(line=tab_line, column=tab_column)
                ) from None
        raise error(
            _where(source, line).rstrip(": ")
            + column
            + ": "
            + _("filen er ikke gyldig YAML: {reason}").format(reason=_syntax_message(exc.problem))
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        raise error(
            _("{source}: filen er ikke gyldig YAML ({kind}).").format(
                source=source, kind=type(exc).__name__
            )
        ) from None
    finally:
        loader.dispose()
    return data, node


def _where(source: str, line: int | None) -> str:
    return _("{source}, linje {line}: ").format(source=source, line=line) if line else f"{source}: "
