"""The card files the keeper's commands write (copy-card, new-card): a bundled
card to edit, or a blank one, each with the JSON Schema beside it, written all
or nothing. Reading and checking cards is stalkcard.card's; writing them for
the keeper is the command line's."""

from __future__ import annotations

from pathlib import Path

from stalkcard.i18n import _


def copy_card(folder: Path, force: bool = False, card: str | None = None) -> list[Path]:
    """Copy a bundled card (by default the tool's own), with its translation
    when it has one, into `folder` for editing."""
    from stalkcard.card.reading import DEFAULT_CARD, bundled_card_path
    from stalkcard.errors import OutputError
    from stalkcard.files import read_bytes

    card = card or DEFAULT_CARD
    files = [f"{card}.yaml"] + [
        name for name in (f"{card}.en.yaml",) if bundled_card_path(name).is_file()
    ]
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            _(
                "{folder} er en fil, ikke en mappe. Angiv en mappe til kortfilerne "
                "(en mappe, der ikke findes, oprettes)."
            ).format(folder=folder)
        )
    # Every target is checked before anything is written: nothing half-done.
    from stalkcard.card.schema import MODELINE, SCHEMA_FILE, schema_text

    # Each copy starts with the modeline that points VS Code's YAML extension
    # at the schema beside it (completion and checks while editing, offline).
    copies = [
        (folder / name, MODELINE.encode() + read_bytes(bundled_card_path(name))) for name in files
    ]
    copies.append((folder / SCHEMA_FILE, schema_text().encode()))
    _write_all(folder, copies, force)
    return [target for target, _data in copies if target.suffix == ".yaml"]


# The blank card `new-card` writes (stalkcard/card/new_card.yaml): Danish comments
# saying what to fill in, invented placeholders; it validates as written. It is
# kept beside the card model it follows, in the card package.
NEW_CARD_FILE = Path(__file__).resolve().parents[1] / "card" / "new_card.yaml"
NEW_CARD_NAME = "kort.yaml"


def new_card(folder: Path, force: bool = False) -> Path:
    """Write a blank, commented card (and the JSON Schema beside it) into `folder`."""
    from stalkcard.card.schema import MODELINE, SCHEMA_FILE, schema_text
    from stalkcard.errors import OutputError
    from stalkcard.files import read_bytes

    if folder.exists() and not folder.is_dir():
        raise OutputError(
            _(
                "{folder} er en fil, ikke en mappe. Angiv en mappe til kortfilerne "
                "(en mappe, der ikke findes, oprettes)."
            ).format(folder=folder)
        )
    blank = read_bytes(NEW_CARD_FILE)
    target = folder / NEW_CARD_NAME
    _write_all(
        folder,
        [(target, MODELINE.encode() + blank), (folder / SCHEMA_FILE, schema_text().encode())],
        force,
    )
    return target


def _write_all(folder: Path, copies: list[tuple[Path, bytes]], force: bool) -> None:
    """Write every file, or none: each target is checked before anything is
    written, and the new files are removed again if one write fails."""
    from stalkcard.errors import OutputError, os_reason
    from stalkcard.output import check_target, write_private

    for target, _data in copies:
        check_target(target, force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            _("Kan ikke oprette mappen {folder}: {reason}").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from None
    written: list[Path] = []
    try:
        for target, data in copies:
            existed = target.exists()
            path = write_private(target, data, force=force)
            if not existed:
                written.append(path)
    except BaseException:
        for path in written:  # a file that appeared in between: undo the new copies
            path.unlink(missing_ok=True)
        raise
