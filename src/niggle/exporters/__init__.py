"""Adapters that write plans out to the world: calendars, watch workouts, printable pages."""
