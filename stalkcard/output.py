"""Writing a file the user asked for: atomically, readable by its owner only,
and never over an existing file unless told to."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from stalkcard.errors import OutputError


def write_private(path: Path, data: str | bytes, force: bool = False) -> Path:
    """Write `data` to `path` with mode 0600; all of it or nothing.

    Without `force`, an existing file is left alone and OutputError is raised.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"Der er en mappe med det navn: {path}. Vælg et filnavn.")
    if path.exists() and not force:
        raise OutputError(
            f"Filen findes allerede: {path}. Vælg et andet navn, eller brug --force for at "
            "erstatte den."
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Mappen findes ikke: {folder}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".stalkcard-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"Kan ikke skrive i mappen {folder}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        if force:
            os.replace(tmp, path)
        else:
            _link_without_overwrite(tmp, path)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"Kan ikke skrive filen {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return path


def _link_without_overwrite(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)  # fails if `path` exists: no window for a race
    except FileExistsError:
        raise OutputError(
            f"Filen findes allerede: {path}. Vælg et andet navn, eller brug --force for at "
            "erstatte den."
        ) from None
    except OSError:
        # Some file systems have no hard links; check, then move into place.
        if path.exists():
            raise OutputError(f"Filen findes allerede: {path}.") from None
        os.replace(tmp, path)
