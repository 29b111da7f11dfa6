"""The Log page's upload in a real browser: progress while it uploads, then the summary; and
the same form with JavaScript off, posting the plain way."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from tests.browser.conftest import PHONE, Server
from tests.browser.steps import Story
from tests.web.test_care_pages import gpx

# Recent, so the session shows in the Log page's last four weeks.
START = dt.datetime.combine(dt.date.today() - dt.timedelta(days=2), dt.time(7), dt.UTC)
# Every text the status line shows, recorded as it changes (the page keeps the same window
# when upload.js swaps in the server's answer, so the record survives).
RECORD_STATUS = """() => {
  window.seenStatus = [];
  const status = document.querySelector('[data-upload-status]');
  new MutationObserver(() => window.seenStatus.push(status.textContent))
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""


def _onboard(story: Story, page: Any) -> None:
    story.goto("/")
    page.fill("#name", "Sam")
    page.check("input[name=units][value=km]")
    page.select_option("#race", "5k")
    page.fill("#race_time", "22:30")
    story.submit("Save and continue")
    story.goto("/log")


def _file(name: str, data: bytes) -> dict[str, Any]:
    return {"name": name, "mimeType": "application/octet-stream", "buffer": data}


def test_an_upload_shows_progress_then_the_summary(phone: Any, screenshots: Path) -> None:
    story = Story(phone, screenshots / "upload-progress")
    page = phone
    _onboard(story, page)
    assert page.locator("#upload-progress").is_hidden()
    run = gpx(START, points=20_000)  # about 2 MB, so the upload takes more than one step
    page.set_input_files("#files", [_file("long run.gpx", run)])
    page.evaluate(RECORD_STATUS)
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_text("Imported 1 session").wait_for()
    # The script posted the form and showed the answer in place: no navigation happened.
    assert page.url.endswith("/log")
    seen: list[str] = page.evaluate("window.seenStatus")
    assert any(text.startswith("Uploading: ") and "%" in text for text in seen), seen
    assert any("Importing your sessions" in text for text in seen), seen
    story.snap("after-upload")  # the log table, now with a session in it, fits a phone

    # The page it swapped in is enhanced too: a second upload goes the same way.
    page.set_input_files("#files", [_file("copy.gpx", run)])
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_text("1 already in your log").wait_for()
    assert page.url.endswith("/log")

    # A file that is not an activity is named, with the reason, as without the script.
    page.set_input_files("#files", [_file("notes.txt", b"just words")])
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_text("These could not be read").wait_for()
    assert "notes.txt" in story.main_text()

    exported = page.context.request.get("/settings/export")
    assert exported.ok
    with zipfile.ZipFile(io.BytesIO(exported.body())) as archive:
        [entry] = json.loads(archive.read("originals.json"))["originals"]
        assert entry["name"] == "long_run.gpx"
        kept = archive.read(entry["path"])
        assert hashlib.sha256(kept).hexdigest() == hashlib.sha256(run).hexdigest()


def test_without_javascript_the_form_posts_as_before(chromium: Any, server: Server) -> None:
    context = chromium.new_context(viewport=PHONE, base_url=server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        story = Story(page, Path(server.log).parent / "shots")
        _onboard(story, page)
        assert page.locator("#upload-progress").is_hidden()
        page.set_input_files("#files", [_file("run.gpx", gpx(START))])
        story.submit("Upload and import")
        assert page.url.endswith("/log/import")
        assert "Imported 1 session" in story.main_text()
    finally:
        context.close()
