"""Adapters that read activity files from watches and services (FIT, GPX, TCX, exports).

Importers depend on ``niggle.domain`` only. Heavy parsers (numpy, fitdecode, XML) are
imported by the modules that need them, never here, so importing this package stays cheap.
"""
