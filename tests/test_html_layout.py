"""The HTML report fits a phone (390 px) and a desktop (1280 px) in headless Chromium.

The report forbids scripts (CSP), so it is loaded into an iframe (srcdoc, same
origin) of a probe page whose script measures it: the page must not scroll
sideways, the gates' verdicts must be on screen, chart labels must render at
a readable size.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from textkit import analyze_text
from textkit.formats import html as html_format
from textkit.gates import Gate, evaluate

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium")

PROBE = """<script>
window.addEventListener('load', () => {
  const d = document.getElementById('f').contentDocument, w = d.documentElement.clientWidth;
  const verdicts = [...d.querySelectorAll('#gates tbody tr td:last-child')].map(td => td.getBoundingClientRect().right);
  let smallest = 99;
  for (const svg of d.querySelectorAll('svg')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
  }
  const clipped = e => { for (let a = e.parentElement; a && a !== d.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
  const wide = [...d.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !clipped(e)).slice(0, 6).map(e => e.tagName + '.' + e.getAttribute('class') + '@' + Math.round(e.getBoundingClientRect().right));
  document.title = JSON.stringify({wide: wide, scroll: d.documentElement.scrollWidth, client: w,
    verdictRight: Math.max(0, ...verdicts), verdicts: verdicts.length, smallestFont: smallest});
});
</script>"""


def _measure(page: str, width: int, tmp_path) -> dict:
    import json

    wrapper = tmp_path / f"probe{width}.html"
    wrapper.write_text(
        f'<html><body style="margin:0"><iframe id="f" style="border:0;width:{width}px;height:900px" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe>{PROBE}</body></html>',
        encoding="utf-8",
    )
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width + 40},1000",
         "--virtual-time-budget=5000", "--dump-dom", wrapper.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    found = re.search(r"<title>(.*?)</title>", done.stdout)
    assert found, done.stderr[-2000:]
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="module")
def page() -> str:
    """The example article with two gates and a fifth section."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")
    report = analyze_text(text)
    fifth = report.sections[0]
    from dataclasses import replace

    report.sections.append(replace(fifth, id="fifth", title="A fifth section with a rather long title"))
    report.gates = evaluate(
        [Gate.parse("readability.flesch_kincaid_grade > 9"), Gate.parse("sentiment.compound changes by > 0.5")],
        report,
    )
    return html_format.render(report)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_report_fits_the_screen(page, width, tmp_path):
    seen = _measure(page, width, tmp_path)
    assert seen["scroll"] <= seen["client"], seen  # no sideways scrolling of the page
    assert seen["verdicts"] == 2 and seen["verdictRight"] <= seen["client"], seen
    assert seen["smallestFont"] >= 8, seen  # chart labels readable (12 px text drawn at 3/4 or more)
