"""`kehoach trace`: the chain of the seeds, a batch database of the wild corpus,
the outputs; `kehoach tasks` and its iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from kehoach.cli import main
from kehoach.render_trace import trace_to_csv, trace_to_html, walk
from kehoach.sources import load_entries
from kehoach.tasks import due_date, select_tasks
from kehoach.trace import trace
from tests.conftest import SEEDS, SHARED, needs_shared

WILD = SHARED / "corpus" / "wild" / "docs"
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared is not beside the project")
    return load_entries([str(SEEDS)], workers=1)


@pytest.fixture(scope="module")
def wild_db(tmp_path_factory):
    if not WILD.is_dir():
        pytest.skip("../shared/corpus/wild is not beside the project")
    db = tmp_path_factory.mktemp("wild") / "w.db"
    result = CliRunner().invoke(main, ["batch", str(WILD), "--sqlite", str(db), "-q", "-j", "2", "--allow-failures"])
    assert result.exit_code == 0, result.output
    return db


def _by_symbol(t):
    return {(n.symbol or n.key): (n, parent) for n, parent in walk(t)}


@needs_shared
def test_seed_chain(seeds):
    """47-CT/TW ← 02-KL/TW ← 33-KH/TU ← 37-KH/ĐUK, and 02-KL/TW ← Bình Phước's plan."""
    t = trace("02-KL/TW", seeds)
    assert [a.symbol for a in t.ancestors] == ["47-CT/TW"]
    (root,) = t.roots
    assert root.symbol == "02-KL/TW" and root.level == "central" and root.branch == "party" and not root.in_sources
    nodes = _by_symbol(t)
    kh33, parent = nodes["33-KH/TU"]
    assert parent.symbol == "02-KL/TW" and not kh33.in_sources
    assert (kh33.province, kh33.province_2025, kh33.date, kh33.days_since_parent) == (
        "Trà Vinh",
        "Vĩnh Long",
        "2021-09-28",
        133,
    )
    kh37, parent = nodes["37-KH/ĐUK"]
    assert parent.symbol == "33-KH/TU" and kh37.in_sources
    assert (kh37.level, kh37.branch, kh37.date, kh37.days_since_parent) == ("province", "party", "2021-11-01", 34)
    assert kh37.also_implements == ["02-KL/TW"]
    (binh_phuoc,) = [n for n in root.children if n.in_sources]
    assert (binh_phuoc.issuer, binh_phuoc.province, binh_phuoc.province_2025) == (
        "Tỉnh ủy Bình Phước",
        "Bình Phước",
        "Đồng Nai",
    )
    covered = {c.province_2025 for c in t.coverage if c.documents}
    assert covered == {"Vĩnh Long", "Đồng Nai"}
    assert len(t.coverage) == 34 and len(t.provinces_2025_without) == 32 and len(t.provinces_without) == 61
    assert "Trà Vinh" not in t.provinces_without and "Bình Phước" not in t.provinces_without


@needs_shared
def test_seed_trace_cli_outputs(seeds, tmp_path):
    out = json.loads(run("trace", "02-KL/TW", str(SEEDS), "-f", "json", "-j", "1"))
    assert out["roots"][0]["children"][0]["symbol"] == "33-KH/TU"
    assert out["roots"][0]["children"][0]["children"][0]["symbol"] == "37-KH/ĐUK"
    rows = list(csv.DictReader(io.StringIO(run("trace", "02-KL/TW", str(SEEDS), "-f", "csv", "-j", "1"))))
    assert [r["role"] for r in rows][:2] == ["ancestor", "root"]
    assert {r["symbol"] for r in rows if r["role"] == "implements"} >= {"33-KH/TU", "37-KH/ĐUK"}
    table = run("trace", "02-KL/TW", str(SEEDS), "-f", "table", "-j", "1")
    assert "47-CT/TW ← 02-KL/TW" in table and "37-KH/ĐUK" in table
    page = trace_to_html(trace("02-KL/TW", seeds))
    assert "<!DOCTYPE html>" in page and "37-KH/ĐUK" in page and "Vĩnh Long" in page and "<script" not in page


@needs_shared
def test_trace_of_an_unknown_symbol_says_so(seeds):
    t = trace("999-NQ/TW", seeds)
    assert not t.found and not t.roots and t.notes


@needs_shared
def test_wild_57_from_a_batch_database(wild_db):
    """The provinces' plans for Nghị quyết 57-NQ/TW that the wild corpus holds, read from a batch database."""
    out = json.loads(run("trace", "57-NQ/TW", str(wild_db), "-f", "json"))
    from kehoach.trace import Trace

    t = Trace.model_validate(out)
    nodes = _by_symbol(t)
    held = {n.symbol for n, parent in walk(t) if parent is not None and n.in_sources and n.symbol}
    # Bắc Ninh, Đồng Nai, Hà Nội, Đồng Tháp (three plans), Nghệ An
    assert {
        "144/KH-UBND",
        "179/KH-UBND",
        "310/KH-UBND",
        "552/KH-UBND",
        "597/KH-UBND",
        "617/KH-UBND",
        "987/KH-UBND",
    } <= held
    # the Party's and the Government's programmes in between, known from citations only
    for symbol, parent in (
        ("71/NQ-CP", "57-NQ/TW"),
        ("07-KH/TU", "57-NQ/TW"),
        ("10-CTr/TU", "57-NQ/TW"),
        ("283/KH-UBND", "10-CTr/TU"),
    ):
        node, up = nodes[symbol]
        assert up.symbol == parent and not node.in_sources, symbol
    assert nodes["617/KH-UBND"][1].symbol == "283/KH-UBND"  # Đồng Tháp's plan under the province's plan it carries out
    covered = {c.province_2025 for c in t.coverage if c.documents}
    assert {"Bắc Ninh", "Đồng Nai", "Hà Nội", "Đồng Tháp", "Nghệ An"} <= covered
    assert "Cà Mau" in t.provinces_2025_without
    # the Party's regulation on data sharing is issued "Căn cứ Nghị quyết số 57-NQ/TW" among its
    # grounds (a resolution as its basis: data/relations.toml [basis]), so it is in the tree
    assert "384-QĐ/TW" in held and "384-QĐ/TW" not in {c.symbol for c in t.citing}


def test_due_dates():
    assert due_date("2025-12-31", None) == dt.date(2025, 12, 31)
    assert due_date("2025-11", None) == dt.date(2025, 11, 30)
    assert due_date("2025", None) == dt.date(2025, 12, 31)
    assert due_date("--11-15", "2021-11-01") == dt.date(2021, 11, 15)
    assert due_date("--11-15", "2021-11-20") == dt.date(2022, 11, 15)
    assert due_date("---20", "2025-12-25") == dt.date(2026, 1, 20)
    assert due_date("--11-15", None) is None


@needs_shared
def test_seed_tasks_and_filters(seeds):
    every = select_tasks(seeds)
    assert len(every.tasks) == sum(len(e.doc.assignments) for e in seeds)
    propaganda = select_tasks(seeds, body="Ban Tuyên giáo Huyện ủy")  # another level: matched by function
    assert {t.body for t in propaganda.tasks} == {"Ban Tuyên giáo Đảng ủy Khối", "Ban Tuyên giáo Tỉnh ủy"}
    assert {t.body for t in select_tasks(seeds, function="office").tasks} == {
        t.body for t in select_tasks(seeds, function="Văn phòng").tasks
    }
    due = select_tasks(seeds, due_before="2022-01-01")
    assert due.tasks and all(t.due < "2022-01-01" for t in due.tasks)
    implementing = select_tasks(seeds, directive="33-KH/TU")
    assert {t.input.rsplit("/", 1)[-1] for t in implementing.tasks} == {"000_b87cf12effb29d41.txt"}


@needs_shared
def test_seed_yearly_report_is_an_rrule(seeds):
    icalendar = pytest.importorskip("icalendar")
    from kehoach.render_tasks import tasks_to_calendar

    listed = select_tasks(seeds)
    text = tasks_to_calendar(listed, stamp=STAMP)
    assert all(line.endswith("\r") or not line for line in text.split("\n")), "lines end in CRLF"
    assert all(len(line.encode("utf-8")) <= 76 for line in text.split("\n")), "lines folded at 75 octets"
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len([t for t in listed.tasks if t.due])
    yearly = [e for e in events if "15/11" in str(e["DESCRIPTION"])]
    assert yearly
    for e in yearly:
        rule = e["RRULE"]
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [11] and rule["BYMONTHDAY"] == [15]
        assert e["DTSTART"].dt == dt.date(
            2021, 11, 15
        )  # the plan prints no date: after the latest it cites (18/5/2021)
        assert "02-KL/TW" in str(e["DESCRIPTION"]) and e["UID"] and e["DTSTAMP"]


@needs_shared
def test_wild_tasks_ics_one_event_per_dated_deadline(wild_db, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    path = tmp_path / "w.ics"
    run("tasks", str(wild_db), "-f", "ics", "-o", str(path))
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    db = sqlite3.connect(wild_db)
    dated = db.execute("SELECT COUNT(*) FROM assignments WHERE deadline_date IS NOT NULL").fetchone()[0]
    assert dated > 20 and len(events) == dated
    assert len({str(e["UID"]) for e in events}) == len(events)
    monthly = [e for e in events if e.get("RRULE") and e["RRULE"]["FREQ"] == ["MONTHLY"]]
    assert monthly and all(e["RRULE"]["BYMONTHDAY"] == [e["DTSTART"].dt.day] for e in monthly)
    for e in events:
        assert e["DTEND"].dt > e["DTSTART"].dt
    rows = json.loads(run("tasks", str(wild_db), "--due-before", "2026-01-01", "-f", "json"))["tasks"]
    assert rows and all(r["due"] < "2026-01-01" for r in rows)


def test_tasks_rejects_a_bad_date(tmp_path):
    result = CliRunner().invoke(main, ["tasks", str(tmp_path), "--due-before", "15/11/2025"])
    assert result.exit_code == 2 and "not a date" in result.output


@needs_shared
def test_csv_of_trace_has_a_row_per_node(seeds):
    t = trace("02-KL/TW", seeds)
    rows = list(csv.reader(io.StringIO(trace_to_csv(t))))
    assert len(rows) == 1 + len(t.ancestors) + sum(1 for _ in walk(t)) + len(t.citing)


@pytest.mark.parametrize(
    "kwargs, want",
    [
        (
            dict(name="ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP", parent="ĐẢNG BỘ TỈNH TRÀ VINH", symbol="37-KH/ĐUK"),
            ("province", "party"),
        ),
        (dict(name="Ban Thường vụ Tỉnh ủy", symbol="33-KH/TU"), ("province", "party")),
        (dict(name="Bộ Chính trị", symbol="57-NQ/TW"), ("central", "party")),
        (dict(name="Chính phủ", symbol="71/NQ-CP"), ("central", "state")),
        (dict(name="Bộ Văn hóa, Thể thao và Du lịch", symbol="6225/BVHTTDL-VP"), ("central", "state")),
        (dict(name="UBND xã Phú Hòa", symbol="12/KH-UBND"), ("commune", "state")),
        (dict(name="Huyện ủy Đông Anh", symbol="05-CT/HU"), ("district", "party")),
        (
            dict(name="Sở Lao động - Thương binh và Xã hội", symbol="10/SLĐTBXH-VP"),
            ("province", "state"),
        ),  # "xã hội" is no commune
        (dict(name="Tỉnh ủy Bình Phước"), ("province", "party")),
    ],
)
def test_levels(kwargs, want):
    from kehoach.levels import level_of

    found = level_of(**kwargs)
    assert (found.level, found.branch) == want
