"""Writing a file the user asked for: atomically, readable by its owner only,
and never over an existing file unless told to."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from stalkcard.errors import OutputError, os_reason
from stalkcard.i18n import _


def _exists(path: Path) -> OutputError:
    return OutputError(
        _(
            "Filen findes allerede: {path}. Vælg et andet navn, eller brug --force for at "
            "erstatte den."
        ).format(path=path)
    )


def write_private(path: Path, data: str | bytes, force: bool = False) -> Path:
    """Write `data` to `path` with mode 0600; all of it or nothing.

    Without `force`, an existing file is left alone and OutputError is raised.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(
            _("Der er en mappe med det navn: {path}. Vælg et filnavn.").format(path=path)
        )
    if path.exists() and not force:
        raise _exists(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(_("Mappen findes ikke: {folder}").format(folder=folder))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".stalkcard-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(
            _("Kan ikke skrive i mappen {folder}: {reason}").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from None
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
            try:
                os.link(tmp, path)  # fails if `path` exists: no window for a race
            except FileExistsError:
                raise _exists(path) from None
            except OSError:
                # Some file systems have no hard links; check, then move into place.
                if path.exists():
                    raise _exists(path) from None
                os.replace(tmp, path)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(
            _("Kan ikke skrive filen {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return path
