"""What a FIT decode hands to the importer: per-second streams plus summary messages.

Both decoders (the fast one and the fitdecode reference) build this same value, so the
importer can use either and tests can compare them field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# Stream columns, all float64 with NaN for "no value". Units are in the names; timestamps
# are Unix epoch seconds (UTC); cadence is the raw FIT cadence (strides/min when running).
RECORD_STREAMS = (
    "timestamp",
    "distance_m",
    "speed_m_per_s",
    "heart_rate",
    "cadence",
    "altitude_m",
    "lat_deg",
    "lon_deg",
)


@dataclass(frozen=True)
class FitRecords:
    """One entry per record message, in file order (chained files follow each other)."""

    timestamp: FloatArray
    distance_m: FloatArray
    speed_m_per_s: FloatArray  # enhanced_speed when the record has a valid one
    heart_rate: FloatArray
    cadence: FloatArray
    altitude_m: FloatArray  # enhanced_altitude when the record has a valid one
    lat_deg: FloatArray
    lon_deg: FloatArray

    def __len__(self) -> int:
        return len(self.timestamp)

    @classmethod
    def from_columns(cls, columns: dict[str, FloatArray]) -> FitRecords:
        """Build from a dict holding every name of :data:`RECORD_STREAMS`."""
        return cls(**{name: columns[name] for name in RECORD_STREAMS})

    @classmethod
    def empty(cls) -> FitRecords:
        return cls.from_columns({name: np.empty(0, dtype=np.float64) for name in RECORD_STREAMS})


@dataclass(frozen=True)
class FitDecoded:
    """A decoded FIT file.

    ``sessions``, ``laps``, ``events`` and ``activity`` map the FIT profile's main field
    names to values as fitdecode reports them: scaled to SI units (s, m, m/s), enums as
    names ("running", "stop_all"), dates as aware UTC datetimes, positions in semicircles,
    invalid values as None. Sub-field aliases (``avg_running_cadence``) and component
    expansions (``enhanced_avg_speed`` derived from ``avg_speed``) are not added: read
    ``enhanced_*`` when present and fall back to the plain field.
    """

    file_type: str | None
    time_created: datetime | None
    manufacturer: str | int | None
    product: int | None
    records: FitRecords
    sessions: list[dict[str, Any]] = field(default_factory=list)
    laps: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    activity: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False


def assemble(
    *,
    file_id: dict[str, Any] | None,
    records: FitRecords,
    sessions: list[dict[str, Any]],
    laps: list[dict[str, Any]],
    events: list[dict[str, Any]],
    activity: dict[str, Any] | None,
    warnings: list[str],
    truncated: bool,
) -> FitDecoded:
    """The result from decoded messages; ``file_id`` is the first file_id of the file."""
    ident = file_id or {}
    kind = ident.get("type")
    if isinstance(kind, int):
        kind = f"unknown_{kind}"
    elif not isinstance(kind, str):
        kind = None
    created = ident.get("time_created")
    maker = ident.get("manufacturer")
    product = ident.get("product")
    return FitDecoded(
        file_type=kind,
        time_created=created if isinstance(created, datetime) else None,
        manufacturer=maker if isinstance(maker, str | int) else None,
        product=product if isinstance(product, int) else None,
        records=records,
        sessions=sessions,
        laps=laps,
        events=events,
        activity=activity,
        warnings=warnings,
        truncated=truncated,
    )
