"""The real wheel: built, installed in a fresh venv, run from another folder.

An editable install hides a missing content/ file; this test does not.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from helpers import TESTS

ROOT = TESTS.resolve().parent


def _run(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "STALKCARD_CARD")}
    env.update(COLUMNS="100", NO_COLOR="1", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs the source tree")
    out = tmp_path_factory.mktemp("wheel")
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        cwd=out,
    )
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("stalkcard-*.whl")
    return path


def test_wheel_carries_the_card(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "stalkcard/content/actioncard.yaml" in names
    assert "stalkcard/content/actioncard.en.yaml" in names
    assert "stalkcard/content/actioncard.compiled.json" in names
    assert "stalkcard/content/actioncard.en.compiled.json" in names
    assert "stalkcard/content/vejle.yaml" in names  # the second card (issue 15)
    assert "stalkcard/content/vejle.compiled.json" in names
    assert "stalkcard/cli/app.py" in names
    # The offline page's assets, read with importlib.resources (views/page.py).
    for asset in ("engine.js", "result.js", "page.js", "page.css", "page.html.j2"):
        assert f"stalkcard/views/web/{asset}" in names


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=tmp_path,
        ).stdout.strip()
    )
    installed = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        cwd=tmp_path,
    )
    if installed.returncode != 0 and "no such option: --python" in installed.stderr:
        pytest.skip("pip is too old for --python")
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from this environment's site-packages, added at the
    # end of the new venv's path (after the install, so pip cannot mistake this
    # environment's stalkcard for the wheel's); stalkcard itself only from the wheel.
    deps = [sysconfig.get_paths()["purelib"], *site.getsitepackages()]
    (purelib / "deps.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([str(python), "-c", "import stalkcard; print(stalkcard.__file__)"], cwd=elsewhere)
    assert str(venv) in where.stdout, where.stdout + where.stderr

    script = bin_dir / ("stalkcard.exe" if os.name == "nt" else "stalkcard")
    shown = _run([str(script), "show"], cwd=elsewhere)
    assert shown.returncode == 0, shown.stderr
    assert "Vibeke Sønderskov Kristensen" in shown.stdout
    assert "Anvis altid til både Dansk Stalking Center" in shown.stdout
    checked = _run([str(script), "validate"], cwd=elsewhere)
    assert checked.returncode == 0, checked.stderr
    assert "stalkcard/content/actioncard.yaml" in checked.stdout.replace("\\", "/")
    # Installed, compile works on the installed cards and says so (it found none, exit 0).
    compiled = _run([str(python), "-m", "stalkcard.card.compile"], cwd=elsewhere)
    assert compiled.returncode == 0, compiled.stderr
    written = compiled.stdout.replace("\\", "/")
    assert written.count("Skrevet: ") == 3, written  # Skanderborg in two languages, Vejle
    assert f"{purelib.as_posix()}/stalkcard/content/actioncard.compiled.json" in written
    # The coordinator's copy comes from the installed card, both languages, and
    # validates beside its English twin without a warning.
    copied = _run([str(script), "copy-card", "kort"], cwd=elsewhere)
    assert copied.returncode == 0, copied.stderr
    mine = elsewhere / "kort" / "actioncard.yaml"
    assert (elsewhere / "kort" / "actioncard.en.yaml").is_file()
    again = _run([str(script), "validate", str(mine)], cwd=elsewhere)
    assert again.returncode == 0, again.stderr
    assert "passer ikke længere" not in again.stderr  # the twins match
    # The blank card is read from the installed card package (stalkcard/card/new_card.yaml)
    # by the command line's writer (stalkcard.cli.keeper_files), and it validates as written.
    blank = _run([str(script), "new-card", "nyt"], cwd=elsewhere)
    assert blank.returncode == 0, blank.stderr
    fresh = _run([str(script), "validate", str(elsewhere / "nyt" / "kort.yaml")], cwd=elsewhere)
    assert fresh.returncode == 0, fresh.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "stalkcard", "--version"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stalkcard ")
