"""Write the compiled twins of the bundled cards: `python -m stalkcard.card.compile`.

Run it after editing a card in content/ (*.yaml). A twin that is not rewritten is
never used (its hash no longer matches the YAML), and a test fails until it is.

It works on the cards the tool itself reads (stalkcard.card.reading.bundled_card_path:
content/ in a checkout, inside the package when installed), says each file it
wrote, and otherwise fails with a Danish message and exit code 2: no card found,
a card that does not validate, a twin that is read-only, a link, a FIFO or
anything but a regular file (stalkcard.output refuses those), or a folder it
cannot write in. Every twin is compiled before any is written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from stalkcard.card.reading import bundled_card_path, compile_twin, twin_path
from stalkcard.errors import ExitCode, OutputError, StalkcardError
from stalkcard.i18n import _


def _write(target: Path, data: bytes) -> None:
    from stalkcard.output import PUBLIC, write_private

    if os.path.isfile(target) and not os.path.islink(target) and not os.access(target, os.W_OK):
        raise OutputError(
            _(
                "{path} er skrivebeskyttet og erstattes ikke. Gør den skrivbar, og prøv igen."
            ).format(path=target)
        )
    # Installed for every user of the machine: readable by all, as the umask says.
    write_private(target, data, force=True, mode=PUBLIC)


def main(folder: Path | None = None) -> int:
    from stalkcard.safe import terminal_safe

    folder = folder or bundled_card_path().parent
    cards = sorted(folder.glob("*.yaml"))
    try:
        if not cards:
            raise OutputError(
                _("Der er ingen kortfiler (*.yaml) i {folder}. Intet er skrevet.").format(
                    folder=folder
                )
            )
        twins = [(twin_path(card_file), compile_twin(card_file)) for card_file in cards]
        for target, data in twins:
            _write(target, data)
            print(_("Skrevet: {path}").format(path=terminal_safe(target)))
    except StalkcardError as exc:
        print("\n".join(terminal_safe(line) for line in exc.message.split("\n")), file=sys.stderr)
        return int(ExitCode.INVALID)
    return 0


if __name__ == "__main__":
    from stalkcard.i18n import requested_language, set_language

    set_language(requested_language(sys.argv))
    sys.exit(main())
