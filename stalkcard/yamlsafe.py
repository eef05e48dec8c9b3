"""Reading a YAML file safely: a size cap, UTF-8, and a strict loader that refuses
aliases, duplicate keys, keys that are not text, deep nesting and tags.

Imported only when a YAML file is read: the bundled card is usually read from
its compiled twin (see stalkcard.card), so most starts never import PyYAML.
"""

from __future__ import annotations

from typing import Any

import yaml

from stalkcard.errors import CardError, StalkcardError
from stalkcard.i18n import _

MAX_DEPTH = 64


class _Refused(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Strict(yaml.composer.Composer):
    """Composing and constructing that refuse aliases, duplicate keys, keys that
    are not text, and nesting deeper than MAX_DEPTH (checked before recursing)."""

    _depth = 0

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
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise _Refused(
                    line,
                    _(
                        "nøglen {key} skal være tekst (skriv den i anførselstegn, "
                        "hvis det er et tal eller ja/nej)."
                    ).format(key=repr(key)),
                )
            if key in seen:
                raise _Refused(
                    line, _('nøglen "{key}" står to gange i samme afsnit.').format(key=key)
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's constructors raise a plain ValueError (or OverflowError) for a
        value they cannot build: a date not in the calendar (2026-02-30, month
        13), an integer of over 4,300 digits. Refused here, on the value's line."""
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, OverflowError):
            raise _Refused(node.start_mark.line + 1, _bad_value(node)) from None


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


class _PureLoader(
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


_CParser: Any = getattr(yaml, "__with_libyaml__", False) and getattr(yaml.cyaml, "CParser", None)
_Loader: Any
if _CParser:
    _Bases: tuple[type, ...] = (
        _Strict, _CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver,
    )  # fmt: skip

    class _CLoader(*_Bases):  # type: ignore[misc]
        """The same strict loader on libyaml's parser (C, not recursive): several
        times faster; composing stays in Python, where the checks are."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _Loader = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PureLoader


def parse_yaml(
    text: str, source: str, error: type[StalkcardError] = CardError
) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document strictly; return the data and its node tree."""
    loader = _Loader(text)
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
        raise error(
            _where(source, line).rstrip(": ")
            + column
            + _(
                ": filen er ikke gyldig YAML. Tjek indrykning, kolon og "
                "anførselstegn omkring linjen. (Teknisk: {problem})"
            ).format(problem=exc.problem)
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
