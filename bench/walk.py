"""The walk of one screening through the code: `check --answers FILE --note
NOTE` run in this process, every call between stalkcard's modules recorded
in order (sys.setprofile). Prints:

- the pipeline: the modules the command itself calls, in order, each run of
  calls into one module counted once (issue 25: each module passed once);
- the calls from a view (stalkcard.views) into the engine's functions: a view
  takes (plan, result) and never reaches back (0 is the aim);
- how often the card is compiled into its plan (once is the aim).

    python bench/walk.py            # the summary
    python bench/walk.py --stops    # also every call between modules

Runs on the code before issue 25's packages too (the command was in
stalkcard.cli, the views in stalkcard.render/markdown/views/web/note).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ANSWERS = (
    "role: victim\ndanger: no\nunwanted: yes\none_sided: yes\nrepeated: yes\n"
    "forms: [messages]\nchildren: no\nunit: other\n"
)


def walk() -> list[tuple[str, str, str]]:
    from typer.testing import CliRunner

    try:
        from stalkcard.cli.app import app
    except ImportError:  # before issue 25's packages
        from stalkcard.cli import app  # type: ignore[attr-defined,no-redef]

    stops: list[tuple[str, str, str]] = []  # (caller module, callee module, function)

    def profile(frame: Any, event: str, _arg: Any) -> None:
        if event != "call" or frame.f_back is None:
            return
        module = frame.f_globals.get("__name__", "")
        caller = frame.f_back.f_globals.get("__name__", "")
        if module.startswith("stalkcard") and caller != module:
            code = frame.f_code
            method = code.co_argcount > 0 and code.co_varnames[0] in ("self", "cls")
            stops.append((caller, module, code.co_name + ("()" if method else "")))

    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "svar.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        note = Path(folder) / "notat.txt"
        runner = CliRunner()
        env = {"STALKCARD_LANG": "da", "COLUMNS": "100"}
        # Warm: the first run imports the modules; the walk is the second.
        runner.invoke(app, ["check", "--answers", str(answers)], env=env)
        before = sys.getprofile()  # a profiler running the tests keeps running after
        sys.setprofile(profile)
        try:
            result = runner.invoke(
                app, ["check", "--answers", str(answers), "--note", str(note)], env=env
            )
        finally:
            sys.setprofile(before)
        assert result.exit_code == 0, result.output
        assert note.is_file()
    return stops


COMMAND = ("stalkcard.cli.check", "stalkcard.cli")  # where `check` is (after, before)
VIEWS = ("stalkcard.views", "stalkcard.render", "stalkcard.markdown", "stalkcard.web",
         "stalkcard.note", "stalkcard.plain")  # fmt: skip
ENGINE_FUNCTIONS = ("stalkcard.engine", "stalkcard.screening", "stalkcard.callplan",
                    "stalkcard.questions")  # fmt: skip
BASE = ("stalkcard.i18n", "stalkcard.errors", "stalkcard.safe", "stalkcard.clock")


def summary(stops: list[tuple[str, str, str]]) -> tuple[list[str], list[tuple[str, str, str]], int]:
    """(the pipeline, the views' calls into the engine, the number of compiles)."""
    command = next(m for m in COMMAND if any(caller == m for caller, _c, _f in stops))
    pipeline: list[str] = []
    for caller, module, _function in stops:
        calls_on = caller == command and not module.startswith(BASE) and module != command
        if calls_on and (not pipeline or pipeline[-1] != module):
            pipeline.append(module)
    back = [
        (caller, module, function)
        for caller, module, function in stops
        if caller.startswith(VIEWS)
        and module.startswith(ENGINE_FUNCTIONS)
        and not function.endswith("()")  # a method of the plan or the result: data
    ]
    compiles = sum(1 for _c, _m, f in stops if f in ("compile_plan", "compiled"))
    return pipeline, back, compiles


def main() -> None:
    stops = walk()
    pipeline, back, compiles = summary(stops)
    command = next(m for m in COMMAND if any(caller == m for caller, _c, _f in stops))
    if "--stops" in sys.argv:
        print("\n".join(f"{c} -> {m}.{f}" for c, m, f in stops))
    again = len(pipeline) - len(set(pipeline))
    print(f"pipeline ({command}): " + " -> ".join(pipeline))
    print(f"  {len(pipeline)} stops, {again} returns to a module already left")
    print(
        f"views calling the engine: {len(back)}"
        + (" (" + ", ".join(sorted({f"{m}.{f}" for _c, m, f in back})) + ")" if back else "")
    )
    print(f"card compiled: {compiles} time(s)")


if __name__ == "__main__":
    os.environ.setdefault("STALKCARD_LANG", "da")
    main()
