"""Regions and the care contacts niggle names in them (999, NHS 111, GP, physio in the UK).

The contacts live in ``niggle/knowledge/care_levels.yaml``. An operator can replace them
with a file in the same format named by NIGGLE_CARE_CONTACTS (for a club abroad, say).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from niggle.domain.errors import InvalidInput

if TYPE_CHECKING:
    from niggle.domain.triage.levels import CareLevel
    from niggle.domain.triage.models import CareContacts

# Regions whose emergency and non-emergency contacts niggle knows. UK is the default.
KNOWN_REGIONS = ("uk", "ie", "us", "ca", "au", "nz", "eu")
DEFAULT_REGION = "uk"
CONTACTS_ENV = "NIGGLE_CARE_CONTACTS"


def check_region(text: str) -> str:
    region = text.strip().lower()
    if region not in KNOWN_REGIONS:
        raise InvalidInput(f"Unknown region {text!r}. Choose one of: {', '.join(KNOWN_REGIONS)}.")
    return region


def contacts_file_from_env() -> Path | None:
    """The operator's contacts file (NIGGLE_CARE_CONTACTS), read once by the adapter (CLI)."""
    value = os.environ.get(CONTACTS_ENV, "").strip()
    return Path(value).expanduser() if value else None


def care_contacts(region: str | None, contacts_file: Path | None = None) -> CareContacts:
    """Who to call in ``region`` (UK when not given), from the packaged or operator's file."""
    from niggle.knowledge.triage import load_care_contacts, load_care_contacts_file

    chosen = check_region(region or DEFAULT_REGION)
    contacts = load_care_contacts_file(contacts_file) if contacts_file else load_care_contacts()
    if chosen not in contacts:
        where = contacts_file or "niggle's care_levels.yaml"
        raise InvalidInput(
            f"{where} has no contacts for region {chosen!r}; add them under regions.{chosen}."
        )
    return contacts[chosen]


def care_message(
    level: CareLevel, region: str | None = None, contacts_file: Path | None = None
) -> str:
    """The plain-words action for a care level in a region (used by other screens too)."""
    from niggle.knowledge.triage import load_triage_knowledge

    knowledge = load_triage_knowledge()
    return care_contacts(region, contacts_file).fill(knowledge.actions[level].message)
