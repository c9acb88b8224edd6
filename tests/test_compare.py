"""`compare`: themes aligned across many plans, references and bodies
matrices, the four output formats and the command line."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach import parse
from kehoach.cli import main
from kehoach.compare import compare, task_items
from tests.conftest import ROOT, needs_shared

PAIRS = Path(__file__).parent / "fixtures" / "diff"
sys.path.insert(0, str(ROOT / "bench"))


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    pytest.importorskip("kehoach._libs")
    if not (ROOT.parent / "shared" / "corpus" / "seeds").is_dir():
        pytest.skip("../shared (the seeds the plans are made from) is not beside the project")
    from make_plans import make

    return make(8, tmp_path_factory.mktemp("plans"), seed=7)


def test_every_item_lands_in_exactly_one_theme(plans):
    docs = [parse(str(p)) for p in plans]
    result = compare(docs)
    for d, doc in enumerate(docs):
        paths = [t.cells[d].path for t in result.themes if t.cells[d] is not None]
        assert sorted(paths) == sorted(s.path for s in task_items(doc))
    for t in result.themes:
        assert t.coverage == sum(cell is not None for cell in t.cells)
    coverages = [t.coverage for t in result.themes]
    assert coverages == sorted(coverages, reverse=True)
    assert [t.theme for t in result.themes] == [f"T{i}" for i in range(1, len(result.themes) + 1)]


def test_the_same_task_reworded_falls_in_one_theme():
    name = "p3_binhphuoc_kh_moved"
    a, b = parse(str(PAIRS / f"{name}.a.txt")), parse(str(PAIRS / f"{name}.b.txt"))
    result = compare([a, b, a])
    expected = json.loads((PAIRS / f"{name}.expected.json").read_text("utf-8"))
    pairs = {tuple(p) for p in expected["matched"]}
    for t in result.themes:
        if t.cells[0] and t.cells[1]:
            assert (t.cells[0].path, t.cells[1].path) in pairs
        if t.cells[0]:
            assert t.cells[2] is not None and t.cells[2].path == t.cells[0].path  # the same document twice


@needs_shared
def test_references_and_bodies_matrices(seed_paths):
    docs = [parse(str(p)) for p in seed_paths]
    result = compare(docs)
    rows = {(r.symbol, r.province): r.present for r in result.references}
    assert rows[("02-KL/TW", None)] == [True, True]
    assert rows[("33-KH/TU", "Trà Vinh")] == [True, False]
    assert rows[("245-KH/TU", "Bình Phước")] == [False, True]
    bodies = {b.label: b.roles for b in result.bodies}
    assert all(bodies["Ban Tuyên giáo"]) and all(bodies["Văn phòng"])
    assert [s.province_2025 for s in result.documents] == ["Vĩnh Long", "Đồng Nai"]


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_compare_formats(plans, tmp_path):
    paths = [str(p) for p in plans]
    data = json.loads(run("compare", *paths, "-f", "json").output)
    assert len(data["documents"]) == len(paths) and data["themes"]
    assert all(len(t["cells"]) == len(paths) for t in data["themes"])
    rows = list(csv.reader(io.StringIO(run("compare", *paths, "-f", "csv").output)))
    assert rows[0][:3] == ["matrix", "row", "label"] and len(rows[0]) == 3 + len(paths)
    assert {r[0] for r in rows[1:]} == {"theme", "reference", "body"}
    md = run("compare", *paths, "-f", "markdown").output
    assert md.startswith("# So sánh nhiều văn bản") and "| T1 " in md
    out = tmp_path / "c.html"
    assert run("compare", *paths, "-f", "html", "-o", str(out)).exit_code == 0
    html = out.read_text("utf-8")
    assert "<script" not in html and "http" not in html and 'class="themes"' in html
    table = tmp_path / "c.txt"
    assert run("compare", *paths, "-f", "table", "-o", str(table)).exit_code == 0
    assert "Task themes" in table.read_text("utf-8")


def test_cli_compare_a_folder_and_a_broken_file(plans, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    folder = str(plans[0].parent)
    result = CliRunner().invoke(main, ["compare", folder, str(broken), "-f", "json"])
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "broken.pdf" in result.stderr
    ok = CliRunner().invoke(main, ["compare", folder, str(broken), "-f", "json", "--allow-failures"])
    assert ok.exit_code == 0
    assert len(json.loads(ok.stdout)["documents"]) == len(plans)


def test_cli_compare_needs_two_documents(tmp_path):
    only = PAIRS / "p3_binhphuoc_kh_moved.a.txt"
    result = CliRunner().invoke(main, ["compare", str(only)])
    assert result.exit_code == 1 and "at least two" in result.output
