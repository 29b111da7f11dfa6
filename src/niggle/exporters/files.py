"""Writing export files so a reader never sees half of one: temp file, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from niggle.domain.errors import InvalidInput


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise InvalidInput(
            f"The folder {folder} does not exist. Create it first (mkdir -p {folder}) or "
            "choose another place."
        )
    if not folder.is_dir():
        raise InvalidInput(f"{folder} is a file, not a folder; choose a folder to write into.")


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    check_folder(path.parent)
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name such as {path / 'plan.ics'}.")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InvalidInput(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path
