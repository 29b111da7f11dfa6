"""TCX activities: lap totals, trackpoints, several activities, courses, broken input."""

from __future__ import annotations

import pytest

from niggle.importers.errors import CorruptFile, UnsupportedFile
from niggle.importers.tcx import parse_tcx
from tests.importers.activity_files import START, tcx, track


def test_laps_give_the_totals_and_trackpoints_the_streams() -> None:
    points = track(600)
    [parsed] = parse_tcx(tcx(points, laps=3), "run.tcx")
    run = parsed.activity
    assert run.sport == "run" and run.source == "tcx" and run.start == START
    assert len(run.laps) == 3
    # Each generated lap also counts the 3 m step to the next lap's first point, so the
    # laps add up to 3 m more than the last trackpoint: the device's lap totals win.
    assert points[-1].distance_m == 1797
    assert run.distance_m == pytest.approx(1800, abs=0.5)
    assert run.moving_s == sum(lap.elapsed_s for lap in run.laps) == 600
    assert run.max_hr == 159
    assert run.title == "Tempo" and run.device == "Forerunner 935"
    assert len(parsed.streams) == 600
    assert parsed.streams.distance_m[-1] == pytest.approx(points[-1].distance_m, abs=0.1)
    assert parsed.streams.cadence_spm[0] == 170


def test_run_cadence_extension_is_read_and_doubled() -> None:
    [parsed] = parse_tcx(tcx(track(30), run_cadence_extension=True), "ext.tcx")
    assert parsed.activity.avg_cadence == 170


def test_bike_cadence_is_not_doubled() -> None:
    [parsed] = parse_tcx(tcx(track(30), sport="Biking"), "ride.tcx")
    assert parsed.activity.sport == "ride" and parsed.activity.avg_cadence == 85


def test_several_activities_in_one_file() -> None:
    one = tcx(track(20))
    text = one.decode()
    body = text[text.index("<Activity ") : text.index("</Activities>")]
    doubled = text.replace("</Activities>", body + "</Activities>").encode()
    found = parse_tcx(doubled, "two.tcx")
    assert len(found) == 2


def test_a_course_is_not_an_activity() -> None:
    course = (
        b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        b"<Courses><Course><Name>Loop</Name></Course></Courses></TrainingCenterDatabase>"
    )
    with pytest.raises(UnsupportedFile, match="course"):
        parse_tcx(course, "course.tcx")


def test_broken_tcx_names_the_file() -> None:
    data = tcx(track(50))
    with pytest.raises(CorruptFile, match=r"cut\.tcx"):
        parse_tcx(data[:-200], "cut.tcx")
    with pytest.raises(CorruptFile, match="no activity"):
        parse_tcx(b"<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>", "e.tcx")
