"""Every command of docs/trace.md, run in order on a subset of the wild corpus
(the documents about Nghị quyết 57-NQ/TW and a few with deadlines) and on the seeds."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

from kehoach.cli import main
from tests.conftest import ROOT, SEEDS, SHARED

DOC = ROOT / "docs" / "trace.md"
WILD = SHARED / "corpus" / "wild" / "docs"
# the wild documents that cite 57-NQ/TW or its programmes, and some with dated and monthly deadlines
SUBSET = ["0009", "0017", "0021", "0022", "0024", "0025", "0030", "0038", "0058", "0076", "0080", "0089"]


def commands() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", text, re.S)
    return [line[2:].strip() for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def test_the_walkthrough_has_commands():
    found = commands()
    assert len(found) >= 8 and all(c.startswith("kehoach ") for c in found)


@pytest.mark.skipif(not WILD.is_dir() or not SEEDS.is_dir(), reason="../shared/corpus is not beside the project")
def test_every_command_of_the_walkthrough_runs(tmp_path, monkeypatch):
    subset = tmp_path / "wild"
    subset.mkdir()
    for name in SUBSET:
        shutil.copy(WILD / f"{name}.txt", subset / f"{name}.txt")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command in commands():
        args = shlex.split(command)[1:]
        args = [
            str(subset) if a == "../shared/corpus/wild/docs" else str(SEEDS) if a == "../shared/corpus/seeds" else a
            for a in args
        ]
        if args[0] in ("trace", "tasks") and "w.db" not in args:
            args += ["-j", "1"]
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, (command, result.output)
        if "-o" in args:
            out = tmp_path / args[args.index("-o") + 1]
            assert out.exists() and out.stat().st_size > 100, command
    trace = json.loads((tmp_path / "57-NQ.json").read_text(encoding="utf-8"))
    assert {c["province_2025"] for c in trace["coverage"] if c["documents"]} >= {
        "Bắc Ninh",
        "Đồng Nai",
        "Đồng Tháp",
        "Hà Nội",
        "Nghệ An",
    }
    assert "<!DOCTYPE html>" in (tmp_path / "57-NQ.html").read_text(encoding="utf-8")
    icalendar = pytest.importorskip("icalendar")
    seeds = icalendar.Calendar.from_ical((tmp_path / "seeds.ics").read_bytes())
    rules = [e["RRULE"] for e in seeds.walk("VEVENT") if e.get("RRULE")]
    assert rules and all(r["FREQ"] == ["YEARLY"] and r["BYMONTH"] == [11] and r["BYMONTHDAY"] == [15] for r in rules)
    icalendar.Calendar.from_ical((tmp_path / "han.ics").read_bytes())
