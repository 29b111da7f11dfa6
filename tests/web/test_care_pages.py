"""Uploads, the rehab programme, the forecast, and the founding-story demo in the browser."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi import FastAPI

from niggle.services.database import open_database
from niggle.services.demo import seed_demo
from niggle.web.clock import Clock
from niggle.web.uploads import safe_name
from tests.web.conftest import AppFactory, Browser, bearer

DEMO_DAY = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def gpx(start: dt.datetime, points: int = 400) -> bytes:
    """A small GPX run: one fix every 3 s, about 3.3 m apart (a gentle 4 m/s)."""
    fixes = "".join(
        f'<trkpt lat="{51.5 + i * 0.00003:.6f}" lon="-0.1"><time>'
        f"{(start + dt.timedelta(seconds=3 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f"{fixes}</trkseg></trk></gpx>"
    ).encode()


@pytest.fixture
def sam(runner_on_log: Browser) -> Browser:
    return runner_on_log


def test_uploading_files_imports_what_it_can_and_names_the_rest(sam: Browser) -> None:
    response = sam.upload(
        ("morning.gpx", gpx(dt.datetime(2026, 11, 27, 7, 0, tzinfo=dt.UTC))),
        ("../../etc/broken.fit", b"this is not a FIT file"),
    )
    text = response.text  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Imported 1 session" in text
    assert "<strong>broken.fit</strong>" in text
    assert "niggle-upload" not in text and "/tmp" not in text
    again = sam.upload(("again.gpx", gpx(dt.datetime(2026, 11, 27, 7, 0, tzinfo=dt.UTC))))
    assert "1 already in your log" in again.text  # type: ignore[attr-defined]


def test_an_upload_with_no_file_is_explained(sam: Browser) -> None:
    response = sam.client.post(
        "/log/import",
        data={"csrf_token": sam.csrf},
        files=[("files", ("", b"", "application/octet-stream"))],
    )
    assert response.status_code == 422
    assert "Choose one or more files to upload" in response.text
    missing = sam.client.post("/log/import", data={"csrf_token": sam.csrf})
    assert missing.status_code == 422
    assert "Choose one or more files to upload" in missing.text


def test_upload_names_cannot_escape_the_upload_folder() -> None:
    assert safe_name("../../etc/passwd", 3) == "0003-passwd"
    assert safe_name("C:\\Users\\me\\run.fit", 0) == "0000-run.fit"
    assert safe_name("..", 1) == "0001-upload"
    assert safe_name("a b;rm -rf.gpx", 2) == "0002-a_b_rm_-rf.gpx"


def test_uploads_get_the_upload_cap_and_forms_the_small_one(make_app: AppFactory) -> None:
    app = make_app(mode="local", max_body_bytes=8 * 1024, max_upload_bytes=512 * 1024)
    browser = Browser(app)
    browser.follow("/")
    browser.onboard("Sam")
    browser.get("/log")
    big_gpx = gpx(dt.datetime(2026, 11, 26, 7, 0, tzinfo=dt.UTC), points=600)
    assert 8 * 1024 < len(big_gpx) < 512 * 1024
    assert "Imported 1 session" in browser.upload(("big.gpx", big_gpx)).text  # type: ignore[attr-defined]
    refused = browser.post("/log/run", {"note": "x" * 10_000, "distance": "5", "time": "30:00"})
    assert refused.status_code == 413


def test_the_api_imports_uploads_too(local_app: FastAPI) -> None:
    browser = Browser(local_app)
    browser.follow("/")
    browser.onboard("Sam")
    token = browser.make_token()
    athlete_id = browser.client.get("/api/v1/me", headers=bearer(token)).json()["athlete_id"]
    response = browser.client.post(
        f"/api/v1/athletes/{athlete_id}/imports",
        headers=bearer(token),
        files=[("files", ("run.gpx", gpx(dt.datetime(2026, 11, 25, 7, 0, tzinfo=dt.UTC)), "x"))],
    )
    assert response.status_code == 200, response.text
    document = response.json()
    assert document["imported"] == 1
    assert document["activities"][0]["sport"] == "run"


def test_the_programme_waits_for_a_check_in(sam: Browser) -> None:
    page = sam.get("/programme").text
    assert "built from a pain check-in" in page
    assert 'href="/triage"' in page


def test_forecast_needs_a_race(sam: Browser) -> None:
    assert "Make a plan for a goal race to see a forecast" in sam.get("/insights").text


# The founding story -------------------------------------------------------------------------


@pytest.fixture
def demo(web_db_url: str, make_app: AppFactory, clock: Clock) -> Browser:
    db = open_database(web_db_url)
    seed_demo(db, DEMO_DAY.date())
    db.dispose()
    clock.fixed_now = DEMO_DAY
    browser = Browser(make_app(mode="local"))
    browser.follow("/")
    return browser


def test_the_demo_shows_every_page(demo: Browser) -> None:
    today = demo.get("/today").text
    assert "Hello Sam" in today
    assert "Your last check-in" in today
    assert "session-card" in today
    plan = demo.get("/plan").text
    assert "Spring Marathon" in plan and "this week" in plan
    programme = demo.get("/programme").text
    assert "sessions a week" in programme and "Mark session done" in programme
    insights = demo.get("/insights").text
    assert "Race forecast" in insights and "Continue, modified" in insights
    assert insights.count('<svg class="chart"') == 3
    log = demo.get("/log").text
    assert "lower back" in log


def test_marking_a_rehab_session_done(demo: Browser) -> None:
    page = demo.get("/programme").text
    exercise = re.search(r'name="exercises" value="([a-z_]+)"', page).group(1)  # type: ignore[union-attr]
    done = demo.post(
        "/programme/sessions",
        {
            "date": DEMO_DAY.date().isoformat(),
            "pain_during": "2",
            "target_reached": "yes",
            "exercises": exercise,
        },
    )
    assert done.headers["location"] == "/programme?saved=1"
    after = demo.get("/programme?saved=1").text
    assert "Session saved." in after and "Sessions done" in after
    bad = demo.post("/programme/sessions", {"pain_during": "14"})
    assert bad.status_code == 422


def test_a_coach_sees_the_demo_runners_check_in_first(demo: Browser, make_app: AppFactory) -> None:
    demo.get("/settings")
    code = demo.post("/settings/invites").text.split('class="code">')[1].split("<")[0]
    app = demo.client.app
    # The same database served with accounts, as a club would run it.
    club = make_app(db_url=str(app.state.niggle.settings.db_url), mode="accounts")  # type: ignore[attr-defined]
    coach = Browser(club)
    coach.signup("coach.kim", role="coach")
    coach.get("/coach")
    coach.post("/coach/invites", {"code": code})
    dashboard = coach.get("/coach").text
    assert "Latest check-in" in dashboard
    assert "running: modify" in dashboard
    athlete_id = re.search(r'href="/coach/athletes/(\d+)"', dashboard).group(1)  # type: ignore[union-attr]
    detail = coach.get(f"/coach/athletes/{athlete_id}").text
    assert "Spring Marathon" in detail or "FIRST marathon" in detail
    token = coach.make_token()
    for path in ("triage", "programme", "forecast", "plan"):
        response = coach.client.get(f"/api/v1/athletes/{athlete_id}/{path}", headers=bearer(token))
        assert response.status_code == 200, (path, response.text)


def test_the_export_holds_the_plan_and_the_check_ins(demo: Browser) -> None:
    import io
    import json
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(demo.get("/settings/export").content))
    plan = json.loads(archive.read("plan.json"))
    assert plan["race"]["name"] == "Spring Marathon"
    checkins = json.loads(archive.read("checkins.json"))["checkins"]
    assert checkins[0]["result"]["care_level"] == "self_care"
