"""axe-core finds no WCAG 2.1 A/AA violation on a page of every kind, in both languages."""

import pytest

from conftest import axe_violations
from test_browser_safety import PAGES_BOTH_LANGUAGES


@pytest.mark.parametrize("url", PAGES_BOTH_LANGUAGES)
def test_no_accessibility_violations(visit, url):
    visit.goto(url)
    assert axe_violations(visit.page) == []
