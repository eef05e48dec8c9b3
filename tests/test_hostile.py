"""Hostile input: no card or answers file, however broken, crashes the tool."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import card_phones, normalise, run_stalkcard, stalkcard_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stalkcard.card.reading import Card, bundled_card_path, card_from_bytes, card_from_text
from stalkcard.card.validation import validate_data
from stalkcard.cli.app import app
from stalkcard.engine.plan import compile_plan
from stalkcard.errors import CardError

CARD_TEXT = bundled_card_path().read_text(encoding="utf-8")
CARD_DATA = yaml.safe_load(CARD_TEXT)
PHONES = card_phones()  # the card's own numbers, whatever they are
HOSTILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def loads_or_refuses(load: Callable[[], Card]) -> None:
    """The only outcomes allowed: a card, or the tool's own CardError."""
    try:
        assert isinstance(load(), Card)
    except CardError as exc:
        assert exc.message.strip()


# Property-based -------------------------------------------------------------------------


@HOSTILE
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(raw: bytes) -> None:
    loads_or_refuses(lambda: card_from_bytes(raw, "kort.yaml"))


@HOSTILE
@given(st.text(alphabet=st.sampled_from(list("{}[]:,-&*!|>'\"#%@` \n\tabcyesno0123æø\u202e")),
               max_size=400))  # fmt: skip
def test_yaml_punctuation_soup(text: str) -> None:
    loads_or_refuses(lambda: card_from_text(text, "kort.yaml"))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*path, index))
    return out


ALL_PATHS = [p for p in _paths(CARD_DATA) if p]
WEIRD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.text(
        alphabet=st.sampled_from(["\x00", "\x1b", "\u202e", "\u2066", "\ufeff", "a", " "]),
        max_size=10,
    ),
    st.just("x" * 200_000),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.dates(),
)


@st.composite
def mutated_cards(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(CARD_DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            key = path[-1]
            action = draw(st.sampled_from(["delete", "replace", "duplicate", "unknown_key"]))
            if action == "delete":
                del parent[key]
            elif action == "replace":
                parent[key] = draw(WEIRD_VALUES)
            elif action == "duplicate" and isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(WEIRD_VALUES)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation removed this path
    return data


@pytest.mark.slow
@HOSTILE
@given(mutated_cards())
def test_mutated_card_data(data: Any) -> None:
    loads_or_refuses(lambda: validate_data(data, None, "kort.yaml"))


@pytest.mark.slow
@HOSTILE
@given(mutated_cards())
def test_mutated_card_through_yaml(data: Any) -> None:
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    loads_or_refuses(lambda: card_from_text(text, "kort.yaml"))


@pytest.mark.slow
@HOSTILE
@given(st.data())
def test_duplicated_and_removed_lines(data: st.DataObject) -> None:
    lines = CARD_TEXT.splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    if data.draw(st.booleans()):
        lines.insert(index, lines[index])
    else:
        del lines[index]
    loads_or_refuses(lambda: card_from_text("".join(lines), "kort.yaml"))


# Hostile files through the commands ---------------------------------------------------------


def _alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def _write(path: Path, kind: str) -> Path:
    target = path / f"{kind}.yaml"
    contents: dict[str, bytes] = {
        "empty": b"",
        "scalar": b"42\n",
        "list": b"- meta\n- stalking\n",
        "syntax": b"meta:\n  title: 'unclosed\n  version: [1, 2\n",
        "tabs": b"meta:\n\ttitle: x\n",
        "python_tag": b"meta: !!python/object/apply:os.system ['echo ran > /tmp/ran']\n",
        "python_name": b"meta: !!python/name:os.system\n",
        "alias_bomb": _alias_bomb(),
        "nesting": b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "nesting_blocks": b"".join(b"  " * i + b"k:\n" for i in range(5000)),
        "latin1": "meta:\n  title: Hærværk\n".encode("latin-1"),
        "utf16": "meta: x\n".encode("utf-16"),
        "bom_only": b"\xef\xbb\xbf",
        "bom_garbage": b"\xef\xbb\xbf: : :\n",
        "nul": b"meta:\x00\n",
    }
    if kind == "huge":
        with target.open("wb") as handle:
            chunk = b"# " + b"x" * 1022 + b"\n"
            for _ in range(50 * 1024):  # 50 MiB
                handle.write(chunk)
        return target
    if kind == "folder":
        target.mkdir()
        return target
    if kind == "missing":
        return target
    target.write_bytes(contents[kind])
    return target


KINDS = [
    "empty", "scalar", "list", "syntax", "tabs", "python_tag", "python_name", "alias_bomb",
    "nesting", "nesting_blocks", "latin1", "utf16", "bom_only", "bom_garbage", "nul", "huge",
    "folder", "missing",
]  # fmt: skip
DANISH = re.compile(r"(findes ikke|mappe|for stor|UTF-8|er tom|ikke gyldig YAML|aliaser|"
                    r"YAML-mærker|for dybt|skal være|kan ikke bruges|ikke tilladt)")  # fmt: skip


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "command",
    [["validate", "{}"], ["--card", "{}", "show"], ["--card", "{}", "contacts"]],
    ids=["validate", "show", "contacts"],
)
def test_hostile_card_files(hostile_dir: Path, kind: str, command: list[str]) -> None:
    folder = hostile_dir / kind
    if not folder.exists():
        folder.mkdir()
        _write(folder, kind)
    target = folder / f"{kind}.yaml"
    args = [a.replace("{}", str(target)) for a in command]
    started = time.perf_counter()
    result = CliRunner().invoke(app, args)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2, (kind, result.output)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert DANISH.search(normalise(result.output)), result.output
    assert "Traceback" not in result.output
    assert elapsed < 1.0, f"{kind}: {elapsed:.2f} s"
    assert not Path("/tmp/ran").exists()


@pytest.mark.parametrize("kind", ["alias_bomb", "nesting", "python_tag", "huge"])
def test_hostile_card_in_a_real_process(hostile_dir: Path, kind: str) -> None:
    folder = hostile_dir / f"proc-{kind}"
    folder.mkdir(exist_ok=True)
    target = _write(folder, kind)
    result = run_stalkcard(["--card", str(target), "show"], {"COLUMNS": "100"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert DANISH.search(result.stderr), result.stderr
    assert result.stdout == ""


def test_alias_bomb_memory_stays_small() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(CardError, match="aliaser"):
            card_from_bytes(_alias_bomb(), "bombe.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "huge"])
def test_hostile_answers_files(hostile_dir: Path, kind: str) -> None:
    folder = hostile_dir / f"answers-{kind}"
    folder.mkdir(exist_ok=True)
    target = _write(folder, kind)
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["check", "--answers", str(target)])
    assert time.perf_counter() - started < 1.0
    assert result.exit_code == 2, (kind, result.output)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Resultat" not in result.output


def test_huge_answers_file(hostile_dir: Path) -> None:
    folder = hostile_dir / "answers-huge"
    folder.mkdir(exist_ok=True)
    target = _write(folder, "huge")
    result = CliRunner().invoke(app, ["check", "--answers", str(target)])
    assert result.exit_code == 2
    assert "Svarfilen er for stor" in result.output


@HOSTILE
@given(st.dictionaries(
    st.sampled_from(["role", "danger", "forms", "unwanted", "one_sided", "repeated", "children",
                     "x"]),
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
              st.lists(st.text(max_size=8), max_size=3)),
))  # fmt: skip
def test_arbitrary_answers(raw: dict[str, Any]) -> None:
    from stalkcard.card.reading import load_card
    from stalkcard.engine.answers import normalise_answers
    from stalkcard.engine.evaluate import evaluate
    from stalkcard.errors import AnswerError

    card = load_card()
    try:
        answers = normalise_answers(raw, compile_plan(card))
    except AnswerError as exc:
        assert exc.message
        return
    assert [s.id for s in evaluate(compile_plan(card), answers).steps][:2] == [
        "sparring",
        "handling",
    ]


# Terminal conditions ---------------------------------------------------------------------

CHECK = ["check", "--answer", "role=unknown", "--answer", "danger=yes", "--answer", "unwanted=yes",
         "--answer", "one_sided=no", "--answer", "repeated=unknown"]  # fmt: skip


@pytest.mark.parametrize("width", [20, 24, 30, 40, 50, 60, 69, 70, 80, 100, 120, 160, 200])
@pytest.mark.parametrize("command", [["show", "--supplements"], ["contacts"], CHECK],
                         ids=["show", "contacts", "check"])  # fmt: skip
def test_every_width_keeps_phone_numbers_whole(
    monkeypatch: pytest.MonkeyPatch, width: int, command: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    out = result.output
    assert max(len(line) for line in out.splitlines()) <= width
    flat = normalise(out)
    for phone in PHONES:
        assert phone in flat, (width, phone)
        # Every occurrence of the number stands whole on one line.
        assert out.count(phone) == flat.count(phone), (width, phone)


def test_term_dumb_and_no_color() -> None:
    for env in ({"TERM": "dumb"}, {"NO_COLOR": "1"}):
        result = run_stalkcard(["show", "--supplements"], {**env, "COLUMNS": "80"})
        assert result.returncode == 0, result.stderr
        assert "\x1b[" not in result.stdout
        assert "Vibeke Sønderskov Kristensen" in result.stdout


@pytest.mark.parametrize("command", [["show", "--supplements"], ["contacts"], CHECK, ["log"]],
                         ids=["show", "contacts", "check", "log"])  # fmt: skip
def test_windows_code_page_output(command: list[str]) -> None:
    """Output redirected on a Danish Windows PC is encoded in cp1252: nothing the tool
    prints may be outside it (no ✓, no emoji), and Rich falls back to ASCII boxes."""
    env = {"PYTHONIOENCODING": "cp1252", "COLUMNS": "80"}
    result = run_stalkcard(command, env, encoding="cp1252")
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    assert "Sønderskov" in result.stdout or "OVERVÅGNING" in result.stdout


def test_lang_c_keeps_danish_letters() -> None:
    result = run_stalkcard(
        ["contacts", "soenderskov"], {"LANG": "C", "LC_ALL": "C", "COLUMNS": "80"}
    )
    assert result.returncode == 0, result.stderr
    assert "Vibeke Sønderskov Kristensen" in result.stdout


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX shell")
@pytest.mark.parametrize("args", [["show"], ["contacts"], ["log"], ["show", "-f", "json"], CHECK])
def test_closed_pipe_is_quiet(tmp_path: Path, args: list[str]) -> None:
    command = " ".join([*map(_quote, stalkcard_command()), *args])
    result = subprocess.run(
        ["sh", "-c", f"{command} 2>{tmp_path / 'err'} | head -1"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.stdout.strip()
    err = (tmp_path / "err").read_text(encoding="utf-8")
    assert "Traceback" not in err
    assert "BrokenPipe" not in err
    assert "Exception ignored" not in err


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
