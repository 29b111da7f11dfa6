"""The upload form: kept originals come back in the export, and the progress script is
served locally and used without any inline script (the CSP forbids inline scripts)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile

import pytest

from niggle.web.security import CONTENT_SECURITY_POLICY
from tests.web.conftest import Browser
from tests.web.test_care_pages import gpx

DAY = dt.datetime(2026, 11, 27, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def sam(runner_on_log: Browser) -> Browser:
    return runner_on_log


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _export(browser: Browser) -> zipfile.ZipFile:
    response = browser.get("/settings/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_files_uploaded_on_the_page_come_back_identical_in_the_export(sam: Browser) -> None:
    run = gpx(DAY)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("activities/1.gpx", gpx(DAY - dt.timedelta(days=2)))
        archive.writestr("activities/2.gpx", gpx(DAY - dt.timedelta(days=4)))
    export_zip = buffer.getvalue()
    response = sam.upload(
        ("../Morning run.gpx", run),
        ("export_42.zip", export_zip),
        ("broken.fit", b"this is not a FIT file"),
    )
    assert "Imported 3 sessions" in response.text  # type: ignore[attr-defined]

    with _export(sam) as exported:
        manifest = json.loads(exported.read("originals.json"))["originals"]
        by_name = {entry["name"]: entry for entry in manifest}
        # The broken file imported nothing, so it was not kept.
        assert set(by_name) == {"Morning_run.gpx", "export_42.zip"}
        for name, sent in (("Morning_run.gpx", run), ("export_42.zip", export_zip)):
            entry = by_name[name]
            assert entry["sha256"] == _sha(sent)
            assert _sha(exported.read(entry["path"])) == _sha(sent)
        assert len(by_name["export_42.zip"]["activity_ids"]) == 2
        # The JSON documents are as before, beside the originals.
        assert json.loads(exported.read("activities.json"))["schema_version"] == 1
        assert "originals.json" in exported.read("README.txt").decode()


def test_uploading_the_same_file_twice_exports_it_once(sam: Browser) -> None:
    run = gpx(DAY)
    sam.upload(("run.gpx", run))
    again = sam.upload(("run-copy.gpx", run))
    assert "already in your log" in again.text  # type: ignore[attr-defined]
    with _export(sam) as exported:
        originals = [n for n in exported.namelist() if n.startswith("originals/")]
        assert len(originals) == 1 and originals[0].endswith("-run.gpx")


def test_a_bad_upload_still_explains_itself(sam: Browser) -> None:
    response = sam.upload(("notes.txt", b"just some words"))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "notes.txt" in response.text  # type: ignore[attr-defined]
    with _export(sam) as exported:
        assert "originals.json" not in exported.namelist()


def test_the_upload_page_uses_the_local_progress_script_and_no_inline_script(
    sam: Browser,
) -> None:
    page = sam.get("/log")
    html = page.text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts, "the Log page loads no script"
    for attributes, body in scripts:
        assert body.strip() == "", "inline script: the CSP would block it"
        assert re.search(r'src="/static/[^"]+\.js"', attributes), attributes
    assert ('src="/static/upload.js"', "") in [
        (re.search(r'src="[^"]+"', a).group(0), b.strip())  # type: ignore[union-attr]
        for a, b in scripts
    ]
    # Nor inline event handlers, which the CSP blocks too.
    assert not re.search(r"<[^>]+\son[a-z]+=", html)
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    # The form it enhances still posts the plain way, CSRF token and all.
    form = re.search(r'<form[^>]*action="/log/import"[^>]*>(.*?)</form>', html, re.DOTALL)
    assert form is not None
    assert 'method="post"' in form.group(0) and 'enctype="multipart/form-data"' in form.group(0)
    assert 'data-upload-progress="upload-progress"' in form.group(0)
    assert 'name="csrf_token"' in form.group(1)
    assert re.search(r'<div id="upload-progress"[^>]*\bhidden\b', form.group(1))
    assert "<progress" in form.group(1)


def test_the_progress_script_is_served_as_javascript(sam: Browser) -> None:
    response = sam.get("/static/upload.js")
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] in (
        "text/javascript",
        "application/javascript",
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    script = response.text
    # It posts the form's own fields (so the CSRF token goes too) and reports progress.
    assert "new FormData(form)" in script
    assert 'upload.addEventListener("progress"' in script
    assert "http://" not in script and "https://" not in script  # nothing from elsewhere
