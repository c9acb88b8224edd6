"""Batch: nothing lost, safe archives, resumable, the three outputs, Dask."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from kehoach.batch import iter_jobs, run_batch
from kehoach.store import JsonlSink, SqliteSink
from tests.conftest import DOCS

GOOD = sorted(DOCS.glob("*.txt"))


def kehoach(*args, stdin=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "kehoach", *args], input=stdin, capture_output=True, timeout=timeout)


@pytest.fixture
def mixed(tmp_path):
    """A folder of good documents and one broken file, plus a zip with more good ones and one broken entry."""
    folder = tmp_path / "kho"
    (folder / "2024").mkdir(parents=True)
    for path in GOOD[:8]:
        (folder / "2024" / path.name).write_bytes(path.read_bytes())
    (folder / "2024" / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "ghi-chu.png").write_bytes(b"\x89PNG....")  # not a document suffix: not taken from a folder walk
    archive = tmp_path / "lo-2.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in GOOD[8:]:
            z.writestr(f"thang-5/{path.name}", path.read_bytes())
        z.writestr("thang-5/rong.txt", b"   \n")
    return folder, archive, len(GOOD)


def test_mixed_folder_and_zip_nothing_lost(mixed, tmp_path):
    folder, archive, good = mixed
    out = tmp_path / "out.jsonl"
    done = kehoach("batch", str(folder), str(archive), "--jsonl", str(out), "-j", "2")
    assert done.returncode == 1, done.stderr.decode()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == good + 2
    errors = [r for r in records if "error" in r]
    assert sorted(r["input"].split("/")[-1] for r in errors) == ["hong.docx", "rong.txt"]
    assert any(r["input"].endswith("lo-2.zip!thang-5/rong.txt") for r in errors)
    assert {r["error"] for r in errors} == {"not a valid .docx or ZIP file (the container is damaged)", "empty input"}
    parsed = [r for r in records if "error" not in r]
    assert all(r["schema_version"] == "1" for r in parsed)
    assert sum(1 for r in parsed if "!" in r["source"]["path"]) == good - 8
    summary = done.stderr.decode()
    assert "failed" in summary and "empty input" in summary


def test_allow_failures(mixed, tmp_path):
    folder, archive, _ = mixed
    done = kehoach("batch", str(folder), str(archive), "--jsonl", str(tmp_path / "o.jsonl"), "--allow-failures", "-q")
    assert done.returncode == 0 and done.stderr == b""


def test_all_good_exit_0_and_line_count(tmp_path):
    out = tmp_path / "o.jsonl"
    done = kehoach("batch", *map(str, GOOD), "--jsonl", str(out), "-q")
    assert done.returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(GOOD)


def test_output_folder_mirrors_names(mixed, tmp_path):
    folder, archive, good = mixed
    out = tmp_path / "out"
    kehoach("batch", str(folder), str(archive), "-o", str(out), "-q")
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert "kho/2024/f01_tu_nghean_kh.txt.json" in files
    assert "kho/2024/hong.docx.error.json" in files
    assert f"lo-2.zip/thang-5/{GOOD[8].name}.json" in files
    assert "lo-2.zip/thang-5/rong.txt.error.json" in files
    assert len(files) == good + 2
    assert not list(out.rglob("*.tmp"))


def test_zip_slip_entry_refused(tmp_path):
    archive = tmp_path / "doc.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../evil.txt", GOOD[0].read_bytes())
        z.writestr("/etc/evil.txt", GOOD[0].read_bytes())
        z.writestr("ok.txt", GOOD[0].read_bytes())
    out = tmp_path / "out"
    done = kehoach("batch", str(archive), "-o", str(out), "-q")
    assert done.returncode == 1
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "evil" in p.name]
    assert written == []
    errors = [json.loads(p.read_text()) for p in out.rglob("*.error.json")]
    assert len(errors) == 2 and all("unsafe entry name" in e["error"] for e in errors)
    assert (out / "doc.zip" / "ok.txt.json").exists()


def test_tar_archive_and_stdin_list_and_glob(tmp_path):
    tar_path = tmp_path / "lo.tar.gz"
    with tarfile.open(tar_path, "w:gz") as tar:
        for path in GOOD[:3]:
            info = tarfile.TarInfo(f"a/{path.name}")
            data = path.read_bytes()
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("a/link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    listing = "\n".join(str(p) for p in GOOD[3:5]).encode() + b"\n"
    out = tmp_path / "o.jsonl"
    done = kehoach("batch", str(tar_path), "-", str(DOCS / "f1*.txt"), "--jsonl", str(out), "-q", stdin=listing)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    names = [r.get("input") or r["source"]["path"] for r in records]
    assert sum(1 for n in names if n.startswith(str(tar_path))) == 4
    assert any("link.txt" in n for n in names if n) and done.returncode == 1  # the link is an error record
    assert len([p for p in DOCS.glob("f1*.txt")]) + 2 + 4 == len(records)


def test_sqlite_can_answer_who_cites_and_who_is_tasked(tmp_path):
    db = tmp_path / "k.db"
    done = kehoach("batch", *map(str, GOOD), "--sqlite", str(db), "-q")
    assert done.returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(GOOD)
    rows = con.execute(
        """SELECT d.locality, a.body, a.role FROM documents d
           JOIN "references" r ON r.doc_id = d.id
           JOIN assignments a ON a.doc_id = d.id
           WHERE r.symbol = '23-CT/TW' ORDER BY a.line"""
    ).fetchall()
    assert ("Đông Anh", "Đảng ủy Công an huyện", "lead") in rows
    assert con.execute("SELECT count(*) FROM refs WHERE scope = 'national'").fetchone()[0] > 10
    kinds = dict(con.execute("SELECT kind, count(*) FROM sections WHERE depth = 0 GROUP BY kind").fetchall())
    assert kinds["implementation"] >= 10
    assert con.execute("SELECT count(*) FROM warnings WHERE code = 'header-inferred'").fetchone()[0] == 1


def test_the_documented_queries_run(tmp_path):
    """docs/batch.md's example queries, as printed there, against a real database."""
    import re

    from tests.conftest import ROOT

    db = tmp_path / "k.db"
    plans = sorted((ROOT / "tests" / "fixtures" / "diff").glob("p3_*.txt"))  # plans citing 47-CT/TW
    assert kehoach("batch", *map(str, GOOD + plans), "--sqlite", str(db), "-q").returncode == 0
    con = sqlite3.connect(db)
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "batch.md").read_text("utf-8"), re.S)
    statements = [q.strip() for block in blocks for q in block.split(";") if q.strip()]
    assert len(statements) >= 3
    results = [con.execute(q).fetchall() for q in statements]
    assert all(results[:3]), "the three example queries return rows"
    provinces = {row[0] for row in con.execute("SELECT province_2025 FROM documents WHERE province IS NOT NULL")}
    assert provinces, "documents carry their province"


def _jsonl_names(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        names.append(record.get("input") or record["source"]["path"])
    return names


def test_kill_and_resume_completes_without_duplicates(tmp_path):
    folder = tmp_path / "nhieu"
    folder.mkdir()
    total = 600
    for i in range(total):
        src = GOOD[i % len(GOOD)]
        (folder / f"{i:04d}-{src.name}").write_bytes(src.read_bytes())
    out = tmp_path / "o.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kehoach", "batch", str(folder), "--jsonl", str(out), "-j", "2", "-q"],
        start_new_session=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 20000):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = len(out.read_text(encoding="utf-8", errors="replace").splitlines())
    assert 0 < before < total, "the run finished before it could be killed: raise the document count"
    done = kehoach("batch", str(folder), "--jsonl", str(out), "--resume", "-j", "2")
    assert done.returncode == 0, done.stderr.decode()
    names = _jsonl_names(out)
    assert len(names) == total and len(set(names)) == total
    assert "up to date" in done.stderr.decode()


def test_resume_output_folder_and_sqlite(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    for path in GOOD[:4]:
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    kehoach("batch", str(folder), "-o", str(out), "-q")
    changed = folder / GOOD[0].name
    changed.write_bytes(changed.read_bytes().replace("KẾ HOẠCH".encode(), "CHỈ THỊ".encode(), 1))
    done = kehoach("batch", str(folder), "-o", str(out), "--resume")
    assert "up to date (skipped)" in done.stderr.decode()
    doc = json.loads((out / "f" / f"{GOOD[0].name}.json").read_text())
    assert doc["doc_type"] == "CT"
    db = tmp_path / "k.db"
    kehoach("batch", str(folder), "--sqlite", str(db), "-q")
    kehoach("batch", str(folder), "--sqlite", str(db), "-q", "--resume")
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT input) FROM documents").fetchone() == (4, 4)


def test_library_resume_skips_unchanged(tmp_path):
    out = tmp_path / "o.jsonl"
    first = run_batch(iter_jobs(map(str, GOOD[:5])), JsonlSink(out), workers=1)
    again = run_batch(iter_jobs(map(str, GOOD[:5])), JsonlSink(out, resume=True), workers=1, resume=True)
    assert (first.succeeded, again.skipped, again.succeeded) == (5, 5, 0)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_torn_last_line_is_cut_on_resume(tmp_path):
    out = tmp_path / "o.jsonl"
    run_batch(iter_jobs(map(str, GOOD[:3])), JsonlSink(out), workers=1)
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"schema_version": "1", "doc_ty')  # killed mid-line
    run_batch(iter_jobs(map(str, GOOD[:4])), JsonlSink(out, resume=True), workers=1, resume=True)
    names = _jsonl_names(out)
    assert len(names) == 4 and len(set(names)) == 4


def test_usage_errors():
    assert kehoach("batch").returncode == 2
    assert kehoach("batch", "x", "-o", "a", "--jsonl", "b").returncode == 2
    assert kehoach("batch", "x", "--resume").returncode == 2


dask = pytest.importorskip("dask.distributed", reason="the dask extra is not installed (pip install 'kehoach[dask]')")


def test_dask_local_cluster_same_records(tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        db = tmp_path / "d.db"
        summary = run_batch(iter_jobs(map(str, GOOD)), SqliteSink(db), dask=cluster.scheduler_address)
    assert summary.succeeded == len(GOOD) and summary.failed == 0
    local = tmp_path / "l.db"
    run_batch(iter_jobs(map(str, GOOD)), SqliteSink(local), workers=1)
    a = sqlite3.connect(db).execute("SELECT input, symbol, json FROM documents ORDER BY input").fetchall()
    b = sqlite3.connect(local).execute("SELECT input, symbol, json FROM documents ORDER BY input").fetchall()
    assert a == b
