"""``niggle load`` and ``niggle report`` as a user runs them."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from niggle.domain.pain import parse_pain
from niggle.services import activities as log
from niggle.services.database import open_database
from tests.cli.conftest import Runner

AS_OF = dt.date(2026, 4, 26)  # a Sunday


@pytest.fixture
def history(niggle: Runner, cli_db: str) -> None:
    """Sam: six weeks of 8/8/12 km, then a 16 km long run on AS_OF (a spike), and some pain."""
    made = niggle("athlete", "create", "--name", "Sam", "--from", "5k=22:30", "--units", "mi")
    assert made.exit_code == 0, made.stderr
    db = open_database(cli_db)
    try:
        day = AS_OF - dt.timedelta(days=41)
        while day <= AS_OF:
            if day.weekday() in (1, 3, 6):
                metres = 16_000 if day == AS_OF else (12_000 if day.weekday() == 6 else 8_000)
                pain = [] if day < AS_OF - dt.timedelta(days=10) else [
                    parse_pain("lower_back=3@during", day)
                ]  # fmt: skip
                log.log_run(
                    db, 1, on=day, distance_m=metres, time_s=metres * 0.33, today=AS_OF, rpe=5,
                    pain=pain,
                )  # fmt: skip
            if day.weekday() == 4:
                log.log_cross(db, 1, sport="ride", on=day, time_s=3600, today=AS_OF)
            day += dt.timedelta(days=1)
    finally:
        db.dispose()


def test_load_json_follows_the_contract(niggle: Runner, history: None) -> None:
    done = niggle("load", "--as-of", AS_OF.isoformat(), "--json")
    assert done.exit_code == 0, done.stderr
    document = done.json()
    assert document["schema_version"] == 1
    assert document["as_of"] == "2026-04-26"
    for key in ("acute_7d", "chronic_28d", "acwr", "ctl", "atl", "tsb", "monotony", "strain"):
        assert isinstance(document[key], float), key
    assert document["acwr"] == pytest.approx(
        document["acute_7d"] / document["chronic_28d"], abs=0.01
    )
    weeks = document["weekly"]
    assert [w["week_start"] for w in weeks][-1] == "2026-04-20"
    assert all(dt.date.fromisoformat(w["week_start"]).weekday() == 0 for w in weeks)
    assert set(weeks[-1]) >= {"week_start", "distance_m", "duration_s", "load"}
    assert weeks[-1]["distance_m"] == 8000 + 8000 + 16_000  # the ride adds no distance
    assert weeks[-1]["duration_s"] == pytest.approx(32_000 * 0.33 + 3600)
    flags = document["flags"]
    assert {"kind", "date", "detail"} <= set(flags[0])
    assert ("long_run_spike", "2026-04-26") in [(f["kind"], f["date"]) for f in flags]
    assert "mi" in flags[0]["detail"]  # Sam thinks in miles
    assert "Impellizzeri" in document["acwr_note"]


def test_load_for_people_explains_the_numbers(niggle: Runner, history: None) -> None:
    done = niggle("load", "--as-of", AS_OF.isoformat())
    assert done.exit_code == 0, done.stderr
    for text in ("Fitness (CTL)", "Form (TSB)", "Monotony", "long_run_spike", "Impellizzeri"):
        assert text in done.stdout
    assert "Last 8 weeks" in done.stdout
    assert "mi" in done.stdout


def test_load_with_no_training_says_what_to_do(niggle: Runner) -> None:
    niggle("athlete", "create", "--name", "New")
    done = niggle("load")
    assert done.exit_code == 0, done.stderr
    assert "niggle log run" in done.stdout
    document = niggle("load", "--json").json()
    assert (document["ctl"], document["acwr"], document["weekly"]) == (0.0, None, [])


def test_load_without_an_athlete_is_refused_cleanly(niggle: Runner) -> None:
    done = niggle("load", "--json")
    assert done.exit_code == 1
    assert done.json()["error"]["code"] == "not_found"
    assert "athlete create" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_impossible_as_of_date_is_refused(niggle: Runner, history: None) -> None:
    done = niggle("load", "--as-of", "2026-02-30")
    assert done.exit_code == 1
    assert "not a real date" in done.stderr


def test_report_png(niggle: Runner, history: None, tmp_path: Path) -> None:
    out = tmp_path / "load.png"
    done = niggle("report", "--out", str(out), "--weeks", "6", "--as-of", "2026-04-26", "--json")
    assert done.exit_code == 0, done.stderr
    document = done.json()
    assert document["format"] == "png"
    assert document["pain_reports"] > 0
    with Image.open(out) as image:
        image.load()
        assert image.size == (1000, 750)


def test_report_html_embeds_the_chart(niggle: Runner, history: None, tmp_path: Path) -> None:
    out = tmp_path / "load.html"
    done = niggle("report", "--out", str(out), "--as-of", "2026-04-26")
    assert done.exit_code == 0, done.stderr
    assert str(out) in done.stdout
    found = re.search(r'src="data:image/png;base64,([^"]+)"', out.read_text())
    assert found is not None
    with Image.open(io.BytesIO(base64.b64decode(found.group(1)))) as image:
        image.load()


@pytest.mark.parametrize("name", ["load.pdf", "load", "load.jpeg"])
def test_report_refuses_other_file_types(niggle: Runner, tmp_path: Path, name: str) -> None:
    done = niggle("report", "--out", str(tmp_path / name), "--json")
    assert done.exit_code == 1
    assert done.json()["error"]["code"] == "invalid_input"
    assert ".html or .png" in done.stderr
    assert not (tmp_path / name).exists()


def test_report_refuses_a_silly_number_of_weeks(
    niggle: Runner, history: None, tmp_path: Path
) -> None:
    done = niggle("report", "--out", str(tmp_path / "r.png"), "--weeks", "0")
    assert done.exit_code == 1
    assert "--weeks" in done.stderr


def test_report_needs_out(niggle: Runner) -> None:
    assert niggle("report").exit_code == 2


def test_an_as_of_years_ahead_is_refused(niggle: Runner, history: None) -> None:
    done = niggle("load", "--as-of", "9999-12-31", "--json")
    assert done.exit_code == 1
    assert "more than a year after today" in done.json()["error"]["message"]
