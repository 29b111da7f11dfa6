"""Reading text prints nothing, and importing the reader loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from niggle.nlp.intake import read_text


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_importing_the_reader_loads_no_nlp_library() -> None:
    done = run_python(
        """
        import sys
        import niggle.nlp.intake
        heavy = [m for m in ("spacy", "medspacy", "PyRuSH", "loguru") if m in sys.modules]
        print(",".join(heavy))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_a_fresh_process_reads_text_without_printing_anything() -> None:
    # PyRuSH logs every sentence at DEBUG through loguru; none of it may reach the terminal.
    done = run_python(
        """
        from niggle.nlp.intake import read_text
        intake = read_text("My lower back hurts on tempo runs. No numbness down there.")
        assert intake.region == "lower_back"
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == ""


def test_reading_in_process_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    read_text("Both legs feel numb. It hurts when I arch my back.")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
