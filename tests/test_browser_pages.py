"""The trace page and the diff page in a real browser (headless Chromium): they
render, nothing overflows sideways at a laptop width and at A4 width, the text
is set at a readable size in a font that has the Vietnamese letters (no
missing-glyph boxes), and the diff page's legend matches its colours.

The pages carry no script; the test appends one that measures the layout after
load and writes the figures into the DOM, which --dump-dom prints; a
screenshot is taken too (and kept under pytest's tmp folder for a look).
Skipped when Chromium is not installed (Debian package `chromium`; .ci/run
installs it when it can).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kehoach import parse
from kehoach.diff import diff
from kehoach.render_diff import diff_to_html
from kehoach.render_trace import trace_to_html
from kehoach.sources import load_entries
from kehoach.trace import trace
from tests.conftest import SEEDS, needs_shared

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
VIETNAMESE = "ệửạđĩỗằẫ"

_PROBE = """<script>
window.addEventListener('load', function () {
  var root = document.documentElement, widest = 0, smallest = 99, bg = {};
  Array.prototype.forEach.call(document.querySelectorAll('body *'), function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0) widest = Math.max(widest, r.right);
    if (el.childNodes.length && Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); })) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
    }
  });
  ['.sw.oa', '.sw.ob', '.sw.both', '.only_a .a', '.only_b .b', '.chip.both', '.chip.oa', '.chip.ob', 'ins', 'del'].forEach(function (s) {
    var el = document.querySelector(s); if (el) bg[s] = getComputedStyle(el).backgroundColor;
  });
  // a letter drawn in the page's font, against the missing-glyph box of a private-use code point
  var c = document.createElement('canvas'); c.width = 40; c.height = 40; var g = c.getContext('2d');
  var font = getComputedStyle(document.body).fontFamily;
  var draw = function (ch) { g.clearRect(0, 0, 40, 40); g.font = '28px ' + font; g.fillText(ch, 4, 30);
    return Array.prototype.join.call(g.getImageData(0, 0, 40, 40).data, ','); };
  var tofu = draw('\\uE000'), letters = {};
  '%LETTERS%'.split('').forEach(function (ch) { var d = draw(ch); letters[ch] = d !== tofu && /[1-9]/.test(d); });
  var r = {clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, widest: widest, smallest: smallest,
           background: bg, letters: letters, text: document.body.innerText.length};
  var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
});
</script>""".replace("%LETTERS%", VIETNAMESE)


def render(html: str, tmp_path: Path, width: int, name: str) -> dict:
    page = tmp_path / f"{name}-{width}.html"
    page.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    done = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            profile,
            f"--window-size={width},1000",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout)
    assert found, f"Chromium printed no measurement (exit {done.returncode}): {done.stderr[-500:]}"
    shot = tmp_path / f"{name}-{width}.png"
    clean = tmp_path / f"{name}-clean.html"
    clean.write_text(html, encoding="utf-8")
    subprocess.run(
        [CHROMIUM, *FLAGS, profile, f"--window-size={width},1600", f"--screenshot={shot}", clean.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.exists() and shot.stat().st_size > 10_000, "the screenshot is empty"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def check_page(m: dict) -> None:
    assert m["text"] > 200, "the page shows text"
    assert m["scrollWidth"] <= m["clientWidth"], f"horizontal overflow: {m}"
    assert m["widest"] <= m["clientWidth"] + 1, f"an element sticks out: {m}"
    assert m["smallest"] >= 11, f"text too small to read: {m['smallest']}px"
    missing = [ch for ch, ok in m["letters"].items() if not ok]
    assert not missing, f"no glyph for {missing} in the page's font"


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared is not beside the project")
    return load_entries([str(SEEDS)], workers=1)


@needs_shared
@pytest.mark.parametrize("width", [1280, 794])  # a laptop; A4 at 96 dpi
def test_trace_page(seeds, tmp_path, width):
    m = render(trace_to_html(trace("02-KL/TW", seeds)), tmp_path, width, "trace")
    check_page(m)


@needs_shared
@pytest.mark.parametrize("width", [1280, 794])
def test_diff_page(tmp_path, width):
    d = diff(parse(str(SEEDS / "000_b87cf12effb29d41.txt")), parse(str(SEEDS / "003_c5d17f6b05c19ca1.txt")))
    m = render(diff_to_html(d), tmp_path, width, "diff")
    check_page(m)
    bg = m["background"]
    # the legend's swatches are the colours the page uses
    assert bg[".sw.oa"] == bg[".only_a .a"] == bg[".chip.oa"], bg
    assert bg[".sw.ob"] == bg[".only_b .b"] == bg[".chip.ob"], bg
    assert bg[".sw.both"] == bg[".chip.both"], bg
    assert len({bg[".sw.oa"], bg[".sw.ob"], bg[".sw.both"]}) == 3
