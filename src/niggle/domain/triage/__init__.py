"""Back-pain triage for runners: red flags first, care levels, running status, advice.

niggle gives self-management advice and triage; it never diagnoses. The rules, questions
and advice live in ``niggle/knowledge/`` as data with their sources; this package is the
pure engine that reads them.
"""
