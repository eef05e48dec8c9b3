"""Validation errors are located in linear time (issue 26, class 6): however many
unknown keys, each key is looked at a bounded number of times."""

from __future__ import annotations

import time
from typing import Any

import pytest
import yaml

from stalkcard.card import findings, validation
from stalkcard.card.reading import bundled_card_path, card_from_text
from stalkcard.errors import CardError


def _error(text: str) -> str:
    with pytest.raises(CardError) as info:
        card_from_text(text, "kort.yaml")
    return info.value.message


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _bundled() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(bundled_card_path().read_text(encoding="utf-8"))
    return data


# Validation errors located in linear time -------------------------------------------

COUNT = 20_000


@pytest.mark.slow
def test_20000_unknown_keys_are_located_at_once() -> None:
    """Before: each problem's line was found by scanning the mapping from the
    start (some 200 million comparisons here; 100,000 keys took 4 minutes)."""
    text = bundled_card_path().read_text(encoding="utf-8")
    first = text.count("\n") + 1
    text += "".join(f"ekstra_{n:05d}: 1\n" for n in range(COUNT))
    start = time.perf_counter()
    message = _error(text)
    assert time.perf_counter() - start < 10
    lines = message.splitlines()
    # Issue 24: the fields allowed here are named.
    unknown = "er ikke et kendt felt her. Felterne her er: format_version, meta, units,"
    assert lines[1].startswith(f"  linje {first}, felt ekstra_00000: {unknown}"), lines[:3]
    assert lines[10].startswith(f"  linje {first + 9}, felt ekstra_00009: {unknown}")
    assert f"... og {COUNT - 10} fejl mere: stalkcard validate viser dem alle." in message
    node = yaml.compose(text)
    assert findings.Lines(node).of((f"ekstra_{COUNT - 1:05d}",)) == first + COUNT - 1


@pytest.mark.slow
def test_20000_rule_keys_that_are_not_questions_are_located_at_once() -> None:
    """Before: 100,000 such keys took 9 minutes to report."""
    data = _bundled()
    data["screening"]["rules"]["steps"].append(
        {"when": {f"ikke_{n:05d}": "yes" for n in range(COUNT)}, "show": ["sparring"]}
    )
    text = _dump(data)
    first = text.index("ikke_00000:")
    first_line = text[:first].count("\n") + 1
    start = time.perf_counter()
    message = _error(text)
    assert time.perf_counter() - start < 10
    lines = message.splitlines()
    # Issue 24: a rule is named by its number in its group, not by an index path.
    assert lines[1].startswith(f"  linje {first_line}, regel nr. "), lines[1]
    assert '"ikke_00000" er ikke et spørgsmål med ét svar' in lines[1]
    assert lines[10].startswith(f"  linje {first_line + 9}, "), lines[10]
    assert '"ikke_00009"' in lines[10]
    node = yaml.compose(text)
    index = len(data["screening"]["rules"]["steps"]) - 1
    last = ("screening", "rules", "steps", index, "when", f"ikke_{COUNT - 1:05d}")
    assert findings.Lines(node).of(last) == first_line + COUNT - 1
    # A path that leaves the file stops at the deepest node it reaches.
    assert findings.Lines(node).of((*last, "mere", 3)) == first_line + COUNT - 1


class _Counting(list):  # type: ignore[type-arg]
    """A mapping node's (key, value) pairs that count how many are looked at."""

    seen = 0

    def __iter__(self) -> Any:
        for item in super().__iter__():
            _Counting.seen += 1
            yield item


def _mapping_at(node: yaml.Node, loc: tuple[int | str, ...]) -> yaml.MappingNode:
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next(v for k, v in node.value if k.value == part)
        else:
            node = node.value[part]
    assert isinstance(node, yaml.MappingNode)
    return node


@pytest.mark.parametrize("where", ["top", "rule"])
def test_locating_errors_looks_at_each_key_a_bounded_number_of_times(where: str) -> None:
    """Counted, not timed: with 2,000 problems in one mapping, its keys are
    looked at a few times each (before: about 2,000 times each, once per
    problem, scanning from the start)."""
    from stalkcard.card.yamlsafe import parse_yaml

    count = 2_000
    data = _bundled()
    loc: tuple[int | str, ...] = ()
    if where == "top":
        data.update({f"ekstra_{n:05d}": 1 for n in range(count)})
    else:
        steps = data["screening"]["rules"]["steps"]
        steps.append({"when": {f"ikke_{n:05d}": "yes" for n in range(count)}, "show": ["sparring"]})
        loc = ("screening", "rules", "steps", len(steps) - 1, "when")
    parsed, node = parse_yaml(_dump(data), "kort.yaml")
    mapping = _mapping_at(node, loc)
    mapping.value = _Counting(mapping.value)
    _Counting.seen = 0
    with pytest.raises(CardError) as info:
        validation.validate_data(parsed, node, "kort.yaml")
    assert f"... og {count - 10} fejl mere:" in info.value.message
    assert _Counting.seen <= 3 * len(mapping.value), _Counting.seen
