"""Any bytes given to the GPX/TCX readers end in an activity or a clean refusal, quickly."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niggle.domain.errors import InvalidInput
from niggle.importers.gpx import parse_gpx
from niggle.importers.pipeline import parse_payload
from niggle.importers.tcx import parse_tcx
from tests.importers.activity_files import gpx, tcx, track

GPX = gpx(track(40))
TCX = tcx(track(40))


def _outcome(data: bytes) -> None:
    try:
        found = parse_payload(data, "fuzz")
    except InvalidInput as exc:
        assert exc.message  # a message the runner can read
        return
    for parsed in found:
        assert parsed.activity.elapsed_s >= 0
        assert len(parsed.streams) >= 1


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """A valid file cut, spliced or with bytes flipped."""
    data = bytearray(original)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data) - 1))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            data[at] = draw(st.integers(0, 255))
        elif choice == 1:
            del data[at : at + draw(st.integers(1, 50))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        if not data:
            break
    return bytes(data[: draw(st.integers(0, len(data)))])


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    _outcome(data)


@SETTINGS
@given(mutated(GPX))
def test_damaged_gpx(data: bytes) -> None:
    _outcome(data)


@SETTINGS
@given(mutated(TCX))
def test_damaged_tcx(data: bytes) -> None:
    _outcome(data)


@SETTINGS
@given(st.text(max_size=300))
def test_text_wrapped_as_xml_roots(body: str) -> None:
    for reader in (parse_gpx, parse_tcx):
        for data in (
            f"<gpx>{body}</gpx>".encode(),
            f"<TrainingCenterDatabase>{body}</TrainingCenterDatabase>".encode(),
        ):
            with contextlib.suppress(InvalidInput):
                reader(data, "fuzz")  # type: ignore[operator]
