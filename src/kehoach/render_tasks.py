"""Render a :class:`~kehoach.tasks.TaskList`: JSON, CSV, a rich table, iCalendar (:mod:`kehoach.ics`)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from .tasks import TaskList

__all__ = ["TASK_FORMATS", "tasks_to_calendar", "tasks_to_csv", "tasks_to_json", "tasks_to_rich"]

TASK_FORMATS = ("table", "json", "csv", "ics")
CSV_COLUMNS = (
    "due",
    "deadline",
    "deadline_date",
    "recurrence",
    "body",
    "function",
    "function_label",
    "role",
    "action",
    "document",
    "doc_type",
    "issuer",
    "province",
    "province_2025",
    "date",
    "section",
    "line",
    "input",
    "title",
)


def tasks_to_json(t: TaskList, *, indent: int | None = 2) -> str:
    return t.model_dump_json(indent=indent)


def tasks_to_csv(t: TaskList) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for task in t.tasks:
        w.writerow(["" if getattr(task, c) is None else getattr(task, c) for c in CSV_COLUMNS])
    return buf.getvalue()


def tasks_to_calendar(t: TaskList, **kwargs) -> str:
    from .ics import tasks_to_ics

    name = "kehoach: " + (", ".join(f"{k}={v}" for k, v in t.filters.items()) or "nhiệm vụ")
    return tasks_to_ics(t.tasks, name=name, **kwargs)


def tasks_to_rich(t: TaskList) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Tasks ({len(t.tasks)} from {t.documents} documents)", show_lines=False, expand=True)
    table.add_column("due", no_wrap=True)
    table.add_column("body", ratio=2)
    table.add_column("role", no_wrap=True)
    table.add_column("task", ratio=4)
    table.add_column("deadline", ratio=2)
    table.add_column("document", ratio=2)
    for task in t.tasks:
        due = Text(task.due or "—", style="bold" if task.due else "dim")
        if task.recurrence:
            due.append(f" ↻{task.recurrence}", style="cyan")
        where = " ".join(
            x for x in (task.document, f"({task.province})" if task.province else "", task.section or "") if x
        )
        table.add_row(due, task.body, task.role, task.action, task.deadline or "", where)
    parts: list = [table]
    parts.extend(Text(f"note: {n}", style="yellow") for n in t.notes)
    return Group(*parts)
