"""Finding and loading the action card: the bundled card or a file the user names.

A card file is the municipality's to edit, so every problem with it becomes a
`CardError` whose Danish message names the file, the line, the field and what
is wrong (stalkcard.card.validation). Nothing here prints or exits.

The bundled card has a compiled twin beside it (`actioncard.compiled.json`,
written by `python -m stalkcard.card.compile`), and a municipality's own card may
have one too, written when its keeper asks (`stalkcard validate --compile
KORT.yaml`): the validated card as JSON, with the
SHA-256 of the YAML file's bytes, the SHA-256 of the card's own JSON bytes as
written, and the tool's version. The twin is read like any file the user names
(a small regular file, stalkcard.files) and used only when all three still
match, so an edited card is always read and validated from its YAML, and a
hand-edited twin is never believed; a missing, stale, edited or broken twin
just means the YAML is read. The one check that depends on the day it runs
(the check date against the clock) is run only for `validate` (load_card's
`today`), on the twin's card too, so both paths agree. Reading the twin spares
the start-up the import of PyYAML and the validation (bench/startup.py).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import msgspec

from stalkcard import __version__
from stalkcard.card.model import *  # noqa: F403 - the model is part of this module's interface
from stalkcard.card.model import Card
from stalkcard.errors import CardError
from stalkcard.files import decode_text, read_bytes
from stalkcard.i18n import _

CARD_ENV = "STALKCARD_CARD"
TWIN_SUFFIX = ".compiled.json"


class Twin(msgspec.Struct, forbid_unknown_fields=True):
    """The compiled twin of a bundled card file; `card` is kept as its bytes
    (msgspec.Raw) until card_sha256 shows they are the ones compile wrote."""

    source_sha256: str
    tool_version: str
    card_sha256: str
    card: msgspec.Raw


FUTURE_LIMIT = 366  # days: validate refuses a check date further ahead of the clock than this


def days_ahead(card: Card, today: date) -> int:
    """How many days the card's check date lies after `today` (0 or less: not ahead)."""
    return (card.meta.contacts_verified - today).days


def bundled_card_path(name: str = "actioncard.yaml") -> Path:
    """The card shipped with the tool: inside the wheel, or content/ in a checkout."""
    here = Path(__file__).resolve().parents[1]  # the package: content/ is beside card/
    for candidate in (here / "content" / name, here.parent / "content" / name):
        if candidate.is_file():
            return candidate
    return here / "content" / name


DEFAULT_CARD = "actioncard"


def _bundled_name(language: str, name: str = DEFAULT_CARD) -> str:
    """A bundled card's file in `language`: its own file for Danish, else its
    translation (`NAME.en.yaml`) when there is one."""
    translated = f"{name}.{language}.yaml"
    if language != "da" and bundled_card_path(translated).is_file():
        return translated
    return f"{name}.yaml"


def bundled_cards() -> list[str]:
    """The names of the cards shipped with the tool (`--card NAME` uses one)."""
    folder = bundled_card_path().parent
    return sorted(
        p.name.removesuffix(".yaml")
        for p in folder.glob("*.yaml")
        if p.name.count(".") == 1 and p.is_file()
    )


def bundled_name(chosen: str | os.PathLike[str]) -> str | None:
    """`chosen` as the name of a bundled card ("vejle"), when it is one and no
    file of that name is at hand; else None (it is a path)."""
    raw = os.fspath(chosen)
    if os.sep in raw or "/" in raw or "." in raw or os.path.exists(raw):
        return None
    return raw if raw in bundled_cards() else None


def _chosen(explicit: str | os.PathLike[str] | None) -> str | os.PathLike[str] | None:
    """--card as typed, else $STALKCARD_CARD (an empty variable counts as unset).

    An empty --card is an error, not the bundled card: a script with an unset
    variable must not pass on the wrong card. A trailing slash names a folder.
    """
    if explicit is None:
        return os.environ.get(CARD_ENV) or None
    raw = os.fspath(explicit)
    if not raw.strip():
        raise CardError(_("Kortfilen: der er ikke angivet noget filnavn."))
    if raw.endswith(("/", os.sep)):
        raise CardError(_("Kortfilen er en mappe, ikke en fil: {path}").format(path=raw))
    return raw


def card_path(explicit: str | os.PathLike[str] | None = None, language: str = "da") -> Path:
    """The card to use: --card, else $STALKCARD_CARD, else the bundled one in `language`.

    A card file chosen by the user is used as it is, whatever the language; the
    name of a bundled card ("vejle") is that card, in `language` when it has a
    translation.
    """
    chosen = _chosen(explicit)
    if chosen is not None:
        name = bundled_name(chosen)
        if name is not None:
            return bundled_card_path(_bundled_name(language, name))
        return Path(chosen)
    return bundled_card_path(_bundled_name(language))


def twin_path(card_file: Path) -> Path:
    return card_file.with_name(card_file.stem + TWIN_SUFFIX)


def source_hash(raw: bytes) -> str:
    """SHA-256 of the bytes. CPython's built-in SHA-256 when it has one: the
    same digest as hashlib's, without hashlib's OpenSSL start (3 ms a start)."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12+
        except ImportError:
            from hashlib import sha256
    return str(sha256(raw).hexdigest())


def _from_twin(card_file: Path, raw: bytes, today: date | None = None) -> Card | None:
    """The compiled twin's card, if it is a small regular file that matches these
    bytes, this tool and its own card hash; with `today`, also a check date that
    day accepts (validation's check, so both paths agree)."""
    from stalkcard.errors import StalkcardError
    from stalkcard.files import MAX_BYTES

    try:
        data = read_bytes(twin_path(card_file))
    except StalkcardError:  # missing, a FIFO, a device, a folder: read the YAML
        return None
    if len(data) > MAX_BYTES:
        return None
    try:
        twin = msgspec.json.decode(data, type=Twin)
        if (
            twin.source_sha256 != source_hash(raw)
            or twin.tool_version != __version__
            or twin.card_sha256 != source_hash(bytes(twin.card))
        ):
            return None
        card = msgspec.json.decode(twin.card, type=Card)
    except msgspec.DecodeError:  # broken (or not a twin): read the YAML
        return None
    if today is not None and days_ahead(card, today) > FUTURE_LIMIT:
        return None  # the YAML's validation says what is wrong
    return card


def load_card(
    path: str | os.PathLike[str] | None = None,
    language: str = "da",
    compiled: bool = True,
    today: date | None = None,
) -> Card:
    """Load and validate a card (see load_one); a language copy (`X.en.yaml`
    beside `X.yaml`) is refused when its structure no longer matches the
    card it translates: a number changed in one copy is never published from
    the other (stalkcard.card.drift.twin_drift)."""
    card = load_one(path, language, compiled, today)
    resolved = card_path(path, language)
    original = language_original(resolved)
    if original is not None:
        chosen = _chosen(path)
        bundled = chosen is None or bundled_name(chosen) is not None
        danish = load_one(original, "da", compiled and bundled, None, bundled)
        _refuse_drift(danish, card, original, resolved)
    return card


def language_original(card_file: Path) -> Path | None:
    """`X.yaml` beside a language copy `X.LL.yaml`, when it exists; else None."""
    parts = card_file.name.split(".")
    if len(parts) != 3 or parts[2] not in ("yaml", "yml") or len(parts[1]) != 2:
        return None
    original = card_file.with_name(f"{parts[0]}.{parts[2]}")
    return original if original.is_file() else None


DRIFT_SHOWN = 20


def _refuse_drift(original: Card, copy: Card, original_file: Path, copy_file: Path) -> None:
    from stalkcard.card.drift import twin_drift

    drift = twin_drift(original, copy)
    if not drift:
        return
    lines = [
        _(
            "Sprogudgaven {copy} passer ikke længere til kortet {original}, og bruges ikke: "
            "id'er, telefonnumre og regler skal være de samme i begge filer. Ret den:"
        ).format(copy=copy_file, original=original_file)
    ]
    lines += ["  " + line for line in drift[:DRIFT_SHOWN]]
    if len(drift) > DRIFT_SHOWN:
        lines.append(
            "  " + _("... og {count} forskelle mere.").format(count=len(drift) - DRIFT_SHOWN)
        )
    raise CardError("\n".join(lines))


def load_one(
    path: str | os.PathLike[str] | None = None,
    language: str = "da",
    compiled: bool = True,
    today: date | None = None,
    bundled_path: bool = False,
) -> Card:
    """Load and validate a card: the given path, $STALKCARD_CARD or the bundled card.

    With `compiled` (the default) the bundled card may come from its compiled
    twin when that matches the YAML's bytes; `validate` passes False.

    The card's check date is held against the clock only when `today` is given
    (`validate`, the keeper's command): a caseworker's PC whose clock is far off
    gets a warning (stalkcard.cli.app), never a card refused.
    """
    resolved = card_path(path, language)
    chosen = _chosen(path)
    try:
        raw = read_bytes(resolved)
    except CardError as exc:
        named = chosen is not None and not any(sep in os.fspath(chosen) for sep in "/\\.")
        if named and not os.path.exists(chosen or ""):  # a bundled card's name, mistyped?
            hint = _("Indbyggede kort: {names}.").format(names=", ".join(bundled_cards()))
            message = exc.message if exc.message.endswith(".") else exc.message + "."
            raise CardError(f"{message} {hint}") from None
        raise
    if compiled:  # the bundled card's twin, or one the keeper wrote (validate --compile)
        card = _from_twin(resolved, raw, today)
        if card is not None:
            return card
    return card_from_bytes(raw, str(resolved), today)


def card_from_bytes(raw: bytes, source: str, today: date | None = None) -> Card:
    """A card from a file's bytes, or CardError: what load_card does after reading."""
    return card_from_text(decode_text(raw, source), source, today)


def card_from_text(text: str, source: str, today: date | None = None) -> Card:
    from stalkcard.card.validation import validate_data
    from stalkcard.card.yamlsafe import parse_yaml_collecting

    data, node, problems = parse_yaml_collecting(text, source)
    return validate_data(data, node, source, today, problems)


def compile_twin(card_file: Path) -> bytes:
    """The compiled twin of a card file, validated in full from its YAML."""
    from stalkcard import clock

    raw = read_bytes(card_file)
    card = card_from_bytes(raw, str(card_file), clock.today())
    card_bytes = msgspec.json.format(msgspec.json.encode(card), indent=1)
    twin = Twin(
        source_sha256=source_hash(raw),
        tool_version=__version__,
        card_sha256=source_hash(card_bytes),
        card=msgspec.Raw(card_bytes),
    )
    return msgspec.json.encode(twin) + b"\n"


def stale_since(card: Card, today: date) -> bool:
    """True when the contact list was last verified more than 12 months before
    today. Never raises: a date validation let through (year 9999) is not stale."""
    verified = card.meta.contacts_verified
    if verified.year >= date.max.year:
        return False
    try:
        year_later = verified.replace(year=verified.year + 1)
    except ValueError:  # 29 February
        year_later = verified.replace(year=verified.year + 1, day=28)
    return today > year_later
