"""Optional tier: the fast decoder against fitdecode on real files from real devices.

The files live next to the repository in ``shared/fixtures/activities`` (and its ``edge/``
folder of files that other readers trip on) and are never copied into it. The tier skips
itself when that folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from niggle.importers.fit_decoder import decode_fit
from niggle.importers.fit_reference import decode_fit_reference
from tests.importers.test_fit_differential import assert_agrees

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "activities"
FILES = sorted(SHARED.glob("*.fit")) + sorted(SHARED.glob("edge/*.fit"))

pytestmark = [
    pytest.mark.real_fixtures,
    pytest.mark.skipif(
        not SHARED.is_dir(), reason=f"real activity files not found at {SHARED} (optional tier)"
    ),
]


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_real_file_matches_fitdecode(path: Path) -> None:
    data = path.read_bytes()
    mine = decode_fit(data)
    reference = decode_fit_reference(data)
    assert_agrees(mine, reference)
    assert len(mine.records) >= len(reference.records)
    if reference.truncated:  # fitdecode stopped at damage: we must say so too
        assert mine.truncated
        assert mine.warnings
