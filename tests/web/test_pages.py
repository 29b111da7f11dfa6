"""The pages a runner uses: onboarding, Today, Log, Insights, Settings, export and deletion."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.web.conftest import PASSWORD, Browser


@pytest.fixture
def sam(accounts_app: FastAPI) -> Browser:
    browser = Browser(accounts_app)
    browser.signup("sam")
    response = browser.onboard(
        "Sam", units="mi", race_time="22:30", race_date="2026-10-15", weekly="27", birth_year="1988"
    )
    assert response.headers["location"] == "/onboarding/plan"
    return browser


def test_onboarding_explains_what_is_wrong_and_keeps_what_was_typed(
    accounts_app: FastAPI,
) -> None:
    browser = Browser(accounts_app)
    browser.signup("sam")
    browser.get("/onboarding")
    response = browser.post(
        "/onboarding", {"name": "Sam", "units": "mi", "race": "5k", "race_time": "2:00"}
    )
    assert response.status_code == 422
    assert "world record" in response.text
    assert 'value="Sam"' in response.text
    future = browser.post("/onboarding", {"name": "Sam", "birth_year": "2020"})
    assert future.status_code == 422
    assert "aged 16 and over" in future.text


def test_onboarding_once_then_today(sam: Browser) -> None:
    assert sam.get("/onboarding").headers["location"] == "/today"
    page = sam.get("/today")
    assert page.status_code == 200
    assert "Hello Sam" in page.text
    assert "VDOT 43.4" in page.text
    assert "/mi" in page.text  # paces in the runner's units


def test_logging_a_run_with_pain_shows_on_today_and_log(sam: Browser) -> None:
    response = sam.post(
        "/log/run",
        {
            "date": "2026-11-26",
            "distance": "7",
            "time": "56:00",
            "kind": "tempo",
            "rpe": "7",
            "pain_region": "lower_back",
            "pain_nrs": "4",
            "pain_when": "during",
        },
    )
    assert response.headers["location"] == "/log?saved=run"
    log = sam.get("/log?saved=run").text
    assert "Run saved." in log
    assert "7 mi" in log and "56:00" in log
    today = sam.get("/today").text
    assert "lower back 4/10 during" in today
    assert "7 mi" in today


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"date": "2026-11-26", "distance": "7", "time": "5:00"}, "faster than any human"),
        ({"date": "2027-01-01", "distance": "7", "time": "56:00"}, "future"),
        ({"date": "2026-11-26", "distance": "seven", "time": "56:00"}, "distance"),
        ({"date": "2026-11-26", "distance": "7", "time": "56:00", "pain_nrs": "12"}, "0-10"),
        ({"date": "2026-11-26", "distance": "", "time": ""}, "Give the distance"),
    ],
)
def test_bad_runs_are_explained(sam: Browser, form: dict[str, str], message: str) -> None:
    sam.get("/log")
    response = sam.post("/log/run", form)
    assert response.status_code == 422
    assert message in response.text
    assert "Nothing logged" in response.text


def test_cross_training_and_a_pain_check_in(sam: Browser) -> None:
    sam.get("/log")
    assert (
        sam.post("/log/cross", {"date": "2026-11-27", "sport": "swim", "time": "40:00"}).status_code
        == 303
    )
    assert (
        sam.post(
            "/log/pain",
            {"date": "2026-11-28", "region": "lower_back", "nrs": "2", "when": "next_morning"},
        ).status_code
        == 303
    )
    log = sam.get("/log").text
    assert "40:00" in log
    assert "lower back 2/10 next morning" in log
    bad = sam.post(
        "/log/pain", {"date": "2026-11-28", "region": "elbow", "nrs": "2", "when": "after"}
    )
    assert bad.status_code == 422
    assert "Unknown body region" in bad.text


def test_insights_draw_svg_charts(sam: Browser) -> None:
    empty = sam.get("/insights").text
    assert "log a run to see your load" in empty
    assert "No runs yet in the last" in empty
    assert "Running distance per week" not in empty  # words, not a chart of empty bars
    for day in ("2026-11-20", "2026-11-24", "2026-11-26"):
        sam.post("/log/run", {"date": day, "distance": "5", "time": "42:00", "rpe": "5"})
    sam.post(
        "/log/pain", {"date": "2026-11-26", "region": "lower_back", "nrs": "3", "when": "after"}
    )
    page = sam.get("/insights").text
    assert page.count('<svg class="chart"') == 3
    assert "<title" in page and 'role="img"' in page
    assert "Running distance per week (mi)" in page


def test_settings_change_units_and_region(sam: Browser) -> None:
    sam.get("/settings")
    response = sam.post("/settings/profile", {"units": "km", "region": "ie"})
    assert response.headers["location"] == "/settings?saved=profile"
    page = sam.get("/settings?saved=profile").text
    assert "Profile saved." in page
    assert '<option value="ie" selected>' in page
    assert "/km" in sam.get("/today").text
    bad = sam.post("/settings/profile", {"region": "mars"})
    assert bad.status_code == 422
    assert "Unknown region" in bad.text


def test_changing_the_password(accounts_app: FastAPI, sam: Browser) -> None:
    sam.get("/settings")
    wrong = sam.post(
        "/settings/password",
        {
            "current": "nope nope nope",
            "new": "a new long password",
            "new_again": "a new long password",
        },
    )
    assert wrong.status_code == 401
    done = sam.post(
        "/settings/password",
        {"current": PASSWORD, "new": "a new long password", "new_again": "a new long password"},
    )
    assert done.headers["location"] == "/settings?saved=password"
    assert sam.get("/settings").status_code == 200  # this browser stays signed in
    assert Browser(accounts_app).login("sam", PASSWORD).status_code == 401
    assert Browser(accounts_app).login("sam", "a new long password").status_code == 303


def test_export_is_a_zip_of_json_with_everything(sam: Browser) -> None:
    sam.post(
        "/log/run",
        {"date": "2026-11-26", "distance": "7", "time": "56:00", "note": "tempo felt hard"},
    )
    response = sam.get("/settings/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert 'filename="niggle-export-sam-2026-11-28.zip"' in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {
        "README.txt",
        "account.json",
        "athlete.json",
        "activities.json",
        "sharing.json",
    } <= names
    documents = {n: json.loads(archive.read(n)) for n in names if n.endswith(".json")}
    assert all(d["schema_version"] == 1 for d in documents.values())
    assert documents["athlete.json"]["name"] == "Sam"
    assert documents["activities.json"]["activities"][0]["distance_m"] == pytest.approx(
        11265.4, abs=0.1
    )
    everything = b"".join(archive.read(n) for n in names)
    assert b"argon2" not in everything and b"token_hash" not in everything


def test_deleting_the_account_needs_the_password_then_removes_everything(
    accounts_app: FastAPI, sam: Browser
) -> None:
    sam.post("/log/run", {"date": "2026-11-26", "distance": "7", "time": "56:00"})
    sam.get("/settings/delete")
    kept = sam.post("/settings/delete", {"confirm": "wrong password"})
    assert kept.status_code == 422
    assert "nothing was deleted" in kept.text
    gone = sam.post("/settings/delete", {"confirm": PASSWORD})
    assert gone.status_code == 200
    assert "Your account is deleted" in gone.text
    with accounts_app.state.niggle.db.engine.connect() as conn:
        for table in (
            "users",
            "athletes",
            "activities",
            "web_sessions",
            "api_tokens",
            "athlete_owners",
        ):
            assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0, table
    assert sam.get("/today").headers["location"].startswith("/login")


def test_local_deletion_asks_for_the_word_delete(local_app: FastAPI) -> None:
    browser = Browser(local_app)
    browser.follow("/")
    browser.onboard("Sam")
    browser.get("/settings/delete")
    assert browser.post("/settings/delete", {"confirm": "delete"}).status_code == 422
    assert browser.post("/settings/delete", {"confirm": "DELETE"}).status_code == 200
    assert browser.follow("/").url.path == "/onboarding"  # a fresh, empty local account


def test_a_name_already_used_on_the_server_is_refused_kindly(
    accounts_app: FastAPI, sam: Browser
) -> None:
    other = Browser(accounts_app)
    other.signup("another")
    response = other.onboard("sam")
    assert response.status_code == 409
    assert "add an initial" in response.text


def test_coach_pages_show_what_exists(accounts_app: FastAPI, sam: Browser) -> None:
    sam.post(
        "/log/run",
        {
            "date": "2026-11-26",
            "distance": "7",
            "time": "56:00",
            "pain_region": "lower_back",
            "pain_nrs": "5",
        },
    )
    sam.get("/settings")
    code = sam.post("/settings/invites").text.split('class="code">')[1].split("<")[0]
    coach = Browser(accounts_app)
    coach.signup("carla", role="coach")
    coach.get("/coach")
    bad = coach.post("/coach/invites", {"code": "nonsense"})
    assert bad.status_code == 422
    assert coach.post("/coach/invites", {"code": code}).headers["location"] == "/coach?joined=1"
    dashboard = coach.get("/coach?joined=1").text
    assert "Invite accepted" in dashboard
    assert "lower back 5/10 during" in dashboard
    assert "7 mi in 1 run" in dashboard
