"""axe-core (npm, injected into Chromium) on every kind of page, a lesson's quiz answered, 学习记录 and 错题本 included,
in light and dark mode (the theme's switch, and the system's setting) at phone and desktop size: no serious or
critical violation (contrast included)."""

from __future__ import annotations

import pytest
from pagetypes import STATES, answer_two, open_state, switch_to_dark
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def serious_violations(page: Page, axe_path) -> list[str]:
    page.add_script_tag(path=str(axe_path))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


reveal_two = answer_two  # answer two questions, one right and one wrong (test_quiz_phone uses it too)


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("state", list(STATES))
def test_every_page_type_in_both_modes(page: Page, html_site, project, axe_path, state: str, size: str):
    """Each kind of page (pagetypes.STATES: 模拟考试 before, during and after, 错题本 empty and filled, search results…)
    at phone and desktop size, light, then dark (switched as the theme's button does, the page kept as it is)."""
    open_state(page, html_site, project, state, size, "light")
    assert serious_violations(page, axe_path) == [], "light"
    switch_to_dark(page)
    assert serious_violations(page, axe_path) == [], "dark"


@pytest.mark.parametrize("state", ["home", "lesson", "speech", "exam-result", "progress", "search-sifeng"])
def test_dark_mode_that_follows_the_system(page: Page, html_site, project, axe_path, state: str):
    """The mode switch on 跟随系统 and the phone's system set to dark (prefers-color-scheme)."""
    open_state(page, html_site, project, state, "phone", "system-dark")
    assert serious_violations(page, axe_path) == []
