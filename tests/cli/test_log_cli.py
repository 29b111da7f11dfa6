"""``niggle log run``/``log cross`` and ``niggle activities`` as a runner types them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.cli.conftest import Runner


@pytest.fixture
def sam(niggle: Runner) -> Runner:
    assert niggle("athlete", "create", "--name", "Sam", "--units", "mi").exit_code == 0
    return niggle


def _yesterday() -> str:
    return (dt.date.today() - dt.timedelta(days=1)).isoformat()


def test_log_run_json_carries_the_activity_id(sam: Runner) -> None:
    done = sam(
        "log", "run", "--date", _yesterday(), "--distance", "7mi", "--time", "56:00",
        "--kind", "tempo", "--rpe", "7", "--pain", "lower_back=4@during", "--note", "tight",
        "--json",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    document = done.json()
    assert document["schema_version"] == 1
    assert isinstance(document["activity_id"], int)
    assert document["activity"]["distance_m"] == pytest.approx(11265.4, abs=0.1)
    assert document["activity"]["duration_s"] == 3360
    [pain] = document["pain_reports"]
    assert (pain["region"], pain["nrs"], pain["when"]) == ("lower_back", 4, "during")
    assert pain["activity_id"] == document["activity_id"]


def test_log_cross_counts_as_a_session(sam: Runner) -> None:
    done = sam("log", "cross", "--sport", "bike", "--date", _yesterday(), "--time", "45:00",
               "--rpe", "5", "--json")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.json()["activity"]["sport"] == "ride"
    listed = sam("activities", "--json").json()
    assert [a["sport"] for a in listed["activities"]] == ["ride"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--date", "2999-01-01"], "future"),
        (["--date", "2026-02-30"], "not a real date"),
        (["--date", "yesterday"], "not a real date"),
        (["--rpe", "11"], "RPE"),
        (["--rpe", "-1"], "RPE"),
        (["--pain", "lower_back=11@during"], "outside 0-10"),
        (["--pain", "elbow=3@during"], "Unknown body region"),
        (["--pain", "lower_back=3@sometimes"], "Unknown pain timing"),
        (["--kind", "jog"], "Unknown run kind"),
    ],
)
def test_log_run_refuses_impossible_values(sam: Runner, args: list[str], fragment: str) -> None:
    base = ["log", "run", "--distance", "5k", "--time", "25:00"]
    if "--date" not in args:
        base += ["--date", _yesterday()]
    done = sam(*base, *args, "--json")
    assert done.exit_code == 1
    assert fragment in done.json()["error"]["message"]
    assert fragment in done.stderr
    assert "Traceback" not in done.stderr
    assert sam("activities", "--json").json()["activities"] == []


def test_missing_distance_or_time_says_how_to_fix_it(sam: Runner) -> None:
    no_distance = sam("log", "run", "--time", "25:00")
    assert no_distance.exit_code == 1 and "--distance" in no_distance.stderr
    no_time = sam("log", "cross", "--sport", "swim")
    assert no_time.exit_code == 1 and "--time" in no_time.stderr
    bad_sport = sam("log", "cross", "--sport", "darts", "--time", "20:00")
    assert bad_sport.exit_code == 1 and "bike, swim" in bad_sport.stderr


def test_activities_lists_in_order_with_pain(sam: Runner) -> None:
    today = dt.date.today()
    for back, distance in ((3, "5mi"), (1, "7mi")):
        day = (today - dt.timedelta(days=back)).isoformat()
        sam("log", "run", "--date", day, "--distance", distance, "--time", "50:00",
            "--pain", "lower_back=5@after")  # fmt: skip
    document = sam("activities", "--json").json()
    assert [a["date"] for a in document["activities"]] == sorted(
        a["date"] for a in document["activities"]
    )
    assert len(document["pain_reports"]) == 2
    since = (today - dt.timedelta(days=2)).isoformat()
    recent = sam("activities", "--since", since, "--json").json()
    assert len(recent["activities"]) == 1
    text = sam("activities")
    assert text.exit_code == 0 and "lower back 5/10 after" in text.stdout.replace("\n", " ")


def test_a_run_the_watch_already_recorded_is_not_counted_twice(sam: Runner, tmp_path: Path) -> None:
    from tests.importers.activity_files import START, gpx, track

    day = START.date().isoformat()
    (tmp_path / "run.gpx").write_bytes(gpx(track(2_001)))  # about 6 km
    assert sam("import", str(tmp_path / "run.gpx"), "--json").exit_code == 0
    done = sam(
        "log", "run", "--date", day, "--distance", "6km", "--time", "34:00", "--rpe", "6",
        "--json",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.json()["added_to_recording"] is True
    told = sam("log", "run", "--date", day, "--distance", "6km", "--time", "34:00")
    assert "added to it instead of counting the session twice" in told.stdout
    assert "--separate" in told.stdout
    second = sam(
        "log", "run", "--date", day, "--distance", "6km", "--time", "34:00", "--separate",
        "--json",
    )  # fmt: skip
    assert second.json()["added_to_recording"] is False
    listed = sam("activities", "--json").json()
    assert len(listed["activities"]) == 2
