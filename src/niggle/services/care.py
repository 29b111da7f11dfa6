"""Regions and the care contacts niggle names in them."""

from __future__ import annotations

from niggle.domain.errors import InvalidInput

# Regions whose emergency and non-emergency contacts niggle knows. UK is the default.
KNOWN_REGIONS = ("uk", "ie", "us", "ca", "au", "nz", "eu")


def check_region(text: str) -> str:
    region = text.strip().lower()
    if region not in KNOWN_REGIONS:
        raise InvalidInput(f"Unknown region {text!r}. Choose one of: {', '.join(KNOWN_REGIONS)}.")
    return region
