"""What every browser step checks: a screenshot, then the page fits a phone screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import PHONE

# Every question still unanswered gets the calm answer: "no", "none", or the scale's lowest
# point; numbers come from NUMBERS (or 0). The red flags were answered "no" on purpose.
FILL_UNANSWERED = """(numbers) => {
  for (const set of document.querySelectorAll('fieldset.question')) {
    const radios = [...set.querySelectorAll('input[type=radio]')];
    if (radios.length && !radios.some(r => r.checked)) {
      const pick = radios.find(r => r.value === 'no') || radios.find(r => r.value === 'none')
        || radios.find(r => r.value === '0') || radios[0];
      pick.checked = true;
    }
    for (const box of set.querySelectorAll('input[type=number]')) {
      if (box.value === '') box.value = numbers[box.name] ?? '0';
    }
  }
}"""


class Story:
    """The page, a step counter and the checks every step makes."""

    def __init__(self, page: Any, folder: Path) -> None:
        self.page = page
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.step = 0

    def goto(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"

    def submit(self, button: str) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button).first.click()
        assert self.page.locator("p.problem[role=alert]").count() == 0, self.main_text()

    def main_text(self) -> str:
        text: str = self.page.locator("main").inner_text()
        return text

    def snap(self, name: str) -> Path:
        """Screenshot the whole page, then check it fits a phone screen."""
        self.step += 1
        path = self.folder / f"{self.step:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        check_fits_phone(self.page, name)
        return path


def check_fits_phone(page: Any, name: str) -> None:
    """At phone width nothing scrolls sideways and the main content and heading are on screen."""
    assert page.viewport_size == PHONE
    widths = page.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], f"{name}: page scrolls sideways: {widths}"
    main = page.locator("main")
    assert main.is_visible(), f"{name}: no visible main content"
    heading = page.locator("main h1").first
    assert heading.is_visible(), f"{name}: no visible heading"
    box = heading.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    # Anything wider than the screen inside main (a table, a chart, a long word) is a bug
    # even when an ancestor hides the overflow.
    too_wide = page.evaluate(
        """(limit) => [...document.querySelectorAll('main *')]
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width > 0 && (r.right > limit + 1 || r.left < -1); })
            .filter(e => !e.closest('details:not([open])'))
            .map(e => e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || ''))
            .slice(0, 5)""",
        PHONE["width"],
    )
    assert not too_wide, f"{name}: wider than the phone screen: {too_wide}"
