"""Pure rules and maths: no I/O, no clock, no globals, no frameworks."""
