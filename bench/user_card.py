"""Start-up benchmark with a user's own card (`--card FIL`): issue 26, class 5.

Run as `python bench/user_card.py [--repeat N]` with stalkcard installed in the
same environment. It writes generated, valid cards to a temporary folder (never
beside the tool) and times each command on them in a new process, as a
caseworker runs it:

- `big`: a 50 KB card with many questions (every one of them asked), whose step
  rules show the contacts section only under conditions (no rule without
  conditions does) and name eleven questions (3^11 = 177,147 combinations of
  answers) in 137 rules: the card the contact floor used to try answer by
  answer, rule by rule, on every load;
- `small`: the same kind of card with only eleven questions (about 2 KB);
- `danger`: the small card with 253 answers to the danger question, each
  urgent, in some 500 urgent and supplement rules (46 KB);
- `pigeons`: a card of about 50 KB built to make the floor's search as long as
  it can be (the pigeonhole principle: every combination leads to a contact, but
  no short argument shows it): the floor stops at its budget and asks for a
  rule without conditions instead, so this card is refused, in bounded time.

For each card and command it prints the median wall time and CPU time (user +
system) of the child over --repeat runs, and exits 1 when a median CPU time is
over TARGET seconds (0.2 s). Linux only (os.wait4). Not part of the tests;
tests/card/test_floors.py uses the generators.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

TARGET = 0.2  # seconds, every command with a user card of at most 50 KB
NAMED = 11  # questions the step rules name: 3^11 = 177,147 combinations


def _base(questions: list[dict[str, Any]], steps: int) -> dict[str, Any]:
    verified = (date.today() - timedelta(days=30)).isoformat()
    return {
        "meta": {
            "title": "Prøvekort fra en bruger",
            "municipality": "Prøvekommune",
            "version": "1.0",
            "language": "da",
            "contacts_verified": verified,
        },
        "contacts": [
            {"id": f"person_{n}", "name": f"Person {n}", "phone": f"9900 {n:04d}"}
            for n in range(1, 4)
        ],
        "sections": [
            {
                "id": "kontakt",
                "kind": "contacts",
                "heading": "KONTAKT",
                "paragraphs": ["Søg råd hos:"],
                "contacts": ["person_1", "person_2", "person_3"],
            },
            {
                "id": "videre",
                "kind": "steps",
                "heading": "VIDERE",
                "steps": [
                    {"id": f"trin_{n}", "heading": f"Trin {n}", "paragraphs": [f"Gør trin {n}."]}
                    for n in range(1, steps + 1)
                ],
            },
        ],
        "questions": [
            {"id": "fare", "text": "Er nogen i akut fare lige nu?", "label": "Akut fare"},
            *questions,
        ],
        "supplements": [
            {
                "id": "akut",
                "text": "Er nogen i akut fare, så ring 112.",
                "headline": "Ring 112 nu, hvis nogen er i akut fare.",
                "source": "Opfundet kilde.",
                "urgent": True,
            }
        ],
        "supplement_contacts": [
            {
                "id": "alarm",
                "name": "Alarm (112)",
                "phone": "112",
                "purpose": "Akut fare.",
                "source": "Opfundet kilde.",
                "always_open": True,
                "urgent_only": True,
            },
            {  # a line for everyone, day and night (validate's plan floor)
                "id": "service",
                "name": "Servicelinjen (114)",
                "phone": "114",
                "purpose": "Når det ikke haster.",
                "source": "Opfundet kilde.",
                "always_open": True,
            },
        ],
        "screening": {
            "assessments": [{"id": "handl", "text": "Handl på din bekymring: søg råd."}],
            "rules": {
                "assessment": [{"result": "handl"}],
                "urgent": [{"when": {"fare": ["yes", "unknown"]}}],
                "steps": [],
                "supplements": [{"when": {"fare": ["yes", "unknown"]}, "show": ["akut"]}],
            },
        },
    }


class _NoAliases(yaml.SafeDumper):
    """A card file may not use YAML aliases: write every repeated list out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: dict[str, Any]) -> str:
    data["questions"][0]["danger"] = True
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=200)


def _question(n: int) -> dict[str, Any]:
    return {
        "id": f"q{n:03d}",
        "text": f"Har borgeren fortalt om hændelse nummer {n} i den seneste tid?",
        "label": f"Hændelse {n}",
    }


def user_card(target: int = 50_000, named: int = NAMED) -> str:
    """A valid card of about `target` bytes (at most 50 KB for the default):
    questions q001... with yes / no / don't know; the contacts section is shown
    by two rules on q001 (yes; no or don't know), never by a rule without
    conditions; other step rules name q001..q{named}, and questions beyond those
    have a supplement each."""
    steps = 20
    step_rules: list[dict[str, Any]] = [
        {"when": {"q001": "yes"}, "show": ["kontakt", "trin_1"]},
        {"when": {"q001": ["no", "unknown"]}, "show": ["kontakt"]},
    ]
    values = ["yes", "no", "unknown", ["yes", "unknown"], ["no", "unknown"]]
    pairs = [(a, b) for a in range(2, named + 1) for b in range(a + 1, named + 1)]
    for count, (a, b) in enumerate(pairs * 3):
        step_rules.append(
            {
                "when": {f"q{a:03d}": values[count % 5], f"q{b:03d}": values[(count // 5) % 5]},
                "show": [f"trin_{count % steps + 1}"],
            }
        )
    data = _base([_question(n) for n in range(1, named + 1)], steps)
    data["screening"]["rules"]["steps"] = step_rules

    def grow(n: int) -> None:
        data["questions"].append(_question(n))
        data["supplements"].append(
            {"id": f"tillaeg_{n}", "text": f"Tillæg {n}.", "source": f"Opfundet kilde {n}."}
        )
        data["screening"]["rules"]["supplements"].append(
            {"when": {f"q{n:03d}": "yes"}, "show": [f"tillaeg_{n}"]}
        )

    def size() -> int:
        return len(_dump(data).encode())

    # Each added question costs about the same: estimate from ten, then step.
    before = size()
    for n in range(named + 1, named + 11):
        grow(n)
    each = (size() - before) / 10
    last = named + 10
    for n in range(last + 1, last + 1 + max(0, int((target - 300 - size()) / each))):
        grow(n)
        last = n
    while size() < target - 300:
        last += 1
        grow(last)
    return _dump(data)


def small_card() -> str:
    """The kind of card the issue timed: eleven questions, about 2 KB, step rules
    of one condition each, contacts only under conditions."""
    data = _base([_question(n) for n in range(1, NAMED + 1)], 3)
    rules: list[dict[str, Any]] = [
        {"when": {"q001": "yes"}, "show": ["kontakt"]},
        {"when": {"q001": ["no", "unknown"]}, "show": ["kontakt", "trin_1"]},
    ]
    rules += [
        {"when": {f"q{n:03d}": "yes"}, "show": [f"trin_{n % 3 + 1}"]} for n in range(2, NAMED + 1)
    ]
    data["screening"]["rules"]["steps"] = rules
    return _dump(data)


def pigeon_card(holes: int = 9) -> str:
    """A card whose every combination of answers leads to a contact, for a
    reason no short search finds (holes + 1 pigeons cannot sit in `holes`
    holes, one each): question p_i_j "does pigeon i sit in hole j?"; the
    contacts section is shown when a pigeon sits in no hole, when two share a
    hole, and when any answer is "don't know"."""
    pigeons = holes + 1
    ids = [[f"p{i}_{j}" for j in range(holes)] for i in range(pigeons)]
    questions = [
        {"id": ident, "text": f"Sidder due {i} i hul {j}?", "label": f"Due {i}, hul {j}"}
        for i, row in enumerate(ids)
        for j, ident in enumerate(row)
    ]
    data = _base(questions, 1)
    rules: list[dict[str, Any]] = [
        {"when_any": {ident: "unknown" for row in ids for ident in row}, "show": ["kontakt"]}
    ]
    rules += [{"when": dict.fromkeys(row, "no"), "show": ["kontakt"]} for row in ids]
    rules += [
        {"when": {ids[a][j]: "yes", ids[b][j]: "yes"}, "show": ["kontakt"]}
        for j in range(holes)
        for a in range(pigeons)
        for b in range(a + 1, pigeons)
    ]
    data["screening"]["rules"]["steps"] = rules
    return _dump(data)


def danger_card(choices: int = 250) -> str:
    """The small card with a danger question of many answers, each urgent, in
    as many urgent and supplement rules (about 46 KB): the danger floor used to
    run the engine for each answer, rule by rule."""
    data: dict[str, Any] = yaml.safe_load(small_card())
    extra = [f"c{n}" for n in range(choices)]
    data["questions"][0]["choices"] = [
        {"id": ident, "label": ident} for ident in ["yes", "no", "unknown", *extra]
    ]
    rules = data["screening"]["rules"]
    rules["urgent"] += [{"when": {"fare": ["yes", ident]}} for ident in extra]
    rules["supplements"] += [
        {"when": {"fare": [ident, "yes"]}, "show": ["akut"]} for ident in extra
    ]
    return _dump(data)


def _run(args: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds (user + system) of one child run, and its exit code."""
    env = {k: v for k, v in os.environ.items() if k != "STALKCARD_CARD"}
    env.update(COLUMNS="100", NO_COLOR="1")
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    exe = [sys.executable, "-m", "stalkcard"]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cards = {
            "big": user_card(),
            "small": small_card(),
            "danger": danger_card(),
            "pigeons": pigeon_card(),
        }
        version = sys.version.split()[0]
        print(f"python {version}, {os.cpu_count()} cores, median of {options.repeat}")
        print(f"{'card':8} {'KB':>5} {'command':10} {'wall ms':>8} {'cpu ms':>8} {'exit':>4}")
        for name, text in cards.items():
            path = folder / f"{name}.yaml"
            path.write_text(text, encoding="utf-8")
            answers = folder / f"{name}.answers.json"
            ids = [q["id"] for q in yaml.safe_load(text)["questions"]]
            answers.write_text(json.dumps(dict.fromkeys(ids, "unknown")), encoding="utf-8")
            commands = {
                "contacts": ["contacts"],
                "show": ["show"],
                "log": ["log"],
                "check": ["check", "--answers", str(answers)],
                "html": ["html", "-o", str(folder / f"{name}.html"), "--force"],
                "validate": ["validate"],
            }
            for label, args in commands.items():
                runs = [_run([*exe, "--card", str(path), *args]) for _ in range(options.repeat)]
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                code = runs[-1][2]
                verdict = "ok" if cpu <= TARGET else "OVER TARGET"
                failed |= cpu > TARGET
                size = len(text.encode()) / 1000
                print(
                    f"{name:8} {size:5.1f} {label:10} {wall * 1000:8.0f} {cpu * 1000:8.0f}"
                    f" {code:>4}  {verdict}"
                )
    print(f"target: every command at most {TARGET * 1000:.0f} ms of CPU")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
