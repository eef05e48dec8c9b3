"""Where a problem with a card is, and how validate says it: a problem as
the checks find it (its path in the file's data and its Danish message), the
line each part of the YAML file starts on, and the place in words, by the ids
and names the file gives ("kontakten x (Navn), felt phone")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from stalkcard.card.model import RULE_GROUPS
from stalkcard.i18n import N_, _

if TYPE_CHECKING:
    import yaml


class Problem(NamedTuple):
    """One problem as a check finds it: where in the card's data (its path of
    keys and list indexes) and what, in Danish; validate places it in the
    file as a Finding."""

    loc: tuple[int | str, ...]
    message: str
    # How validate reads on past a structural problem: ("delete", loc) leaves
    # the field out (its default, or an unknown field); ("set", loc, kind)
    # puts a stand-in of that type there. None: no fix (a cross-field problem).
    fix: tuple[Any, ...] | None = None


class Lines:
    """Where each part of the file starts: the line (1-based) of every node,
    by its path (("screening", "rules", "steps", 0, "when", "role")), from one
    walk of the composed YAML tree. Locating N problems is then linear in N,
    not N times the size of the mapping they are in."""

    def __init__(self, node: yaml.Node | None) -> None:
        import yaml

        self._line: dict[tuple[int | str, ...], int] = {}
        if node is None:
            return
        stack: list[tuple[tuple[int | str, ...], yaml.Node]] = [((), node)]
        while stack:
            path, here = stack.pop()
            self._line[path] = here.start_mark.line + 1
            if isinstance(here, yaml.MappingNode):
                for key, value in here.value:
                    if isinstance(key, yaml.ScalarNode):
                        stack.append(((*path, key.value), value))
            elif isinstance(here, yaml.SequenceNode):
                stack.extend(((*path, index), item) for index, item in enumerate(here.value))

    def of(self, loc: Sequence[int | str]) -> int | None:
        """The line of the deepest node that `loc` reaches (None: no file)."""
        for end in range(len(loc), -1, -1):
            line = self._line.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


def _field(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("(hele filen)")


def value_at(data: Any, loc: Sequence[int | str]) -> Any:
    """The value at `loc` in the file's data; None where the path leaves it."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


class Finding(NamedTuple):
    """One problem as validate reports it: where (line, column, the place by
    id or name, the field's path) and what, in the tool's language."""

    line: int | None
    column: int | None
    place: str
    path: str
    message: str

    def as_text(self) -> str:
        if self.column is not None:  # a YAML problem: its message names line and column
            return self.message
        where = _("linje {line}, ").format(line=self.line) if self.line else ""
        if self.place:
            return f"{where}{self.place}: {self.message}"
        return f"{where.rstrip(', ')}: {self.message}" if where else self.message

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "place": self.place,
            "path": self.path,
            "message": self.message,
        }


# Where a list's items have an id (and a name): the place is named by them.
PLACE_WORDS = {
    ("contacts",): N_("kontakten"),
    ("units",): N_("enheden"),
    ("sections",): N_("afsnittet"),
    ("sections", "steps"): N_("trinnet"),
    ("sections", "forms"): N_("punktet"),
    ("sections", "criteria"): N_("kendetegnet"),
    ("questions",): N_("spørgsmålet"),
    ("questions", "choices"): N_("valget"),
    ("supplements",): N_("tillægget"),
    ("supplement_contacts",): N_("nummeret"),
    ("screening", "assessments"): N_("vurderingen"),
}


def _item_label(prefix: Sequence[int | str], index: int, item: Any) -> str | None:
    """A list item by its id and name ("kontakten x (Navn)"), or a rule by
    its number in its group; None for items that have neither."""
    kinds = tuple(p for p in prefix if isinstance(p, str))
    word = PLACE_WORDS.get(kinds)
    ident = item.get("id") if isinstance(item, dict) else None
    if word is not None and isinstance(ident, str) and ident.strip():
        label = f"{_(word)} {ident}"
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            label += f" ({name.strip()})"
        return label
    if (
        len(prefix) == 3
        and tuple(prefix[:2]) == ("screening", "rules")
        and prefix[2] in RULE_GROUPS
    ):
        return _("regel nr. {number} i screening.rules.{group}").format(
            number=index + 1, group=prefix[2]
        )
    return None


def place_of(loc: Sequence[int | str], data: Any) -> tuple[str, str]:
    """A problem's place in words, by the ids and names the file gives
    ("kontakten nikoline_petersen (Nikoline Petersen), felt phone"), and its
    path as the file's fields (contacts[3].phone)."""
    path = _field(loc)
    words: list[str] = []
    rest: list[str] = []  # the field's path since the last item named
    here = data
    for index, part in enumerate(loc):
        item = value_at(here, (part,))
        if isinstance(part, int):
            label = _item_label(loc[:index], part, item)
            if label is not None:
                words.append(label)
                rest = []
            else:
                rest.append(f"[{part + 1}]")
        else:
            rest.append(("." if rest else "") + str(part))
        here = item
    if not words:
        return _("felt {field}").format(field=path), path
    if rest:
        words.append(_("felt {field}").format(field="".join(rest)))
    return ", ".join(words), path
