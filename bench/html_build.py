"""Build-time and size benchmark of the HTML page (`stalkcard html`).

Run as `python bench/html_build.py [--repeat N]` with stalkcard installed in the
same environment. Three cases:

1. The bundled card (Skanderborg's): the page's size and build time.
2. The ten-question card (tests/cards/ten_questions.yaml: ten questions with three
   choices each, 59,049 combinations of answers, plus a many-of question). Issue
   15's target: the page at most 200 KB and `stalkcard html` at most 1 s. Both are
   measured: the build in this process (load the card, render the page) and the
   whole command in a new process, as a user runs it (Python's start included).
3. The bundled card with 5, 50 and 200 contacts in its first contacts section,
   each in a unit of its own: the page grows with the card, linearly.

Since issue 15 the page holds the card's rules and evaluates them in its script
(stalkcard.views.page.rules_data; tests/views/test_page_engine.py proves page and engine equal), so
its size and build time no longer grow with the number of combinations of
answers (before: a table of every combination, 4,374 for Skanderborg's card,
129 KB and about 1.1 s; a ten-question card would have needed 59,049 entries).

It prints the medians of --repeat runs and exits 1 when the ten-question case
misses its targets, or when each contact added from 50 to 200 costs more than
1.5 times the bytes of each added from 5 to 50 (growth faster than linear). It is not part of
the tests (tests/views/test_page.py checks the ten-question page's size).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from stalkcard.card.reading import bundled_card_path, card_from_text

TEN = Path(__file__).resolve().parent.parent / "tests" / "cards" / "ten_questions.yaml"
MAX_BYTES = 200_000
MAX_SECONDS = 1.0


def with_contacts(contacts: int) -> str:
    """The bundled card with contacts added to its first contacts section, each
    in a unit of its own, until that section lists `contacts`."""
    data: Any = yaml.safe_load(bundled_card_path().read_text(encoding="utf-8"))
    first = next(s for s in data["sections"] if s["kind"] == "contacts")
    for n in range(len(first["contacts"]) + 1, contacts + 1):
        data["units"].append({"id": f"enhed_{n}", "name": f"Enhed nummer {n}"})
        data["contacts"].append(
            {"id": f"ekstra_{n}", "name": f"Ekstra Person {n}", "unit": f"enhed_{n}",
             "phone": f"9{n:03d} {n:04d}"}
        )  # fmt: skip
        first["contacts"].append(f"ekstra_{n}")
        data["screening"]["rules"]["suggest"].append(
            {"when": {"unit": f"enhed_{n}"}, "show": [f"enhed_{n}"]}
        )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def in_process(text: str, name: str, repeat: int) -> tuple[float, int]:
    """(median seconds to load the card and render the page, page bytes)."""
    from stalkcard.engine.plan import compile_plan
    from stalkcard.views.page import render_page

    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        card = card_from_text(text, name)
        page = render_page(compile_plan(card), "da")
        times.append(time.perf_counter() - start)
        size = len(page.encode("utf-8"))
    return statistics.median(times), size


def command(card: Path, repeat: int) -> float:
    """Median wall time of `stalkcard --card CARD html -o FILE` in a new process."""
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "side.html"
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "stalkcard", "--card", str(card), "html", "-o", str(out),
                 "--force"],
                check=True, capture_output=True, env={**os.environ, "STALKCARD_LANG": "da"},
            )  # fmt: skip
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    failed = False

    seconds, size = in_process(
        bundled_card_path().read_text(encoding="utf-8"), "bundled", args.repeat
    )
    print(f"bundled card: page {size / 1000:.1f} KB, built in {seconds * 1000:.0f} ms")

    seconds, size = in_process(TEN.read_text(encoding="utf-8"), "ten", args.repeat)
    whole = command(TEN, args.repeat)
    ok = size <= MAX_BYTES and whole <= MAX_SECONDS
    failed |= not ok
    print(
        f"ten questions (3^10 = 59,049 combinations): page {size / 1000:.1f} KB "
        f"(target <= {MAX_BYTES / 1000:.0f} KB), built in {seconds * 1000:.0f} ms in process, "
        f"`stalkcard html` {whole * 1000:.0f} ms as a command (target <= {MAX_SECONDS:.0f} s): "
        + ("ok" if ok else "MISSED")
    )

    sizes = {}
    for contacts in (5, 50, 200):
        seconds, size = in_process(with_contacts(contacts), f"<{contacts}>", args.repeat)
        sizes[contacts] = size
        print(
            f"{contacts:>3} contacts: page {size / 1000:.1f} KB, built in {seconds * 1000:.0f} ms"
        )
    low = (sizes[50] - sizes[5]) / 45
    high = (sizes[200] - sizes[50]) / 150
    ratio = high / low
    print(
        f"bytes per added contact: {low:.0f} (5 to 50), {high:.0f} (50 to 200), "
        f"ratio {ratio:.2f} (fails above 1.5)"
    )
    failed |= ratio > 1.5
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
