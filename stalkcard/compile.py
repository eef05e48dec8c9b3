"""Write the compiled twins of the bundled cards: `python -m stalkcard.compile`.

Run it after editing content/actioncard*.yaml. A twin that is not rewritten is
never used (its hash no longer matches the YAML), and a test fails until it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from stalkcard.card import compile_twin, twin_path
from stalkcard.errors import StalkcardError


def main(folder: Path | None = None) -> int:
    folder = folder or Path(__file__).resolve().parent.parent / "content"
    for card_file in sorted(folder.glob("actioncard*.yaml")):
        try:
            data = compile_twin(card_file)
        except StalkcardError as exc:
            print(exc.message, file=sys.stderr)
            return 2
        twin_path(card_file).write_bytes(data)
        print(twin_path(card_file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
