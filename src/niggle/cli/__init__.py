"""The terminal adapter: Typer commands that call services and print for people or scripts.

Modules here import only typer and the standard library at module level; services, Rich
tables and heavy libraries are imported inside the commands so ``niggle --help`` is instant.
"""
