"""The bundled card with every id renamed gives the same results: nothing in the
tool knows Skanderborg's ids (issue 15)."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import bundled_data, dump
from typer.testing import CliRunner

from stalkcard.card.fields import as_data
from stalkcard.card.reading import card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.engine.callplan import plan_at
from stalkcard.engine.evaluate import evaluate
from stalkcard.engine.plan import compile_plan
from stalkcard.engine.questions import questions
from stalkcard.engine.result import Answers
from stalkcard.views.parts import result_dict

# The bundled card with every id renamed --------------------------------------------------


class Renaming:
    """New ids for every id of a card, by kind, and the card's data with them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.section: dict[str, str] = {}
        self.criterion: dict[str, str] = {}
        self.form: dict[str, str] = {}
        self.step: dict[str, str] = {}  # steps, and contacts sections as steps
        self.contact: dict[str, str] = {}
        self.unit: dict[str, str] = {}
        self.question: dict[str, str] = {}
        self.choice: dict[str, dict[str, str]] = {}  # by (old) question id
        self.assessment: dict[str, str] = {}
        self.supplement: dict[str, str] = {}
        self.data = self._rename(copy.deepcopy(data))

    @staticmethod
    def _new(table: dict[str, str], old: str, prefix: str) -> str:
        table[old] = f"{prefix}{len(table) + 1}"
        return table[old]

    def _rename(self, d: dict[str, Any]) -> dict[str, Any]:
        for unit in d.get("units", []):
            unit["id"] = self._new(self.unit, unit["id"], "enhed")
        for contact in d["contacts"]:
            contact["id"] = self._new(self.contact, contact["id"], "kontakt")
            if "unit" in contact:
                contact["unit"] = self.unit[contact["unit"]]
        for sec in d["sections"]:
            sec["id"] = self._new(self.section, sec["id"], "afsnit")
            kind = sec["kind"]
            if kind == "definition":
                for c in sec["criteria"]:
                    c["id"] = self._new(self.criterion, c["id"], "kendetegn")
            elif kind == "forms":
                for f in sec["forms"]:
                    f["id"] = self._new(self.form, f["id"], "form")
            elif kind == "contacts":
                sec["contacts"] = [self.contact[i] for i in sec["contacts"]]
                old = next(k for k, v in self.section.items() if v == sec["id"])
                self.step[old] = sec["id"]
            elif kind == "steps":
                for s in sec["steps"]:
                    s["id"] = self._new(self.step, s["id"], "trin")
        for q in d["questions"]:
            old_id = q["id"]
            q["id"] = self._new(self.question, old_id, "spoergsmaal")
            choices: dict[str, str] = {}
            if "choices" in q:
                for c in q["choices"]:
                    c["id"] = self._new(choices, c["id"], "valg")
                if "unknown" in q:
                    q["unknown"] = choices[q["unknown"]]
            elif q.get("choices_from") == "units":
                choices = {**self.unit, "other": "other"}
            elif "choices_from" in q:
                q["choices_from"] = self.section[q["choices_from"]]
                choices = self.form
            else:
                choices = {v: v for v in ("yes", "no", "unknown")}  # built in, not renamed
            if "criterion" in q:
                q["criterion"] = self.criterion[q["criterion"]]
            self.choice[old_id] = choices
        for s in d.get("supplements", []):
            s["id"] = self._new(self.supplement, s["id"], "tillaeg")
        if "log" in d:
            log = d["log"]
            if "quote" in log:
                log["quote"] = self.step[log["quote"]]
            if "forms" in log:
                log["forms"] = self.section[log["forms"]]
            log["supplements"] = [self.supplement[i] for i in log.get("supplements", [])]
        screening = d["screening"]
        screening["with_assessment"] = [self.section[i] for i in screening["with_assessment"]]
        for a in screening["assessments"]:
            a["id"] = self._new(self.assessment, a["id"], "vurdering")
        rules = screening["rules"]
        for group in ("assessment", "urgent", "steps", "supplements", "route", "suggest"):
            for rule in rules.get(group, []):
                for part in ("when", "when_any"):
                    if part in rule:
                        rule[part] = {
                            self.question[k]: self._values(k, v) for k, v in rule[part].items()
                        }
        for rule in rules["assessment"]:
            rule["result"] = self.assessment[rule["result"]]
        for rule in rules["steps"]:
            rule["show"] = [self.step[i] for i in rule["show"]]
        for rule in rules["supplements"]:
            rule["show"] = [self.supplement[i] for i in rule["show"]]
        for group in ("route", "suggest"):
            for rule in rules.get(group, []):
                rule["show"] = [self.contact.get(i) or self.unit[i] for i in rule["show"]]
        return d

    def _values(self, question: str, value: Any) -> Any:
        table = self.choice[question]
        return [table[v] for v in value] if isinstance(value, list) else table[value]

    def old_ids(self) -> set[str]:
        tables = [self.section, self.criterion, self.form, self.step, self.contact, self.unit]
        tables += [self.question, self.assessment, self.supplement, *self.choice.values()]
        builtin = {"yes", "no", "unknown", "other"}  # the default choices keep their ids
        return {old for table in tables for old, new in table.items() if old != new} - builtin

    def answers(self, old: dict[str, Any]) -> dict[str, Any]:
        """Answers to the old card's questions as answers to the renamed card's."""
        return {self.question[k]: self._answer(k, v) for k, v in old.items()}

    def _answer(self, question: str, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, list | tuple):
            return [self.choice[question][v] for v in value]
        return self.choice[question][value]

    def result(self, old: dict[str, Any]) -> dict[str, Any]:
        """An old card's result (render.result_dict, as check --format json
        prints it) with the renamed card's ids."""
        new = copy.deepcopy(old)
        new["assessment"] = self.assessment[old["assessment"]]
        new["answers"] = self.answers(old["answers"])
        for contact in new["contacts"]:
            contact["id"] = self.contact[contact["id"]]
        for contact in new["suggested"]:
            contact["id"] = self.contact[contact["id"]]
        for step in new["steps"]:
            step["id"] = self.step[step["id"]]
            step["contacts"] = [self.contact[i] for i in step["contacts"]]
            if step["group"] is not None:  # the steps section it belongs to
                step["group"] = self.section[step["group"]]
        for supplement in new["supplements"]:
            supplement["id"] = self.supplement[supplement["id"]]
        for block in new["call_plan"]["blocks"]:
            for call in block["calls"]:
                call["id"] = self.contact.get(call["id"], call["id"])  # 112 is a supplement
                if call["why"] == "step":  # the contacts step that put it there
                    call["rule"] = self.step[call["rule"]]
        return new


def _ids_in(card: Any) -> set[str]:
    """Every id the renamed card holds (what the model reads)."""
    found: set[str] = set()

    def walk(value: Any, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in (
            "id", "unit", "choices_from", "unknown", "criterion", "quote", "forms",
            "result", "show", "contacts", "with_assessment", "supplements",
        ):  # fmt: skip
            found.add(value)

    walk(as_data(card))
    for rules in as_data(card.screening.rules).values():
        for rule in rules:
            for part in ("when", "when_any"):
                for key, values in (rule.get(part) or {}).items():
                    found.add(key)
                    found |= set(values if isinstance(values, list) else [values])
    return found


@pytest.fixture(scope="module")
def renamed() -> tuple[Renaming, Any]:
    renaming = Renaming(bundled_data())
    card = card_from_text(dump(renaming.data), "omdoebt.yaml")
    return renaming, card


def test_the_renaming_leaves_no_old_id(renamed: tuple[Renaming, Any]) -> None:
    renaming, card = renamed
    old = renaming.old_ids()
    # Every kind of id is renamed: sections, criteria, forms, steps, contacts,
    # units, questions, choices, assessments and supplements.
    assert {"sparring", "unwanted", "messages", "own_options", "sofie_jensen", "ssp", "role",
            "victim", "criteria_met", "acute_danger"} <= old  # fmt: skip
    assert not old & _ids_in(card)
    role = card.questions[0]
    assert role.id == "spoergsmaal1"
    assert [c.id for c in role.choices or []] == ["valg1", "valg2", "valg3"]
    assert role.unknown == "valg3"  # was "unknown"


def test_the_renamed_card_validates(renamed: tuple[Renaming, Any], tmp_path: Path) -> None:
    renaming, _card = renamed
    path = tmp_path / "omdoebt.yaml"
    path.write_text(dump(renaming.data), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "6 afsnit, 8 spørgsmål, 7 kontakter, 6 trin." in result.output


def _combinations(card: Any) -> Iterator[dict[str, Any]]:
    """Every combination of the one-of questions' answers; forms marked too."""
    asked = questions(card)
    one = [q for q in asked if q.kind == "one"]
    many = {q.id: tuple(c.id for c in q.choices[::2]) for q in asked if q.kind == "many"}
    for values in itertools.product(*([c.id for c in q.choices] for q in one)):
        given = dict(zip((q.id for q in one), values, strict=True))
        yield {q.id: given[q.id] if q.id in given else many[q.id] for q in asked}


@pytest.mark.slow
def test_the_renamed_card_screens_to_the_same_results(renamed: tuple[Renaming, Any]) -> None:
    renaming, card = renamed
    original = load_card()
    first, renamed_plan = compile_plan(original), compile_plan(card)

    def as_dict(plan: Any, answers: Answers) -> Any:
        result = evaluate(plan, answers)
        return result_dict(plan, result, plan_at(plan, result, None))

    count = 0
    for answers in _combinations(original):
        before = as_dict(first, Answers(answers))
        after = as_dict(renamed_plan, Answers(renaming.answers(answers)))
        assert after == renaming.result(before), answers
        count += 1
    assert count == 3 * 3 * 3 * 3 * 3 * 3 * 6  # role, danger, three signs, children, unit


def _text(value: Any) -> str:
    """An answer as --answer takes it: a many-of answer's choices joined by commas."""
    return ",".join(value) if isinstance(value, list | tuple) else str(value)


def test_check_json_of_the_renamed_card_is_the_same(
    renamed: tuple[Renaming, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from stalkcard import clock

    saturday = datetime(2026, 11, 28, 22, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    monkeypatch.setattr(clock, "now", lambda: saturday)  # "Ring nu" depends on the hour
    renaming, _card = renamed
    path = tmp_path / "omdoebt.yaml"
    path.write_text(dump(renaming.data), encoding="utf-8")
    runner = CliRunner()
    spread = list(_combinations(load_card()))[::487]  # 9 of the 4,374
    assert len(spread) == 9
    for answers in spread:
        old_args = ["check", "--format", "json"]
        new_args = ["--card", str(path), "check", "--format", "json"]
        for key, value in answers.items():
            old_args += ["--answer", f"{key}={_text(value)}"]
        for key, value in renaming.answers(answers).items():
            new_args += ["--answer", f"{key}={_text(value)}"]
        before, after = runner.invoke(app, old_args), runner.invoke(app, new_args)
        assert before.exit_code == 0 and after.exit_code == 0, before.output + after.output
        assert json.loads(after.output) == renaming.result(json.loads(before.output)), answers
