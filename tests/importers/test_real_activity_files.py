"""Optional tier: the real files in ../shared/fixtures/activities import with sane totals,
and FIT session totals equal what fitdecode reports. Skipped when the folder is absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from niggle.domain.activity import is_same_session
from niggle.importers.parsed import ParsedActivity
from niggle.importers.pipeline import parse_payload

FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "activities"
pytestmark = [
    pytest.mark.real_fixtures,
    pytest.mark.skipif(
        not FIXTURES.is_dir(), reason=f"real activity files not present at {FIXTURES}"
    ),
]


def _files(*patterns: str) -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    return sorted(p for pattern in patterns for p in FIXTURES.rglob(pattern))


def _parse(path: Path) -> list[ParsedActivity]:
    return parse_payload(path.read_bytes(), path.name)


@pytest.mark.parametrize("path", _files("*.gpx", "*.tcx"), ids=lambda p: p.name)
def test_xml_files_import_with_sensible_totals(path: Path) -> None:
    for parsed in _parse(path):
        a = parsed.activity
        assert a.start.tzinfo is not None and a.start.year >= 2000
        assert 0 < a.elapsed_s < 48 * 3600
        assert a.moving_s is not None and 0 < a.moving_s <= a.elapsed_s + 1
        assert a.distance_m is not None and a.distance_m > 100
        assert 0.3 < a.distance_m / a.moving_s < 20  # walking to fast cycling, m/s
        if a.avg_hr is not None:
            assert 40 < a.avg_hr < 220 and a.max_hr is not None and a.max_hr >= a.avg_hr
        assert len(parsed.streams) > 10


def test_one_ride_from_four_sources_is_one_session() -> None:
    names = [
        "ride_fr935_4801048867.fit",
        "garminconnect_4801048867.gpx",
        "strava_4801048867.gpx",
        "garminconnect_4801048867.tcx",
    ]
    found = [_parse(FIXTURES / name)[0].activity for name in names]
    fit = found[0]
    for other in found[1:]:
        assert is_same_session(fit, other), other.source
        assert other.sport == "ride"


def _fitdecode_sessions(path: Path) -> tuple[list[dict[str, Any]], int]:
    import fitdecode

    sessions: list[dict[str, Any]] = []
    records = 0
    try:
        with fitdecode.FitReader(str(path), error_handling=fitdecode.ErrorHandling.WARN) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "record":
                    records += 1
                elif frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
    except fitdecode.FitError:
        pass  # truncated files: keep what was read, as niggle does
    return sessions, records


def _seconds(value: Any) -> float:
    assert isinstance(value, dt.datetime)
    return value.timestamp()


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("path", _files("*.fit"), ids=lambda p: p.name)
def test_fit_session_totals_equal_fitdecode(path: Path) -> None:
    sessions, records = _fitdecode_sessions(path)
    found = _parse(path)
    kept = [s for s in sessions if s.get("sport") != "transition" and s.get("start_time")]
    if not kept:
        # No session (cut short): every sample fitdecode read is kept, in one activity.
        [parsed] = found
        assert len(parsed.streams) == records
        assert parsed.warnings
        return
    assert len(found) == len(kept)
    for parsed, session in zip(found, kept, strict=True):
        a = parsed.activity
        assert a.start.timestamp() == _seconds(session["start_time"])
        for ours, theirs in (
            (a.elapsed_s, "total_elapsed_time"),
            (a.distance_m, "total_distance"),
            (a.avg_hr, "avg_heart_rate"),
            (a.max_hr, "max_heart_rate"),
            (a.elevation_gain_m, "total_ascent"),
        ):
            if session.get(theirs) is not None:
                assert ours == pytest.approx(session[theirs]), theirs
        if session.get("total_timer_time") is not None:
            assert a.moving_s == pytest.approx(session["total_timer_time"])
