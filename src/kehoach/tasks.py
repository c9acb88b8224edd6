"""Every task of an archive: who is tasked with what, by when, in which document.

A task is an assignment of a parsed document (:class:`~kehoach.models.Assignment`)
with the document it comes from. Bodies are matched by function, the same at
every level as in ``diff`` ("Ban Tuyên giáo" finds the tasks of the Ban Tuyên
giáo Tỉnh ủy, Huyện ủy and Đảng ủy Khối). A deadline's ``due`` is the first
day it falls on: the date itself for a day; the last day of a month or year
printed alone ("trong tháng 11/2025" is due 2025-11-30); for a recurring one
("trước ngày 15/11 hằng năm", "---20" every month) the first occurrence on or
after the document's date, or, when the document prints no date, after the
latest date it cites (a plan is issued after what it cites).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence

from pydantic import Field

from .models import Model

__all__ = ["Task", "TaskList", "document_anchor", "due_date", "select_tasks"]


class Task(Model):
    document: str = Field(description="the document's symbol, else its input")
    symbol: str | None = None
    doc_type: str | None = None
    title: str | None = None
    issuer: str | None = None
    province: str | None = None
    province_2025: str | None = None
    date: str | None = Field(None, description="the document's date")
    input: str
    body: str
    function: str | None = None
    function_label: str | None = None
    role: str
    action: str = ""
    deadline: str | None = Field(None, description="the deadline as printed")
    deadline_date: str | None = Field(
        None, description="as parsed: '2025-12-31', '2025-11', '--11-15' (yearly), '---20' (monthly)"
    )
    recurrence: str | None = None
    due: str | None = Field(None, description="the first day the deadline falls on (ISO)")
    anchor: str | None = Field(
        None, description="the date a recurring deadline is counted from: the document's, else the latest it cites"
    )
    section: str | None = None
    line: int | None = None


class TaskList(Model):
    documents: int = Field(description="documents read")
    filters: dict[str, str] = Field(default_factory=dict)
    tasks: list[Task] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEARLY = re.compile(r"^--(\d{2})-(\d{2})$")
_MONTHLY = re.compile(r"^---(\d{2})$")


def _safe_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_date(date: str | None, anchor: str | None) -> dt.date | None:
    """The first day a deadline's ``date`` falls on (see the module's doc)."""
    if not date:
        return None
    try:
        if _DAY.match(date):
            return dt.date.fromisoformat(date)
        if m := _MONTH.match(date):
            year, month = int(m.group(1)), int(m.group(2))
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if _YEAR.match(date):
            return dt.date(int(date), 12, 31)
        start = dt.date.fromisoformat(anchor) if anchor and _DAY.match(anchor) else None
        if start is None:
            return None
        if m := _YEARLY.match(date):
            month, day = int(m.group(1)), int(m.group(2))
            first = _safe_day(start.year, month, day)
            return first if first >= start else _safe_day(start.year + 1, month, day)
        if m := _MONTHLY.match(date):
            day = int(m.group(1))
            first = _safe_day(start.year, start.month, day)
            if first < start:
                year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
                first = _safe_day(year, month, day)
            return first
    except ValueError:
        return None
    return None


def document_anchor(doc) -> str | None:
    """The date a document's recurring deadlines count from: its own, else the latest it cites."""
    if doc.date and _DAY.match(doc.date):
        return doc.date
    cited = [r.date for r in doc.references if r.date and _DAY.match(r.date)]
    return max(cited) if cited else None


def _function_matches(wanted: str) -> tuple[str, str]:
    """The function of a body name ("Ban Tuyên giáo Tỉnh ủy" → "propaganda") and its folded form."""
    from .keys import body_function as function_of
    from .text import fold

    return function_of(wanted), " ".join(fold(wanted).split())


def _directive_inputs(symbol: str, entries: Sequence) -> set[str]:
    """The inputs of the documents that implement ``symbol`` (and of ``symbol`` itself)."""
    from .render_trace import walk
    from .trace import trace

    t = trace(symbol, entries)
    return {i for node, _ in walk(t) if node.in_sources for i in node.inputs}


def select_tasks(
    entries: Sequence,
    *,
    body: str | None = None,
    function: str | None = None,
    due_before: str | None = None,
    directive: str | None = None,
) -> TaskList:
    """The tasks of ``entries`` (:class:`kehoach.sources.Entry`) that match every filter given.

    ``body``: a body's name, matched by function at every level; ``function``: a
    function key ("propaganda") or label ("Ban Tuyên giáo"); ``due_before``: an
    ISO date, tasks due before it; ``directive``: a symbol, tasks of the
    documents that implement it, transitively (see :mod:`kehoach.trace`)."""
    from .diff import function_label
    from .keys import body_function as function_of
    from .text import fold

    result = TaskList(documents=len(entries))
    for name, value in (("body", body), ("function", function), ("due_before", due_before), ("directive", directive)):
        if value:
            result.filters[name] = value
    limit = dt.date.fromisoformat(due_before) if due_before else None
    wanted_function, wanted_name = _function_matches(body) if body else (None, None)
    function_key = " ".join(fold(function).split()) if function else None
    inputs = _directive_inputs(directive, entries) if directive else None
    if directive and not inputs:
        result.notes.append(f"no document in the sources implements {directive}")
    for entry in entries:
        if inputs is not None and entry.input not in inputs:
            continue
        doc = entry.doc
        anchor = document_anchor(doc)
        for a in doc.assignments:
            fn = a.function or function_of(a.body)
            label = function_label(fn, [a.body])
            if body and fn != wanted_function and (wanted_name or "") not in " ".join(fold(a.body).split()):
                continue
            if function_key and function_key not in (" ".join(fold(fn).split()), " ".join(fold(label).split())):
                continue
            deadline = a.deadline
            due = due_date(deadline.date if deadline else None, anchor)
            if limit is not None and (due is None or due >= limit):
                continue
            result.tasks.append(
                Task(
                    document=doc.symbol or entry.input,
                    symbol=doc.symbol,
                    doc_type=doc.doc_type,
                    title=doc.title,
                    issuer=doc.issuer.name,
                    province=entry.province,
                    province_2025=entry.province_2025,
                    date=doc.date,
                    input=entry.input,
                    body=a.body,
                    function=fn,
                    function_label=label,
                    role=a.role,
                    action=a.action,
                    deadline=deadline.text if deadline else None,
                    deadline_date=deadline.date if deadline else None,
                    recurrence=deadline.recurrence if deadline else None,
                    due=due.isoformat() if due else None,
                    anchor=anchor if deadline and deadline.recurrence else None,
                    section=a.section,
                    line=a.line,
                )
            )
    result.tasks.sort(key=lambda t: (t.due or "9999", t.document, t.line or 0))
    return result


def dated(tasks: Iterable[Task]) -> list[Task]:
    """The tasks whose deadline falls on a known day."""
    return [t for t in tasks if t.due]
