"""The card's safety floors: every combination of answers leads to someone to
contact, danger leads to 112, someone under "Ring nu" answers at every hour;
proved without trying every combination, within a budget of work."""

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
from helpers import TESTS, bundled_data, card_error, dump
from typer.testing import CliRunner

from stalkcard.card import floors
from stalkcard.card.reading import card_from_text
from stalkcard.cli.app import app
from stalkcard.engine import plan as plan_module
from stalkcard.engine.evaluate import evaluate
from stalkcard.engine.plan import compile_plan
from stalkcard.engine.questions import questions
from stalkcard.engine.result import Answers
from stalkcard.errors import CardError

FLOOR_REFUSED = "fører ikke til et trin med nogen at kontakte"
OVER_BUDGET = "en regel uden betingelser skal vise et afsnit med kontakter"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "user_card", TESTS.parent / "bench" / "user_card.py"
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


# The contact floor: bounded, each condition compiled once ---------------------------


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


# Every combination of answers leads to someone to contact (_contact_floor) ------------


def _steps_without_perpetrator_contacts(data: dict[str, Any]) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = [
        {"show": ["coordination", "referral"]},
        {"when": {"role": "victim"}, "show": ["sparring", "own_options", "network"]},
        {"when": {"role": "unknown"}, "show": ["sparring", "own_options", "network"]},
    ]
    return rules


def test_one_combination_without_anyone_to_contact_is_named() -> None:
    """No rule without conditions shows a contacts section, so every combination
    is tried: the citizen who stalks (role=perpetrator) is left with no one."""
    data = bundled_data()
    data["screening"]["rules"]["steps"] = _steps_without_perpetrator_contacts(data)
    message = card_error(data)
    assert "role=perpetrator fører ikke til et trin med nogen at kontakte" in message, message
    assert "role=victim" not in message and "role=unknown" not in message


def test_contacts_by_condition_on_every_path_are_enough() -> None:
    """The other side: when every combination reaches a contacts section, though
    no rule shows one unconditionally, the card is valid."""
    data = bundled_data()
    steps = _steps_without_perpetrator_contacts(data)
    steps.append({"when": {"role": "perpetrator"}, "show": ["handling"]})
    data["screening"]["rules"]["steps"] = steps
    card = card_from_text(dump(data), "kort.yaml")
    for role in ("victim", "perpetrator", "unknown"):
        result = evaluate(compile_plan(card), _answers(card, role=role))
        assert any(step.contacts for step in result.steps), role


def _many_combinations() -> dict[str, Any]:
    data = bundled_data()
    extra = [f"extra_{n}" for n in range(12)]  # 3 ** 12 = 531,441 combinations
    data["questions"] += [{"id": q, "text": "Spørgsmål?", "label": "Svar"} for q in extra]
    data["screening"]["rules"]["steps"] = [
        {"show": ["coordination", "referral"]},
        {"when": dict.fromkeys(extra, "yes"), "show": ["sparring"]},
        {"when_any": {q: ["no", "unknown"] for q in extra}, "show": ["handling"]},
    ]
    return data


def test_many_combinations_are_proved_without_trying_each() -> None:
    """Every one of the 531,441 combinations reaches a contacts section (all yes:
    sparring; any other answer: handling). The floor (issue 26) shows it by
    settling one question at a time, not by trying them (before: refused as
    too many to try)."""
    card_from_text(dump(_many_combinations()), "kort.yaml")


def test_over_the_floors_budget_needs_an_unconditional_contacts_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above the floor's budget of work, the conservative rule: a rule without
    conditions must show a contacts section."""
    from stalkcard.card import floors

    monkeypatch.setattr(floors, "FLOOR_BUDGET", 10)
    message = card_error(_many_combinations())
    assert "en regel uden betingelser skal vise et afsnit med kontakter" in message, message


def _answers(card: Any, **given: Any) -> Answers:
    """Every question answered: as given, else its first choice."""
    values: dict[str, Any] = {}
    for q in questions(card):
        values[q.id] = given.get(q.id, () if q.kind == "many" else q.choices[0].id)
    return Answers(values)


def test_a_card_where_no_one_answers_at_night_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """A card whose contacts keep office hours and that has no line answering
    day and night leaves "Ring nu" with no one to reach at night: validate
    refuses it and says when (plancheck.plan_floor). 112 and 114 may not be
    written as numbers with office hours either."""
    data = bundled_data()
    data["supplement_contacts"] = [
        c for c in data["supplement_contacts"] if c.get("phone") not in ("112", "114")
    ]
    for contact in data["supplement_contacts"]:
        contact.pop("always_open", None)
        contact.pop("urgent_only", None)
    path = tmp_path / "kort.yaml"
    path.write_text(dump(data), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "mandag kl. 00:00 kan ingen under «Ring nu» træffes" in result.output
