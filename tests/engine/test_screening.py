"""The screening's rules as pure functions, over every combination of answers, and
the card's rules compiled once."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from helpers import TESTS, card_answers

from stalkcard.card.model import StepsSection
from stalkcard.card.reading import load_card
from stalkcard.engine.evaluate import evaluate, urgent_supplements
from stalkcard.engine.plan import compile_plan
from stalkcard.engine.result import Answers

CARD = load_card()
PLAN = compile_plan(CARD)
# The first contacts section's numbers, read from the card file's own list of ids.
RESOURCE_PHONES = {
    next(c.phone for c in CARD.contact_list if c.id == ident)
    for ident in CARD.contact_sections[0].contacts
}
TRI = ("yes", "no", "unknown")


def every_answer() -> Iterator[Answers]:
    for role, danger, unwanted, one_sided, repeated, children in itertools.product(
        ("victim", "perpetrator", "unknown"), TRI, TRI, TRI, TRI, TRI
    ):
        yield card_answers(role, danger, unwanted, one_sided, repeated, (), children)


ALL = list(every_answer())


def test_there_are_729_combinations() -> None:
    assert len(ALL) == 3 * 3 * 27 * 3


CARDS = {"da": CARD, "en": load_card(language="en")}
PLANS = {language: compile_plan(card) for language, card in CARDS.items()}
UNKNOWN_ROLE_NOTE = {
    "da": "Hvis borgeren er den udsatte",
    "en": "If the citizen is the one being stalked",
}


def check_path(language: str, answers: Answers) -> None:
    """Everything the card and its supplements promise for one set of answers."""
    card = CARDS[language]
    result = evaluate(PLANS[language], answers)
    steps = [s.id for s in result.steps]
    # The card's rule: a suspicion is always acted on.
    assert steps[:2] == ["sparring", "handling"]
    assert {"coordination", "referral"} <= set(steps)
    sparring, handling = result.steps[0], result.steps[1]
    assert {c.phone for c in sparring.contacts} == RESOURCE_PHONES
    assert {c.name: c.phone for c in handling.contacts} == {
        c.name: c.phone for c in CARD.contact_list if c.id in CARD.contact_sections[1].contacts
    }
    assert len(result.contacts) == 7
    assert result.assessment_text

    # The assessment.
    role, danger, children = answers["role"], answers["danger"], answers["children"]
    criteria = (answers["unwanted"], answers["one_sided"], answers["repeated"])
    if criteria == ("yes", "yes", "yes"):
        assert result.assessment == "criteria_met"
    elif "no" in criteria:
        assert result.assessment == "criteria_not_met"
        # Issue 23: the one-line verdict keeps "det afgør ikke sagen".
        short = card.assessment(result.assessment).short or ""
        assert {"da": "Det afgør ikke sagen", "en": "does not decide the case"}[language] in short
    else:
        assert result.assessment == "criteria_unclear"

    # Urgency leads with 112; the supplements follow their rules.
    # "Ved ikke" to danger is possible danger: 112 stands then too.
    assert result.urgent == (danger in ("yes", "unknown"))
    supplements = {s.id: s for s in result.supplements}
    # Issue 23: "Ja" gets the plain instruction, "Ved ikke" the conditional one.
    assert ("acute_danger" in supplements) == (danger == "yes")
    assert ("acute_danger_possible" in supplements) == (danger == "unknown")
    if danger == "yes":
        plain = {"da": "Ring 112 nu.", "en": "Call 112 now."}
        assert supplements["acute_danger"].headline == plain[language]
    # The law on every path, whatever the card's three signs say: section 242 in
    # its own words and how to report, and the single offences reportable alone.
    assert "crime" in supplements and "single_offences" in supplements
    assert "114" in supplements["crime"].text and "242" in supplements["crime"].text
    for section in ("266", "291", "264 d"):
        assert section in supplements["single_offences"].text
    # For the person exposed: orders, a free lawyer and Offerrådgivningen 116 006.
    exposed = role in ("victim", "unknown")
    for ident in ("restraining_orders", "victim_lawyer", "victim_support"):
        assert (ident in supplements) == exposed
    if exposed:
        assert "116 006" in supplements["victim_support"].text
    # Issue 23: the safety plan and what the other party can read whenever the
    # citizen may be the one stalked, whatever the signs (a missing sign does not
    # decide the case); never in a talk with the citizen who stalks.
    assert ("others_read" in supplements) == exposed
    assert ("safety_plan" in supplements) == exposed
    # Where the citizen may be the one who stalks: what must not be passed on,
    # the citizen's own access to the file, agree first with police and DSC.
    stalks = role in ("perpetrator", "unknown")
    assert ("perpetrator_caution" in supplements) == stalks
    if stalks:
        caution = supplements["perpetrator_caution"].text
        law = {"da": "forvaltningslovens § 9", "en": "section 9"}
        assert law[language] in caution and "Dansk Stalking Center" in caution
    # Dansk Stalking Center's advice on passing on information on every path.
    info = {"da": "hvilke oplysninger der gives videre", "en": "what information is passed on"}
    assert any(info[language] in s.text for s in result.supplements)
    # Role-aware words: where the citizen may stalk, no supplement offers
    # "the citizen" the victim's remedies ("Borgeren kan anmelde stalking").
    if role != "victim":
        victim_words = {
            "da": ("Borgeren kan anmelde", "for borgeren", "følge efter borgeren",
                   "borgerens bolig", "Borgeren henvender", "Borgeren kan være anonym",
                   "hvor borgeren kan"),
            "en": ("The citizen can report", "costs the citizen", "follow the citizen",
                   "the citizen's home", "The citizen asks", "The citizen can stay",
                   "where the citizen can"),
        }[language]  # fmt: skip
        for s in result.supplements:
            assert not any(w in s.text for w in victim_words), (s.id, s.text)
    # No verdict: the assessment never says it may not be stalking.
    assert "måske ikke" not in result.assessment_text
    assert "may not be" not in result.assessment_text
    # The hedged conflict text whenever the contact is not one-sided.
    assert ("conflict" in supplements) == (answers["one_sided"] == "no")
    if "conflict" in supplements:
        hedge = {"da": "udelukker ikke stalking", "en": "does not rule out stalking"}
        assert hedge[language] in supplements["conflict"].text
    # Issue 23: the duty to notify states its condition; "ved ikke" gets a question.
    assert ("duty_to_notify" in supplements) == (children == "yes")
    assert ("duty_to_notify_check" in supplements) == (children == "unknown")
    for s in result.supplements:
        assert "Underret selv" not in (s.headline or "") and "yourself" not in (s.headline or "")
    if children == "yes":
        duty = supplements["duty_to_notify"]
        cond = {"da": ("hvis", "du eller din leder"), "en": ("if", "you or your manager")}
        assert all(w in (duty.headline or "") for w in cond[language])
    if children == "unknown":
        assert "?" in (supplements["duty_to_notify_check"].headline or "")
    assert ("perpetrator_help" in supplements) == (role == "perpetrator")
    own_log = role in ("victim", "unknown")
    assert ("log_tools" in supplements) == own_log
    assert "log_warning" not in supplements  # others_read says it for the result
    assert "1888" in supplements["hotline_1888"].text  # on every path
    # Every supplement has a source and is never part of the card's steps.
    assert all(s.source for s in result.supplements)

    # Steps fit the role.
    own = {s.id: s.note for s in result.steps if s.id in ("own_options", "network")}
    if role == "victim":
        assert own == {"own_options": None, "network": None}
    elif role == "perpetrator":
        # Issue 23: no card step vanishes; named as concerning the victim.
        note = {"da": "gælder især den udsatte",
                "en": "concerns the person being stalked above all"}[language]  # fmt: skip
        assert own == {"own_options": note, "network": note}
    else:
        note = UNKNOWN_ROLE_NOTE[language]
        assert own == {"own_options": note, "network": note}
    # Card order is kept.
    assert steps == [s for s in card.step_ids if s in steps]


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_path_ends_in_contacts_and_steps(language: str) -> None:
    for answers in ALL:
        try:
            check_path(language, answers)
        except AssertionError as exc:
            raise AssertionError(f"{language} {answers.as_dict()}: {exc}") from exc


def test_both_languages_give_the_same_result_ids() -> None:
    for answers in ALL:
        da, en = (
            evaluate(PLANS["da"], answers),
            evaluate(PLANS["en"], answers),
        )
        assert da.assessment == en.assessment
        assert [s.id for s in da.steps] == [s.id for s in en.steps]
        assert [s.id for s in da.supplements] == [s.id for s in en.supplements]


def test_urgent_supplements_are_the_112_advice() -> None:
    assert [s.id for s in urgent_supplements(PLAN)] == ["acute_danger"]
    assert "112" in urgent_supplements(PLAN)[0].text
    # "Ved ikke" is possible danger: the same advice at once; "Nej" shows none.
    assert [s.id for s in urgent_supplements(PLAN, "unknown")] == ["acute_danger_possible"]
    assert urgent_supplements(PLAN, "no") == ()


def test_step_text_is_the_cards() -> None:
    result = evaluate(PLAN, card_answers("victim", "no", "yes", "yes", "yes"))
    own = next(s for s in result.steps if s.id == "own_options")
    further = CARD.section("videre_handling")
    assert isinstance(further, StepsSection)
    assert own.paragraphs == tuple(further.steps[0].paragraphs)
    handling = result.steps[1]
    assert handling.after == (
        "Borgeren henvises til Dansk Stalking Center og informeres om sagens forløb fremadrettet.",
    )


def test_the_result_is_led_by_the_urgent_supplements_it_shows() -> None:
    from stalkcard.engine.answers import normalise_answers
    from stalkcard.engine.evaluate import evaluate

    plan = compile_plan(load_card())
    for danger in ("yes", "unknown", "no"):
        given = {"role": "victim", "danger": danger, "unwanted": "yes", "one_sided": "yes",
                 "repeated": "yes"}  # fmt: skip
        result = evaluate(plan, normalise_answers(given, plan))
        assert result.lead == tuple(s for s in result.supplements if s.urgent)
        assert bool(result.lead) == result.urgent == (danger != "no")


# The page's build is linear in the number of persons: evaluate's per-card work done once ----


def _card_with_persons(count: int) -> object:
    import importlib.util

    from stalkcard.card.reading import card_from_text

    spec = importlib.util.spec_from_file_location(
        "html_build", TESTS.parent / "bench" / "html_build.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return card_from_text(bench.with_contacts(count), f"<{count}>")


def test_the_page_build_does_the_per_card_work_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every evaluation used to rebuild the card's contacts, step table and rule
    conditions, and the page evaluated every combination of answers (whose number
    grows with the persons). Now the page holds the rules, evaluates none
    (the plan is compiled once, before the build), and builds the contacts a fixed number of times,
    however many persons. Counted, not timed (bench/html_build.py times it)."""
    from page_helpers import combinations

    from stalkcard.card import model
    from stalkcard.engine import evaluate as engine
    from stalkcard.views.page import render_page

    built: list[int] = []
    real = model.Card.contacts.fget
    assert real is not None
    monkeypatch.setattr(
        model.Card, "contacts", property(lambda card: built.append(1) or real(card))
    )
    evaluated: list[int] = []
    real_evaluate = engine.evaluate
    # Counted where it is defined: the page's module does not import it at all.
    monkeypatch.setattr(
        engine,
        "evaluate",
        lambda plan, answers: evaluated.append(1) or real_evaluate(plan, answers),
    )
    counts = []
    for persons in (5, 40):
        card = _card_with_persons(persons)
        built.clear()
        evaluated.clear()
        plan = compile_plan(card)  # type: ignore[arg-type]
        render_page(plan, "da")
        assert len(list(combinations(plan))) > 1000
        assert not evaluated, len(evaluated)  # was one per combination; the page evaluates none
        counts.append(len(built))
    assert counts[0] == counts[1] <= 10, counts


def _reference(card: object, answers: object) -> tuple[object, ...]:
    """The rules evaluated the plain way, rule by rule with `matches`."""
    from stalkcard.engine.evaluate import matches

    rules = card.screening.rules  # type: ignore[attr-defined]
    notes: dict[str, str | None] = {}
    for rule in rules.steps:
        if matches(rule, answers):  # type: ignore[arg-type]
            for ident in rule.show:
                notes[ident] = None if notes.get(ident, "") is None else rule.note
    return (
        next(r.result for r in rules.assessment if matches(r, answers)),  # type: ignore[arg-type]
        any(matches(r, answers) for r in rules.urgent),  # type: ignore[arg-type]
        [(ident, notes[ident]) for ident in card.step_ids if ident in notes],  # type: ignore[attr-defined]
        sorted({i for r in rules.supplements if matches(r, answers) for i in r.show}),  # type: ignore[arg-type]
        # A suggestion names a contact, or a unit: every contact of that unit.
        list(
            dict.fromkeys(
                c.id
                for r in rules.suggest  # type: ignore[attr-defined]
                if matches(r, answers)  # type: ignore[arg-type]
                for i in r.show
                for c in card.contacts  # type: ignore[attr-defined]
                if i in (c.id, c.unit_id)
            )
        ),
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_compiled_rules_give_what_the_rules_say(language: str) -> None:
    from page_helpers import combinations

    from stalkcard.card.reading import load_card
    from stalkcard.engine.evaluate import evaluate

    card = load_card(language=language)
    plan = compile_plan(card)
    for answers in combinations(plan):
        result = evaluate(plan, answers)
        got = (
            result.assessment,
            result.urgent,
            [(s.id, s.note) for s in result.steps],
            sorted(s.id for s in result.supplements),
            [c.id for c in result.suggested],
        )
        assert got == _reference(card, answers), answers
        assert result.contacts == tuple(card.contacts)


def test_a_changed_card_is_compiled_anew() -> None:
    import msgspec

    from stalkcard.card.reading import load_card
    from stalkcard.engine.evaluate import evaluate

    card = load_card()
    answers = card_answers("victim", "no", "yes", "yes", "yes")
    first = evaluate(compile_plan(card), answers)
    changed = msgspec.structs.replace(
        card,
        screening=msgspec.structs.replace(
            card.screening,
            assessments=[
                msgspec.structs.replace(a, text="Ændret") for a in card.screening.assessments
            ],
        ),
    )
    assert evaluate(compile_plan(changed), answers).assessment_text == "Ændret"
    assert evaluate(compile_plan(card), answers).assessment_text == first.assessment_text
