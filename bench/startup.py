"""Start-up benchmark: the installed stalkcard against a minimal Typer app.

Run as `python bench/startup.py [--pairs N]` with stalkcard installed in the
same environment. In one run and alternating, it times:

- `stalkcard contacts` against a minimal Typer app that prints one line;
- `stalkcard show` against the same floor;
- the time until `stalkcard check` shows its first prompt (in a pseudo-terminal)
  against a Typer app that imports questionary and shows one select.

It measures the CPU time (user + system) of the child process, which is steadier
than wall time on a busy machine, and prints the median ratio of each command to
its floor over all pairs, and the medians in milliseconds. BENCH_RAW=1 also prints
every pair. Linux only (it reads /proc for the pseudo-terminal case and uses os.wait4).
It exits 1 when a target is missed; it is not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FLOOR = """\
import typer

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    print("stalkcard")


app()
"""

LIBRARY_FLOOR = """\
import msgspec
import rich.console
import typer
import yaml

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    rich.console.Console().print("stalkcard")


app()
"""

PROMPT_FLOOR = """\
import questionary
import typer

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    questionary.select("Hvem drejer mistanken sig om?", choices=["a", "b", "c"]).unsafe_ask()


app()
"""

TARGETS = {"contacts": 1.15, "show": 1.25, "check (first prompt)": 1.15}
PROMPT = "Hvem drejer mistanken sig om?"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "STALKCARD_CARD"}
    env.update(COLUMNS="100", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    return env


def cpu_of_run(args: list[str]) -> float:
    """CPU seconds (user + system) of one child run to completion, output discarded."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=31)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        floor = Path(folder) / "floor.py"
        floor.write_text(FLOOR)
        prompt_floor = Path(folder) / "prompt_floor.py"
        prompt_floor.write_text(PROMPT_FLOOR)
        library_floor = Path(folder) / "library_floor.py"
        library_floor.write_text(LIBRARY_FLOOR)
        py = sys.executable
        cases: dict[str, tuple[Callable[[], float], Callable[[], float]]] = {
            "contacts": (
                lambda: cpu_of_run([*stalkcard(), "contacts"]),
                lambda: cpu_of_run([py, str(floor)]),
            ),
            "show": (
                lambda: cpu_of_run([*stalkcard(), "show"]),
                lambda: cpu_of_run([py, str(floor)]),
            ),
            "check (first prompt)": (
                lambda: cpu_to_prompt([*stalkcard(), "check"]),
                lambda: cpu_to_prompt([py, str(prompt_floor)]),
            ),
            # Not a target: the same floor importing the libraries stalkcard uses
            # (rich, pyyaml, msgspec), to tell their cost from stalkcard's own.
            "library floor": (
                lambda: cpu_of_run([py, str(library_floor)]),
                lambda: cpu_of_run([py, str(floor)]),
            ),
        }
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
    print(f"{'case':<22}{'median ratio':>14}{'target':>8}{'stalkcard ms':>14}{'floor ms':>10}")
    failed = False
    for name, (ratios, runs, bases) in results.items():
        ratio = statistics.median(ratios)
        target = TARGETS.get(name)
        mark = "-" if target is None else ("ok" if ratio <= target else "OVER")
        failed |= target is not None and ratio > target
        shown = "-" if target is None else f"{target:.2f}x"
        print(
            f"{name:<22}{ratio:>13.3f}x{shown:>8}"
            f"{1000 * statistics.median(runs):>14.1f}{1000 * statistics.median(bases):>10.1f}"
            f"  {mark}"
        )
    if os.environ.get("BENCH_RAW"):
        for name, (ratios, runs, bases) in results.items():
            shown = [f"{r:.2f}" for r in ratios]
            print(name, shown, [int(1000 * x) for x in runs], [int(1000 * x) for x in bases])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
