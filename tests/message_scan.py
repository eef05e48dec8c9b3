"""The tool's messages as its source holds them, for tests/base/test_i18n.py.

A message is Danish text written once: either passed to `_()` as a literal
where it is used, or kept in a constant, marked with `N_()` where it is written
(gettext's deferred translation) and translated later by name: `_(NAME)`,
`_(WORDS[key])`, `_(WORDS.get(key))`, a loop over a tuple. Both are read from
the source, so no test keeps a list of messages.

`unmarked` makes the marks trustworthy: it follows every `_()` or `ngettext()`
whose message is not a literal back to the text it can hold, through local
names, loops, `.get`, `.items()`, imports and the callers of a parameter, and
names every text written without `N_()` (which extraction tools would miss and
the catalogue test would not see).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import stalkcard

PACKAGE = Path(stalkcard.__file__).parent
# The functions that translate, and how many of their first arguments are messages.
TRANSLATORS = {"_": 1, "ngettext": 2}

# The uses of _ whose text the tracer cannot follow, each with why its text is
# marked: a list of call sites (module, function, the code), not of messages.
FOLLOWED_BY_HAND = {
    # public_holidays' names: FIXED's and MOVING's items and "store bededag", each
    # written as N_(...) in stalkcard/engine/holidays.py; the dict is built in steps.
    ("stalkcard.engine.holidays", "closed_day", "_(name)"),
    # _ itself goes to the Jinja template, whose _() calls are literals, read by
    # template_messages (tests/base/test_i18n.py fails on any other _() there).
    ("stalkcard.views.page", "render_page", "_=_"),
}

SCOPES = (
    ast.Module,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.GeneratorExp,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
)
CONTAINERS = (ast.Tuple, ast.List, ast.Set, ast.Dict, ast.GeneratorExp, ast.ListComp, ast.SetComp)


@cache
def package_modules() -> dict[str, ast.Module]:
    """Every module of the package by its dotted name, parsed."""
    out: dict[str, ast.Module] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def string_arguments(function: str) -> set[str]:
    """Every string literal passed to `function` (`_` or `N_`) in the package."""
    return {
        node.args[0].value
        for tree in package_modules().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == function
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def template_messages() -> set[str]:
    """Every string literal passed to _() in the HTML page's template."""
    found: set[str] = set()
    for path in (PACKAGE / "views" / "web").glob("*.j2"):
        found |= set(re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', path.read_text(encoding="utf-8")))
    return found


def is_marked(node: ast.AST) -> bool:
    """N_("...") with one string literal, as extraction tools read it."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "N_"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


@dataclass(frozen=True)
class Where:
    module: str
    scope: ast.AST  # a module, function, lambda or comprehension


@dataclass(frozen=True)
class Items:
    """`mapping.items()`: its elements are (key, value) pairs."""

    mapping: ast.Dict


@dataclass(frozen=True)
class Pair:
    mapping: ast.Dict


Found = tuple[ast.AST | Items | Pair, Where]


class Tracer:
    """Follows an expression back to the nodes that write the text it can hold."""

    def __init__(self, modules: dict[str, ast.Module]) -> None:
        self.modules = modules
        self.parents = {
            name: {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
            for name, tree in modules.items()
        }
        self.problems: list[str] = []
        self._open: set[tuple[int, int]] = set()

    def fail(self, node: ast.AST, where: Where, why: str) -> list[Found]:
        line = getattr(node, "lineno", "?")
        self.problems.append(f"{where.module}:{line}: {why}: {ast.unparse(node)}")
        return []

    def scope_of(self, module: str, node: ast.AST) -> ast.AST:
        node = self.parents[module][node]
        while not isinstance(node, SCOPES):
            node = self.parents[module][node]
        return node

    def function_of(self, module: str, node: ast.AST) -> str:
        """The name of the def around `node` ("" at module level)."""
        while not isinstance(node, ast.Module):
            node = self.parents[module][node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node.name
        return ""

    def values(self, node: ast.AST, where: Where) -> list[Found]:
        """What `node` can evaluate to, as the nodes that write it."""
        key = (id(node), id(where.scope))
        if key in self._open:  # a name bound from itself adds no new text
            return []
        self._open.add(key)
        try:
            return self._values(node, where)
        finally:
            self._open.discard(key)

    def _values(self, node: ast.AST, where: Where) -> list[Found]:
        match node:
            case ast.Constant() | ast.JoinedStr() | ast.Call(func=ast.Name(id="N_")):
                return [(node, where)]
            case _ if isinstance(node, CONTAINERS):
                return [(node, where)]
            case ast.Name(id=name):
                return self.bound(name, node, where)
            case ast.Subscript(value=container):
                return self.elements(container, where)
            case ast.Call(func=ast.Attribute(value=mapping, attr="get"), args=[key, *default]):
                # A key given as its own fallback is shown as it is (a name the
                # catalogue does not have), not a message.
                fallback = [d for d in default if ast.dump(d) != ast.dump(key)]
                return self.elements(mapping, where) + self.all_values(fallback, where)
            case ast.Call(func=ast.Attribute(value=mapping, attr="items"), args=[]):
                out: list[Found] = []
                for value, at in self.values(mapping, where):
                    if isinstance(value, ast.Dict):
                        out.append((Items(value), at))
                    else:
                        self.fail(node, where, "cannot follow the items of")
                return out
            case ast.Call(func=ast.Name(id="next"), args=[iterable, *default]):
                return self.elements(iterable, where) + self.all_values(default, where)
            case ast.IfExp(body=body, orelse=orelse):
                return self.all_values([body, orelse], where)
        return self.fail(node, where, "cannot follow")

    def all_values(self, nodes: list[ast.expr], where: Where) -> list[Found]:
        return [found for node in nodes for found in self.values(node, where)]

    def elements(self, node: ast.AST, where: Where) -> list[Found]:
        """What iterating over `node`, or indexing it, gives."""
        out: list[Found] = []
        for value, at in self.values(node, where):
            if isinstance(value, ast.Tuple | ast.List | ast.Set):
                out += self.all_values(value.elts, at)
            elif isinstance(value, ast.Dict):
                out += self.all_values([v for v in value.values if v is not None], at)
            elif isinstance(value, ast.GeneratorExp | ast.ListComp | ast.SetComp):
                out += self.values(value.elt, Where(at.module, value))
            elif isinstance(value, Items):
                out.append((Pair(value.mapping), at))
            else:
                self.fail(value if isinstance(value, ast.AST) else node, at, "not a container")
        return out

    def unpack(self, found: list[Found], position: tuple[int, ...]) -> list[Found]:
        """The item at `position` of each of `found` (`a, (b, c) = ...`)."""
        for index in position:
            inner: list[Found] = []
            for value, at in found:
                if isinstance(value, ast.Tuple | ast.List) and index < len(value.elts):
                    inner += self.values(value.elts[index], at)
                elif isinstance(value, Pair) and index in (0, 1):
                    part = value.mapping.keys if index == 0 else value.mapping.values
                    inner += self.all_values([p for p in part if p is not None], at)
                else:
                    node = value if isinstance(value, ast.AST) else ast.Constant("?")
                    self.fail(node, at, f"cannot take item {index} of")
            found = inner
        return found

    def bound(self, name: str, node: ast.AST, where: Where) -> list[Found]:
        """The values `name` is bound to, in its scope or the scopes around it."""
        scope = where.scope
        while True:
            found = self.bindings(name, Where(where.module, scope))
            if found is not None:
                return found
            if isinstance(scope, ast.Module):
                return self.fail(node, where, "no binding for")
            scope = self.scope_of(where.module, scope)

    def bindings(self, name: str, where: Where) -> list[Found] | None:
        """What `name` is bound to in this scope alone; None if it is not bound here."""
        scope = where.scope
        out: list[Found] = []
        bound = False
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = scope.args
            for index, arg in enumerate([*arguments.posonlyargs, *arguments.args]):
                if arg.arg == name:
                    bound = True
                    out += self.callers(scope, name, index, where)
            if any(arg.arg == name for arg in arguments.kwonlyargs):
                bound = True
                out += self.callers(scope, name, None, where)
        if isinstance(scope, ast.Module):
            nodes: list[ast.AST] = list(scope.body)
        elif isinstance(scope, ast.Lambda):
            nodes = list(ast.walk(scope.body))
        else:
            nodes = [n for n in ast.walk(scope) if n is not scope]
            if isinstance(scope, ast.GeneratorExp | ast.ListComp | ast.SetComp | ast.DictComp):
                nodes = list(scope.generators)
        for node in nodes:
            match node:
                case ast.Assign(targets=targets, value=value):
                    for target in targets:
                        if (position := _position(target, name)) is not None:
                            bound = True
                            out += self.unpack(self.values(value, where), position)
                case ast.AnnAssign(target=target, value=value) if value is not None:
                    if (position := _position(target, name)) is not None:
                        bound = True
                        out += self.unpack(self.values(value, where), position)
                case ast.NamedExpr(target=ast.Name(id=target), value=value) if target == name:
                    bound = True
                    out += self.values(value, where)
                case (
                    ast.For(target=target, iter=iterable)
                    | ast.comprehension(target=target, iter=iterable)
                ):
                    if (position := _position(target, name)) is not None:
                        bound = True
                        out += self.unpack(self.elements(iterable, where), position)
                case ast.ImportFrom(module=module, names=names):
                    for alias in names:
                        if (alias.asname or alias.name) == name:
                            bound = True
                            if module not in self.modules:
                                self.fail(node, where, "imported from outside the package")
                                continue
                            tree = self.modules[module]
                            out += self.values(ast.Name(alias.name), Where(module, tree))
                case ast.FunctionDef(name=defined) | ast.ClassDef(name=defined) if defined == name:
                    bound = True
                    self.fail(node, where, "a def or class, not text")
        return out if bound else None

    def callers(self, function: ast.AST, name: str, index: int | None, where: Where) -> list[Found]:
        """What the callers in the same module pass to `function`'s parameter `name`."""
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            return self.fail(function, where, f"the parameter {name} of")
        out: list[Found] = []
        calls = 0
        for node in ast.walk(self.modules[where.module]):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != function.name:
                continue
            calls += 1
            at = Where(where.module, self.scope_of(where.module, node))
            if index is not None and index < len(node.args):
                out += self.values(node.args[index], at)
            out += self.all_values([k.value for k in node.keywords if k.arg == name], at)
        if not calls:
            self.fail(function, where, f"no caller in its module gives the parameter {name} of")
        return out


def _position(target: ast.AST, name: str) -> tuple[int, ...] | None:
    """Where `name` stands in an assignment's or loop's target: () for the
    target itself, (1,) for `a, name`, (0, 1) for `(a, name), b`."""
    if isinstance(target, ast.Name):
        return () if target.id == name else None
    if isinstance(target, ast.Tuple | ast.List):
        for index, item in enumerate(target.elts):
            inner = _position(item, name)
            if inner is not None:
                return (index, *inner)
    return None


def unmarked(modules: dict[str, ast.Module] | None = None) -> list[str]:
    """Every text that reaches `_()` or `ngettext()` by name without being
    written as N_("..."), and every such use the tracer cannot follow, each as
    "module:line: why: code"; [] when all is marked."""
    modules = package_modules() if modules is None else modules
    tracer = Tracer(modules)
    for module, tree in modules.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "stalkcard.i18n":
                for alias in node.names:
                    if alias.name in TRANSLATORS and alias.asname not in (None, alias.name):
                        where = Where(module, tree)
                        tracer.fail(node, where, "a translator under another name, not followed")
            if not (isinstance(node, ast.Name) and node.id in TRANSLATORS):
                continue
            if not isinstance(node.ctx, ast.Load):
                continue
            parent = tracer.parents[module][node]
            site = (module, tracer.function_of(module, node), ast.unparse(parent))
            if site in FOLLOWED_BY_HAND:
                continue
            where = Where(module, tracer.scope_of(module, node))
            if isinstance(parent, ast.Call) and parent.func is node:  # _(x), ngettext(a, b, n)
                messages = parent.args[: TRANSLATORS[node.id]]
                found = [
                    f
                    for m in messages
                    if not (isinstance(m, ast.Constant) and isinstance(m.value, str))
                    for f in tracer.values(m, where)
                ]
            elif (
                isinstance(parent, ast.Call)
                and isinstance(parent.func, ast.Name)
                and parent.func.id == "map"
                and parent.args[:1] == [node]
                and len(parent.args) == 2
            ):  # map(_, texts)
                found = tracer.elements(parent.args[1], where)
            else:
                tracer.fail(parent, where, f"{node.id} used in a way the scan does not follow")
                continue
            for value, at in found:
                if not (isinstance(value, ast.AST) and is_marked(value)):
                    shown = value if isinstance(value, ast.AST) else ast.Constant("?")
                    tracer.fail(
                        shown, at, f"reaches {node.id}() at {module}:{node.lineno} without N_()"
                    )
    return tracer.problems
