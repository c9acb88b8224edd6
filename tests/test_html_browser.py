"""The HTML of `diff` and `compare`, rendered by a real browser (headless
Chromium): both columns are on the page side by side, and nothing overflows
the page sideways, at a laptop width and at A4 print width.

The pages themselves carry no script; the test appends one that measures the
layout after load and writes the figures into the DOM, which Chromium's
--dump-dom prints. Skipped when Chromium is not installed (Debian package
`chromium`; .ci/run installs it when it can).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kehoach import parse
from kehoach.compare import compare
from kehoach.diff import diff
from kehoach.render_diff import compare_to_html, diff_to_html

PAIRS = Path(__file__).parent / "fixtures" / "diff"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

_PROBE = """<script>
window.addEventListener('load', function () {
  var box = function (el) { return el ? el.getBoundingClientRect() : null; };
  var a = box(document.querySelector('table.sections td.a'));
  var b = box(document.querySelector('table.sections td.b'));
  var r = {
    clientWidth: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    a: a && {left: a.left, right: a.right, width: a.width},
    b: b && {left: b.left, right: b.right, width: b.width},
    widestTable: Math.max.apply(null, Array.prototype.map.call(document.querySelectorAll('table'),
      function (t) { return t.getBoundingClientRect().right; }))
  };
  var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
});
</script>"""


def measure(html: str, tmp_path: Path, width: int) -> dict:
    page = tmp_path / f"page-{width}.html"
    page.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},900",
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
    return json.loads(found.group(1).replace("&quot;", '"'))


def _diff_html() -> str:
    name = "p1_laocai_kh_reorder"
    a, b = parse(str(PAIRS / f"{name}.a.txt")), parse(str(PAIRS / f"{name}.b.txt"))
    result = diff(a, b)
    # a long unbreakable token must wrap, not push the page wider
    result.sections[1].changes.append(("+", "https://congbao.chinhphu.vn/" + "x" * 300))
    return diff_to_html(result)


@pytest.mark.parametrize("width", [1280, 800])  # a laptop; A4 at 96 dpi is ~794 px
def test_diff_html_two_columns_without_overflow(tmp_path, width):
    m = measure(_diff_html(), tmp_path, width)
    assert m["a"] and m["b"], "both columns must be on the page"
    assert m["a"]["width"] > 150 and m["b"]["width"] > 150
    assert m["a"]["right"] <= m["b"]["left"], "A must stand to the left of B"
    assert abs(m["a"]["width"] - m["b"]["width"]) < 2, "the two columns share the width equally"
    assert m["scrollWidth"] <= m["clientWidth"], f"horizontal overflow: {m}"


def test_compare_html_34_columns_without_overflow(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    if not (Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds").is_dir():
        pytest.skip("../shared (the seeds the plans are made from) is not beside the project")
    from make_plans import make

    docs = [parse(str(p)) for p in make(34, tmp_path / "plans")]
    m = measure(compare_to_html(compare(docs)), tmp_path, 1280)
    assert m["scrollWidth"] <= m["clientWidth"], f"horizontal overflow: {m}"
