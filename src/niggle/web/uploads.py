"""Uploaded files: saved to a private temporary folder under safe names, then imported.

The importer reads paths, so uploads are spooled to disk first (Starlette already spools
anything over 1 MB). Names are reduced to a plain file name, so an upload called
``../../etc/passwd`` lands inside the folder as ``passwd``; the folder is removed afterwards
whatever happens. The labels the importer reports are made relative to that folder, so no
server path reaches the page.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile

from niggle.domain.errors import InvalidInput
from niggle.services.imports import ImportReport, import_document, import_paths

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_FILES = 1000


def safe_name(filename: str | None, index: int) -> str:
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).lstrip(".")[:120]
    return f"{index:04d}-{cleaned or 'upload'}"


def import_uploads(
    db: Any, athlete_id: int, files: Sequence[UploadFile], today: Any
) -> tuple[ImportReport, dict[str, Any]]:
    """Import the uploaded files; the report and its JSON document, with upload names."""
    uploads = [f for f in files if f.filename]
    if not uploads:
        raise InvalidInput("Choose one or more files to upload: FIT, GPX, TCX, or a zip export.")
    if len(uploads) > MAX_FILES:
        raise InvalidInput(f"Upload at most {MAX_FILES} files at once, or zip them into one.")
    folder = Path(tempfile.mkdtemp(prefix="niggle-upload-"))
    try:
        paths = []
        names: dict[str, str] = {}
        for index, upload in enumerate(uploads):
            target = folder / safe_name(upload.filename, index)
            with target.open("wb") as out:
                shutil.copyfileobj(upload.file, out, length=1024 * 1024)
            paths.append(target)
            # A kept original goes under the name the runner's file had, not the spool name.
            names[str(target)] = upload.filename or target.name
        report = import_paths(db, athlete_id, paths, today, original_names=names)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    document = import_document(report)
    prefix = str(folder) + "/"
    for failure in document["failed"]:
        failure["path"] = _shown(failure["path"], prefix)
    return report, document


def _shown(label: str, prefix: str) -> str:
    label = label.replace(prefix, "")
    return re.sub(r"^\d{4}-", "", label)
