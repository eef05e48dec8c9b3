"""Build-time benchmark of the HTML page: `stalkcard html` for cards with 5, 50
and 200 resource persons.

Run as `python bench/html_build.py [--repeat N] [--persons 5,50,200]` with
stalkcard installed in the same environment. The page is built by running the
screening engine for every combination of the answers that change a result,
and the unit (one per resource person, plus "other") is one of those answers,
so the number of combinations grows linearly with the number of persons; the
time should too (issue 18: it grew as their square, 0.4 s for 5, 4.8 s for 50,
52 s for 200, because every evaluation rebuilt the contacts and rule conditions).

The engine's part is linear since issue 18 (screening.CompiledCard: the contacts,
the step table and the rule conditions are worked out once per card). So is the
page's own part: the "Ring nu" list is built and encoded once per suggestion
(web._calls), the note's parts once per what they depend on (render.note_parts
with the build's cache: the steps, which list every person, once per set of
steps), and the unit labels once per card (CompiledCard.unit_labels). Measured
on this machine (one run): 191, 159 and 185 µs per combination for 5, 50 and
200 persons (0.84 s, 5.89 s, 27.05 s for 4,374, 37,179 and 146,529 combinations).

The cards are the bundled card with extra resource persons added (each with its
own unit and phone number). It times, in this process, loading the card from its
YAML and rendering the page (stalkcard.web.render_page), and the engine alone
(evaluate for every combination), the median of --repeat runs, and prints the
time per combination as well, which stays flat when the build is linear. It
exits 1 when the engine's or the page's time per combination for the largest
card is more than 1.5 times that of the smallest. It is not part of the tests
(tests/test_hostile_round_three.py checks that evaluate is called once per
combination and that the per-card work is done once).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from stalkcard.card import bundled_card_path, card_from_text

PERSON = """    - id: extra_{n}
      name: "Ekstra Person {n}"
      unit: "Enhed nummer {n}"
      phone: "{phone}"
"""


def card_text(persons: int) -> str:
    """The bundled card with resource persons added until there are `persons`."""
    text = bundled_card_path().read_text(encoding="utf-8")
    extra = "".join(
        PERSON.format(n=n, phone=f"9{n:03d} {n:04d}") for n in range(1, max(0, persons - 5) + 1)
    )
    marker = "\nhandling:"
    return text.replace(marker, "\n" + extra.rstrip("\n") + "\n" + marker, 1)


def build_seconds(persons: int, repeat: int) -> tuple[float, float, int, int]:
    """(median seconds of the page, median seconds of the engine alone, combinations,
    page bytes). The engine alone: evaluate() for every combination, as the page does."""
    from stalkcard.screening import evaluate
    from stalkcard.web import combinations, render_page

    pages, engine = [], []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        card = card_from_text(card_text(persons), f"<{persons} personer>")
        page = render_page(card, "da")
        pages.append(time.perf_counter() - start)
        size = len(page.encode("utf-8"))
        fresh = card_from_text(card_text(persons), f"<{persons} personer>")
        every = combinations(fresh)
        start = time.perf_counter()
        for answers in every:
            evaluate(fresh, answers)
        engine.append(time.perf_counter() - start)
    assert len(card.sparring.persons) == persons
    return statistics.median(pages), statistics.median(engine), len(every), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--persons", default="5,50,200")
    options = parser.parse_args()
    rows = []
    print("persons  combinations   page (s)  per combination   engine (s)  per combination   page")
    for persons in (int(p) for p in options.persons.split(",")):
        page, engine, combos, size = build_seconds(persons, options.repeat)
        rows.append((engine / combos, page / combos))
        print(
            f"{persons:7d}  {combos:12d}  {page:9.2f}  {1e6 * page / combos:12.1f} µs"
            f"  {engine:11.2f}  {1e6 * engine / combos:12.1f} µs  {size / 1024:4.0f} KiB"
        )
        sys.stdout.flush()
    engine_growth = rows[-1][0] / rows[0][0]
    page_growth = rows[-1][1] / rows[0][1]
    print(
        f"time per combination, largest card / smallest: engine {engine_growth:.2f}, "
        f"page {page_growth:.2f} (1 is linear)"
    )
    return 0 if engine_growth <= 1.5 and page_growth <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
