"""Start-up benchmark: the installed stalkcard against a peer and its previous release.

Run as `python bench/startup.py [--pairs N] [--previous PATH]` with stalkcard
installed (non-editable) in the same environment. In one run and alternating, it times:

- `stalkcard contacts` and `stalkcard show` against the tldr client's
  `tldr --version` (`pip install tldr` in the same environment; without it those
  rows are skipped with a note): a small Python CLI that a caseworker's tool
  should start about as fast as;
- the time until `stalkcard check` shows its first prompt (in a pseudo-terminal)
  against the same for the previous release, whose `stalkcard` script is given
  with --previous (install it in another venv); and, for reference, `contacts`
  and `show` against the previous release.

It measures the CPU time (user + system) of the child process, which is steadier
than wall time on a busy machine, and prints the median ratio of each pair over
all pairs, and the medians in milliseconds. BENCH_RAW=1 also prints every pair.
Linux only (it reads /proc for the pseudo-terminal case and uses os.wait4).
It exits 1 when a target is missed; it is not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

TARGETS = {
    "contacts / tldr": 1.30,
    # A municipality's own card (STALKCARD_CARD), with the twin its keeper
    # wrote (validate --compile): issue 25 asks for no more than tldr.
    "own card, twin / tldr": 1.00,
    "show / tldr": 1.40,
    "check prompt / previous": 0.75,
}
PROMPT = "Hvem drejer mistanken sig om?"


def _env(card: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "STALKCARD_CARD"}
    env.update(COLUMNS="100", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    if card is not None:
        env["STALKCARD_CARD"] = card
    return env


def cpu_of_run(args: list[str], card: str | None = None) -> float:
    """CPU seconds (user + system) of one child run to completion, output discarded."""
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(card)
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed with exit code {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def _proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def cpu_to_prompt(args: list[str], marker: str = PROMPT) -> float:
    """CPU seconds of a child until `marker` appears on its pseudo-terminal."""
    import pexpect

    child = pexpect.spawn(
        args[0], args[1:], env=_env(), encoding="utf-8", dimensions=(40, 100), timeout=30
    )
    try:
        child.expect_exact(marker)
        return _proc_cpu(child.pid)
    finally:
        child.terminate(force=True)
        child.close()


def stalkcard() -> list[str]:
    script = Path(sys.executable).parent / "stalkcard"
    if not script.exists():
        raise SystemExit("stalkcard is not installed beside this Python")
    return [str(script)]


def own_card(now: list[str]) -> Path:
    """A municipality's copy of the card, as the keeper makes it: copy-card, then
    validate --compile (a twin beside it); and a second copy without a twin."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="stalkcard-bench-"))
    (folder / "plain").mkdir()
    for target in (folder, folder / "plain"):
        subprocess.run([*now, "copy-card", str(target)], check=True, capture_output=True)
    card = str(folder / "actioncard.yaml")
    subprocess.run([*now, "validate", "--compile", card], check=True, capture_output=True)
    return folder


def tldr() -> list[str] | None:
    beside = Path(sys.executable).parent / "tldr"
    found = str(beside) if beside.exists() else shutil.which("tldr")
    return [found, "--version"] if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=31)
    parser.add_argument("--previous", help="the previous release's stalkcard script")
    options = parser.parse_args()
    now = stalkcard()
    cases: dict[str, tuple[Callable[[], float], Callable[[], float]]] = {}
    notes: list[str] = []
    peer = tldr()
    if peer is None:
        notes.append("tldr is not installed here (pip install tldr): its rows are skipped")
    else:
        cases["contacts / tldr"] = (
            lambda: cpu_of_run([*now, "contacts"]),
            lambda: cpu_of_run(peer),
        )
        cases["show / tldr"] = (lambda: cpu_of_run([*now, "show"]), lambda: cpu_of_run(peer))
        own = own_card(now)
        cases["own card, twin / tldr"] = (
            lambda: cpu_of_run([*now, "contacts"], str(own / "actioncard.yaml")),
            lambda: cpu_of_run(peer),
        )
        cases["own card, no twin / tldr"] = (
            lambda: cpu_of_run([*now, "contacts"], str(own / "plain" / "actioncard.yaml")),
            lambda: cpu_of_run(peer),
        )
    if options.previous is None:
        notes.append("no --previous release given: its rows are skipped")
    else:
        before = [options.previous]
        cases["check prompt / previous"] = (
            lambda: cpu_to_prompt([*now, "check"]),
            lambda: cpu_to_prompt([*before, "check"]),
        )
        cases["contacts / previous"] = (
            lambda: cpu_of_run([*now, "contacts"]),
            lambda: cpu_of_run([*before, "contacts"]),
        )
        cases["show / previous"] = (
            lambda: cpu_of_run([*now, "show"]),
            lambda: cpu_of_run([*before, "show"]),
        )
    for run, base in cases.values():  # warm the file cache once
        run(), base()
    results: dict[str, tuple[list[float], list[float], list[float]]] = {
        name: ([], [], []) for name in cases
    }
    started = time.perf_counter()
    for index in range(options.pairs):
        for name, (run, base) in cases.items():
            # Alternate which goes first, so drift hits both alike.
            if index % 2:
                b, r = base(), run()
            else:
                r, b = run(), base()
            ratios, runs, bases = results[name]
            ratios.append(r / b)
            runs.append(r)
            bases.append(b)
    elapsed = time.perf_counter() - started

    print(f"stalkcard start-up, {options.pairs} alternating pairs, CPU time of the child")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {elapsed:.0f} s in all")
    print(f"{'case':<26}{'median ratio':>14}{'target':>8}{'stalkcard ms':>14}{'other ms':>10}")
    failed = False
    for name, (ratios, runs, bases) in results.items():
        ratio = statistics.median(ratios)
        target = TARGETS.get(name)
        mark = "-" if target is None else ("ok" if ratio <= target else "OVER")
        failed |= target is not None and ratio > target
        shown = "-" if target is None else f"{target:.2f}x"
        print(
            f"{name:<26}{ratio:>13.3f}x{shown:>8}"
            f"{1000 * statistics.median(runs):>14.1f}{1000 * statistics.median(bases):>10.1f}"
            f"  {mark}"
        )
    for note in notes:
        print(f"note: {note}")
    if os.environ.get("BENCH_RAW"):
        for name, (ratios, runs, bases) in results.items():
            shown = [f"{r:.2f}" for r in ratios]
            print(name, shown, [int(1000 * x) for x in runs], [int(1000 * x) for x in bases])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
