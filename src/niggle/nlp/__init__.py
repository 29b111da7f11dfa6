"""Adapters that read people's words: free-text intake for triage (medspaCy ConText).

Nothing is loaded at import time; ``niggle.nlp.intake.read_text`` builds its pipeline on
first use.
"""
