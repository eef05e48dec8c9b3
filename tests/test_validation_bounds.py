"""Hostile input, round four (issue 26), classes 5, 6 and 9: the contact floor
on every load of a user card, validation errors located in quadratic time, and
the language-copy drift check that skipped rule values on a question named
like a prose field. Each test failed on the code before its fix."""

from __future__ import annotations

import importlib.util
import itertools
import random
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from stalkcard.card import findings, floors, validation
from stalkcard.card.reading import bundled_card_path, card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.engine import plan as plan_module
from stalkcard.engine.plan import compile_plan
from stalkcard.errors import CardError

CONTENT = Path(__file__).parent.parent / "content"
FLOOR_REFUSED = "fører ikke til et trin med nogen at kontakte"
OVER_BUDGET = "en regel uden betingelser skal vise et afsnit med kontakter"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "user_card", Path(__file__).parent.parent / "bench" / "user_card.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _error(text: str) -> str:
    with pytest.raises(CardError) as info:
        card_from_text(text, "kort.yaml")
    return info.value.message


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _bundled() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(bundled_card_path().read_text(encoding="utf-8"))
    return data


# 5. The contact floor: bounded, each condition compiled once ---------------------------


@pytest.mark.parametrize("which", ["small", "danger"])
def test_each_rules_condition_is_compiled_once(monkeypatch: pytest.MonkeyPatch, which: str) -> None:
    """Before: the contact floor called matches() per rule per combination, and
    the danger floor per rule per answer of the danger question, and each call
    built the rule's condition again (177,147 combinations x 13 rules; 253
    answers x 500 rules)."""
    calls = 0
    original = plan_module.condition_of

    def counting(rule: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(rule)

    monkeypatch.setattr(plan_module, "condition_of", counting)
    text = _bench().small_card() if which == "small" else _bench().danger_card()
    card = card_from_text(text, "lille.yaml")
    rules = card.screening.rules
    total = sum(
        len(group)
        for group in (rules.assessment, rules.urgent, rules.steps, rules.supplements, rules.suggest)
    )
    assert calls <= total + 10, calls  # compiled() once, and urgent_supplements' few


def _reference_danger_floor(card: Any) -> list[str]:
    """The danger floor as it was before issue 26 (the engine run per answer),
    for its verdicts: which answers are refused, and why."""
    from stalkcard.engine.evaluate import danger_only, matches, urgent_supplements
    from stalkcard.engine.plan import compile_plan

    ident = compile_plan(card).danger_id
    question = next(q for q in compile_plan(card).questions if q.id == ident)
    out = []
    for choice in question.choices:
        answers = danger_only(compile_plan(card), choice.id)
        urgent = any(matches(r, answers) for r in card.screening.rules.urgent)
        if urgent and not urgent_supplements(compile_plan(card), choice.id):
            out.append(f"no lead {choice.id}")
    for value in ("yes", "unknown"):
        answers = danger_only(compile_plan(card), value)
        if not any(
            matches(r, answers)
            for r in card.screening.rules.urgent
            if set(r.when) | set(r.when_any) <= {ident}
        ):
            out.append(f"not urgent {value}")
        if not urgent_supplements(compile_plan(card), value):
            out.append(f"no supplement {value}")
    return out


def _verdicts(problems: list[Any]) -> list[str]:
    out = []
    for problem in problems:
        value = problem.message.split('"')[1] if '"' in problem.message else ""
        if "gør resultatet akut, men" in problem.message:
            out.append(f"no lead {value}")
        elif "skal gøre resultatet akut" in problem.message:
            out.append(f"not urgent {value}")
        elif "skal vise et tillæg med urgent" in problem.message:
            out.append(f"no supplement {value}")
    return out


@pytest.mark.slow
def test_the_danger_floor_says_what_the_engine_says() -> None:
    """The danger floor, now worked out for every answer at once, refuses the
    same answers for the same reasons as running the engine answer by answer,
    on 400 random sets of urgent and supplement rules."""
    import msgspec

    from stalkcard.card.model import Card

    rng = random.Random(2626)
    base = yaml.safe_load(_bench().small_card())
    danger = ["yes", "no", "unknown", "c1", "c2"]
    base["questions"][0]["choices"] = [{"id": d, "label": d} for d in danger]
    base["supplements"].append({"id": "info", "text": "Info.", "source": "Opfundet."})
    checked = 0

    def condition() -> dict[str, Any]:
        out: dict[str, Any] = {}
        for part in ("when", "when_any"):
            if rng.random() < 0.7:
                keys = ["fare"] + (["q001"] if rng.random() < 0.3 else [])
                out[part] = {
                    k: rng.sample(["yes", "no", "unknown"] if k == "q001" else danger, 2)
                    for k in keys
                }
        return out

    for _round in range(400):
        rules = base["screening"]["rules"]
        rules["urgent"] = [condition() for _n in range(rng.randint(1, 3))]
        rules["supplements"] = [
            {**condition(), "show": [rng.choice(["akut", "info"])]}
            for _n in range(rng.randint(1, 4))
        ]
        card = msgspec.convert(base, Card)
        got = _verdicts(list(floors.danger_floor(compile_plan(card))))
        assert got == _reference_danger_floor(card), rules
        checked += bool(got)
    assert 50 < checked < 400, checked


def test_a_small_user_card_loads_at_once() -> None:
    """The issue's case: a card of about 3 KB with eleven questions, contacts
    shown only under conditions. Before: 4.3 s on this machine for each command."""
    text = _bench().small_card()
    start = time.perf_counter()
    card_from_text(text, "lille.yaml")
    assert time.perf_counter() - start < 0.5


@pytest.mark.slow
def test_a_50_kb_user_card_loads_at_once() -> None:
    """A valid 50 KB card with many questions (bench/user_card.py). Before: the
    floor tried 177,147 combinations with 137 rules each, on every load (57 s)."""
    text = _bench().user_card()
    assert len(text.encode()) <= 50_000
    start = time.perf_counter()
    card = card_from_text(text, "stor.yaml")
    assert time.perf_counter() - start < 1.0
    assert len(card.questions) > 100


def test_the_floors_work_is_bounded_and_then_conservative() -> None:
    """A card built so that no short search proves every answer leads to a
    contact (the pigeonhole principle): the floor stops at its budget and asks
    for a rule without conditions, in bounded time, in validate and on load."""
    text = _bench().pigeon_card(holes=9)
    start = time.perf_counter()
    message = _error(text)
    assert time.perf_counter() - start < 2.0
    assert OVER_BUDGET in message, message


def test_a_floor_failing_user_card_is_refused_by_validate_and_every_command(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Answers that lead to no one to contact are a safety problem: validate and
    the caseworker's commands refuse the card alike, with the same message."""
    broken = yaml.safe_load(_bench().small_card())
    broken["screening"]["rules"]["steps"][1]["when"] = {"q001": "no"}
    path = tmp_path / "kort.yaml"
    path.write_text(_dump(broken), encoding="utf-8")
    outputs = []
    for args in (["validate", str(path)], ["--card", str(path), "contacts"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        outputs.append(result.output)
    assert "svarene q001=unknown " + FLOOR_REFUSED in outputs[0], outputs[0]
    assert outputs[0] == outputs[1]


def _brute_force(rules: list[dict[str, Any]], space: dict[str, list[str]]) -> bool:
    """True when every combination meets a rule that shows the contacts section."""
    for combo in itertools.product(*space.values()):
        answers = dict(zip(space, combo, strict=True))
        if not any(
            "kontakt" in rule["show"]
            and all(
                answers[k] in ([v] if isinstance(v, str) else v)
                for k, v in rule.get("when", {}).items()
            )
            and (
                not rule.get("when_any")
                or any(
                    answers[k] in ([v] if isinstance(v, str) else v)
                    for k, v in rule["when_any"].items()
                )
            )
            for rule in rules
        ):
            return False
    return True


@pytest.mark.slow
def test_the_floor_agrees_with_trying_every_combination() -> None:
    """The search is exact below its budget: on 300 random small cards it says
    what trying every combination says, and a combination it names as leading
    to no contact does lead to none."""
    rng = random.Random(26)
    questions = [f"q{n:03d}" for n in range(1, 6)]
    values = ["yes", "no", "unknown"]
    base = yaml.safe_load(_bench().small_card())
    base["questions"] = base["questions"][:6]  # the danger question and q001..q005
    base["screening"]["rules"]["supplements"] = base["screening"]["rules"]["supplements"][:1]
    space = dict.fromkeys(questions, values)
    seen = {True: 0, False: 0}
    for _round in range(300):
        rules = []
        for _r in range(rng.randint(1, 7)):
            rule: dict[str, Any] = {"show": [rng.choice(["kontakt", "trin_1"])]}
            for part in ("when", "when_any"):
                if rng.random() < 0.6:
                    keys = rng.sample(questions, rng.randint(1, 3))
                    rule[part] = {k: rng.sample(values, rng.randint(1, 2)) for k in keys}
            rules.append(rule)
        base["screening"]["rules"]["steps"] = rules
        covered = _brute_force(rules, space)
        seen[covered] += 1
        try:
            card = card_from_text(_dump(base), "kort.yaml")
        except CardError as exc:
            assert not covered, exc.message
            assert FLOOR_REFUSED in exc.message, exc.message
            given = exc.message.split("svarene ", 1)[1].split(" fører", 1)[0]
            pairs = [] if given == "(ingen)" else given.split(", ")
            named = dict(pair.split("=") for pair in pairs)
            for combo in itertools.product(values, repeat=len(questions)):
                answers = dict(zip(space, combo, strict=True))
                if all(answers[k] == v for k, v in named.items()):
                    assert not _brute_force(rules, {k: [answers[k]] for k in space}), answers
        else:
            assert covered, rules
            assert card is not None
    assert seen[True] > 20 and seen[False] > 20, seen


# 6. Validation errors located in linear time -------------------------------------------

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


# 9. The language copies' rules compared as data ----------------------------------------

PROSE_NAMED = ["note", "text", "label", "name", "keywords"]


def _copies(tmp_path: Path, ident: str, danish: Any, english: Any) -> Path:
    """The bundled card and its English copy, each with a question `ident`
    and a supplement rule on it: value `danish` in one, `english` in the other."""
    paths = []
    for name, value in (("actioncard.yaml", danish), ("actioncard.en.yaml", english)):
        data: dict[str, Any] = yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))
        data["questions"].append(
            {"id": ident, "text": "Spørgsmål?", "label": "Svar", "required": False}
        )
        data["screening"]["rules"]["supplements"].append(
            {"when": {ident: value}, "show": [data["supplements"][-1]["id"]]}
        )
        path = tmp_path / name
        path.write_text(_dump(data), encoding="utf-8")
        paths.append(path)
    return paths[0]


@pytest.mark.parametrize("ident", PROSE_NAMED)
def test_a_rule_value_on_a_prose_named_question_that_differs_is_named(
    runner: CliRunner, tmp_path: Path, ident: str
) -> None:
    """Before: the drift check walked the rules' keys and skipped any named like
    a prose field (note, text, label ...): validate said nothing, though the
    Danish and English cards gave different results."""
    card = _copies(tmp_path, ident, "yes", "no")
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output
    assert "den engelske udgave passer ikke længere" in result.output, result.output
    # Issue 24: values as the file writes them, not as Python does.
    assert f'felt when.{ident}: ["yes"] i den danske, ["no"] i den engelske.' in result.output


def test_the_same_rules_written_differently_are_no_drift(runner: CliRunner, tmp_path: Path) -> None:
    """Conditions are compared as data: "yes" and ["yes"] are the same rule."""
    card = _copies(tmp_path, "svar", "yes", ["yes"])
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output
    assert "passer ikke længere" not in result.output, result.output
    assert load_card(card, compiled=False) is not None
