"""Collections of generated FIT files: the small test variants and a benchmark mix."""

from __future__ import annotations

from functools import cache

from tests.importers.fitgen_activity import FitOptions, GeneratedFit, Leg, activity_fit


def benchmark_corpus(seed: int = 2024, total_records: int = 300_000) -> list[GeneratedFit]:
    """A realistic mix of files (runs, rides, a triathlon, the awkward encodings)."""
    kinds = [
        FitOptions(legs=(Leg("running", "street", 3600, pauses=2),)),
        FitOptions(legs=(Leg("running", "trail", 5400),), speed_fields="enhanced"),
        FitOptions(legs=(Leg("running", seconds=2700),), interleave_hrv=True),
        FitOptions(
            legs=(Leg("cycling", "road", 10800, pauses=3),),
            speed_fields="both",
            developer_fields=True,
            lap_m=5000,
        ),
        FitOptions(legs=(Leg("running", seconds=3000, pauses=1),), compressed_timestamps=True),
        FitOptions(legs=(Leg("running", seconds=4000),), big_endian=True, redefine_every=600),
        FitOptions(
            legs=(
                Leg("swimming", seconds=1500),
                Leg("transition", seconds=120),
                Leg("cycling", "road", 5400),
                Leg("transition", seconds=90),
                Leg("running", seconds=3000),
            ),
            speed_fields="enhanced",
        ),
        FitOptions(legs=(Leg("running", seconds=2400),), alternate_layouts=True, gps=True),
    ]
    corpus: list[GeneratedFit] = []
    records = 0
    index = 0
    while records < total_records:
        base = kinds[index % len(kinds)]
        day = 86400 * index
        options = FitOptions(**{**base.__dict__, "start": base.start - day})
        generated = activity_fit(seed + index, options)
        corpus.append(generated)
        records += generated.record_count
        index += 1
    return corpus


# Small files covering each awkward encoding; tests parametrise over these names.
VARIANTS: dict[str, FitOptions] = {
    "run": FitOptions(legs=(Leg("running", "street", 1500),)),
    "run_with_pauses": FitOptions(legs=(Leg("running", seconds=1800, pauses=3),)),
    "enhanced_fields": FitOptions(speed_fields="enhanced", legs=(Leg(seconds=1200),)),
    "enhanced_and_plain": FitOptions(speed_fields="both", legs=(Leg(seconds=1200),)),
    "compressed_timestamps": FitOptions(
        compressed_timestamps=True, legs=(Leg(seconds=1500, pauses=2),)
    ),
    "developer_fields": FitOptions(developer_fields=True, legs=(Leg(seconds=1200),)),
    "big_endian": FitOptions(big_endian=True, developer_fields=True, legs=(Leg(seconds=1200),)),
    "hrv_between_records": FitOptions(interleave_hrv=True, legs=(Leg(seconds=1200),)),
    "alternating_layouts": FitOptions(alternate_layouts=True, legs=(Leg(seconds=900),)),
    "repeated_definitions": FitOptions(redefine_every=150, legs=(Leg(seconds=1200),)),
    "no_sensors": FitOptions(
        heart_rate=False, gps=False, cadence=False, altitude=False, legs=(Leg(seconds=600),)
    ),
    "compressed_big_endian_hrv": FitOptions(
        compressed_timestamps=True,
        interleave_hrv=True,
        big_endian=True,
        legs=(Leg(seconds=900, pauses=1),),
    ),
    "triathlon": FitOptions(
        legs=(
            Leg("swimming", seconds=400),
            Leg("transition", seconds=70),
            Leg("cycling", "road", 900),
            Leg("transition", seconds=50),
            Leg("running", seconds=700),
        ),
        speed_fields="enhanced",
    ),
}


@cache
def variant(name: str, seed: int = 11) -> GeneratedFit:
    """The generated file for one of :data:`VARIANTS` (cached: tests reuse them)."""
    return activity_fit(seed, VARIANTS[name])
