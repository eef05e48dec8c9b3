"""vCard contacts (the numbers as dialled) and the documentation log."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import vobject
from typer.testing import CliRunner

from stalkcard.cli.app import app
from stalkcard.views.export import dial_number

# vCard ---------------------------------------------------------------------------


def _cards(path: Path) -> list[vobject.base.Component]:
    return list(vobject.readComponents(path.read_text(encoding="utf-8")))


def test_vcard_all_contacts(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "kontakter.vcf"
    result = runner.invoke(app, ["contacts", "--vcard", str(path)])
    assert result.exit_code == 0, result.output
    assert "7 kontakter" in result.output
    cards = _cards(path)
    assert len(cards) == 7
    by_name = {c.fn.value: c for c in cards}
    vibeke = by_name["Vibeke Sønderskov Kristensen"]
    assert vibeke.version.value == "3.0"
    assert vibeke.tel.value == "+4587947983"
    assert vibeke.n.value.given == "Vibeke"
    assert vibeke.n.value.family == "Sønderskov Kristensen"
    assert vibeke.org.value == ["Skanderborg Kommune", "Ungeenheden"]
    assert "afdække" in vibeke.note.value
    marlene = by_name["Marlene Skousbøll Bendix"]
    assert marlene.tel.value == "+4520315268"
    police = by_name["Sydøstjyllands Politi"]
    assert police.tel.value == "+4576281448"
    assert police.org.value == ["Sydøstjyllands Politi"]
    assert "politistation" in police.note.value
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_vcard_query_and_no_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "politi.vcf"
    result = runner.invoke(app, ["contacts", "politi", "--vcard", str(path)])
    assert result.exit_code == 0, result.output
    assert [c.fn.value for c in _cards(path)] == ["Sydøstjyllands Politi"]
    again = runner.invoke(app, ["contacts", "--vcard", str(path)])
    assert again.exit_code == 2
    assert len(_cards(path)) == 1
    forced = runner.invoke(app, ["contacts", "--vcard", str(path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(_cards(path)) == 7


def test_vcard_no_match_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "x.vcf"
    result = runner.invoke(app, ["contacts", "zebra", "--vcard", str(path)])
    assert result.exit_code == 1
    assert not path.exists()


@pytest.mark.parametrize(
    ("phone", "dial"),
    [("8794 7626", "+4587947626"), ("+46 8 123 456", "+468123456"), ("112", "112")],
)
def test_dial_number(phone: str, dial: str) -> None:
    assert dial_number(phone) == dial


# The documentation log -----------------------------------------------------------------


def test_log_markdown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("# Log over kontaktforsøg")
    header = next(line for line in out.splitlines() if line.startswith("| Dato"))
    for column in ("Dato", "Klokkeslæt", "Kontaktform", "Hvad skete der?", "Vidner", "Bilag nr."):
        assert column in header
    guide = out[: out.index(header)]
    assert "nyeste hændelse øverst" in guide
    assert "i går" in guide
    assert "bilag" in guide.lower()
    assert "politiet" in guide
    assert "Vejled den udsatte i at dokumentere alle kontaktforsøgene." in guide
    assert "OVERVÅGNING" in guide


def test_log_advice_is_the_card_files_sourced_supplement(
    runner: CliRunner, make_card: Callable[..., Path]
) -> None:
    """Issue 23, point 4: how to keep a log is Dansk Stalking Center's advice, not
    the card's: it stands under the supplement mark with its source, before the
    form, and a card that lists no log supplements gets none of it from code."""
    out = runner.invoke(app, ["log"]).output
    marked = out.index("## Tillæg – ikke en del af handlekortet")
    before, after = out[:marked], out[marked : out.index("| Dato")]
    assert "nyeste hændelse øverst" not in before.lower()
    assert "Skriv den nyeste hændelse øverst." in after
    assert "fx 26.11.2026 kl. 14:05" in after  # a Danish date, not 2026-11-26
    assert "2026-11-26" not in out
    assert "Kilde: Dansk Stalking Center, danskstalkingcenter.dk: Dokumentation og" in after
    path = make_card("supplements: [log_how, log_warning, log_tools]", "supplements: []")
    bare = runner.invoke(app, ["--card", str(path), "log"])
    assert bare.exit_code == 0, bare.output
    for advice in ("øverst", "i går", "Bilag 1", "fakta", "politi", "Tillæg"):
        assert advice not in bare.output, advice
    assert "Handlekortet siger:" in bare.output


def test_log_csv_opens_in_danish_excel(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    result = runner.invoke(app, ["log", "--format", "csv", "-o", str(path)])
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    # Row 1 is the header, so Excel's filter and sort find it; nothing but it.
    assert rows == [
        [
            "Dato (DD.MM.ÅÅÅÅ)",
            "Klokkeslæt (TT:MM)",
            "Kontaktform",
            "Hvad skete der?",
            "Vidner",
            "Bilag nr.",
        ]
    ]
    assert b"\r\n" in raw
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    again = runner.invoke(app, ["log", "--format", "csv", "-o", str(path)])
    assert again.exit_code == 2


def test_log_stdout_csv_has_no_bom(runner: CliRunner) -> None:
    result = runner.invoke(app, ["log", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert not result.output.startswith("\ufeff")
    assert "Dato (DD.MM.ÅÅÅÅ);Klokkeslæt (TT:MM)" in result.output
