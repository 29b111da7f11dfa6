"""niggle's slice of the FIT profile agrees with the profile fitdecode ships."""

from __future__ import annotations

import pytest
from fitdecode import profile as reference
from fitdecode import types as reference_types

from niggle.importers.fit_enums import enum_names
from niggle.importers.fit_profile import BASE_TYPES, MESSAGE_FIELDS, RECORD, RECORD_COLUMNS


@pytest.mark.parametrize("message", sorted(MESSAGE_FIELDS))
def test_summary_fields_match_the_profile(message: int) -> None:
    theirs = reference.MESSAGE_TYPES[message].fields
    for number, spec in MESSAGE_FIELDS[message].items():
        field = theirs[number]
        assert (spec.name, spec.type_name) == (field.name, field.type.name)
        assert (spec.scale, spec.offset) == (field.scale, field.offset), spec.name


def test_record_columns_match_the_profile() -> None:
    theirs = reference.MESSAGE_TYPES[RECORD].fields
    for number, column in RECORD_COLUMNS.items():
        field = theirs[number]
        assert column.column == field.name
        assert (column.scale, column.offset) == (field.scale, field.offset)


def test_enum_tables_match_the_profile() -> None:
    used = {
        spec.type_name
        for fields in MESSAGE_FIELDS.values()
        for spec in fields.values()
        if reference.FIELD_TYPES.get(spec.type_name) is not None
        and reference.FIELD_TYPES[spec.type_name].enum
    }
    assert {"sport", "sub_sport", "file", "manufacturer", "event", "event_type"} <= used
    for name in used:
        assert enum_names(name) == reference.FIELD_TYPES[name].enum, name
    assert enum_names("uint16") == {}


def test_base_types_match_width_and_name() -> None:
    assert set(BASE_TYPES) == set(reference_types.BASE_TYPES)
    for number, base in BASE_TYPES.items():
        theirs = reference_types.BASE_TYPES[number]
        assert (base.name, base.size) == (theirs.name, theirs.size)
