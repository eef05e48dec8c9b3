"""The shape of the code (issue 25): the pipeline's packages import one
another one way only, no module grows past ~400 lines, no module reaches for
another's private names, and a screening passes each module once, with the
views taking what the engine computed instead of calling back into it."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

from helpers import TESTS

import stalkcard

PACKAGE = Path(stalkcard.__file__).parent
BENCH = TESTS.parent / "bench"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.with_suffix("").relative_to(PACKAGE.parent).parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, dict[str, set[str]]]:
    """Every module's imports of stalkcard modules (at the top, inside
    functions and under TYPE_CHECKING alike), with the names it takes."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    out: dict[str, dict[str, set[str]]] = {}
    for name, path in modules.items():
        found: dict[str, set[str]] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                if not node.module.startswith("stalkcard"):
                    continue
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    target = full if full in modules else node.module
                    found.setdefault(target, set()).add(alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("stalkcard"):
                        found.setdefault(alias.name, set())
        out[name] = found
    return out


def test_no_module_imports_in_a_circle() -> None:
    graph = {m: {d for d in deps if d != m} for m, deps in _imports().items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError(" -> ".join([*path[path.index(module) :], module]))
        if module in done or module not in graph:
            return
        for other in sorted(graph[module]):
            visit(other, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_no_module_imports_another_modules_private_names() -> None:
    private = [
        (module, target, name)
        for module, deps in _imports().items()
        for target, names in deps.items()
        for name in names
        if name.startswith("_") and name not in ("_", "__version__") and target != module
    ]
    assert private == []


def test_no_module_is_over_400_lines() -> None:
    files = [*PACKAGE.rglob("*.py"), *(PACKAGE / "views" / "web").glob("*.js")]
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in files
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_a_screening_passes_each_module_once() -> None:
    """`check --answers --note` traced call by call (bench/walk.py): the command
    calls each module once, in the pipeline's order; no view calls a function
    of the engine; the card is compiled into its plan once. Before issue 25:
    the views called the engine 45 times and the card was looked up in the
    cache of compiled cards 44 times."""
    spec = importlib.util.spec_from_file_location("walk", BENCH / "walk.py")
    assert spec is not None and spec.loader is not None
    walk = importlib.util.module_from_spec(spec)
    sys.modules["walk"] = walk
    spec.loader.exec_module(walk)
    pipeline, back, compiles = walk.summary(walk.walk())
    assert len(pipeline) == len(set(pipeline)), pipeline
    order = [
        m.split(".")[1] for m in pipeline if m.startswith(("stalkcard.engine", "stalkcard.views"))
    ]
    assert order == sorted(order, key=["engine", "views"].index), pipeline
    assert "stalkcard.cli.session" in pipeline  # the note is saved
    assert back == []
    assert compiles == 1
