"""Logging a run by hand on the Log page after uploading the watch's file of it."""

from __future__ import annotations

from tests.importers.activity_files import START, gpx, track
from tests.web.conftest import Browser


def test_a_run_already_uploaded_takes_the_hand_log_and_says_so(runner_on_log: Browser) -> None:
    sam = runner_on_log
    uploaded = sam.upload(("morning.gpx", gpx(track(2_001))))  # about 6 km
    assert uploaded.status_code == 200 and "Imported 1" in uploaded.text
    saved = sam.post(
        "/log/run",
        {"date": START.date().isoformat(), "distance": "6", "time": "34:00", "rpe": "6"},
    )
    assert saved.headers["location"] == "/log?saved=run-added"
    page = sam.get(saved.headers["location"]).text
    assert "added to that recording instead of counting the run twice" in page
    assert page.count("<tr><td>") == 1  # one session in the log, not two


def test_a_genuine_second_run_is_logged_with_the_box_ticked(runner_on_log: Browser) -> None:
    sam = runner_on_log
    sam.upload(("morning.gpx", gpx(track(2_001))))
    form = {"date": START.date().isoformat(), "distance": "6", "time": "34:00"}
    page = sam.get("/log").text
    assert 'name="separate"' in page
    saved = sam.post("/log/run", form | {"separate": "yes"})
    assert saved.headers["location"] == "/log?saved=run"
    assert sam.get("/log").text.count("<tr><td>") == 2
