"""Tasks as an iCalendar file (RFC 5545): one all-day event per dated deadline.

Written by hand rather than with the ``icalendar`` package: the subset needed
(VCALENDAR, VEVENT with DATE values, RRULE, text escaping and line folding at
75 octets) is small, and a calendar should not cost every user of the library
a runtime dependency. The test suite checks the output with ``icalendar``
(the ``test`` extra) and for what common calendar programs need: CRLF lines,
a UID and DTSTAMP on each event, DTEND after DTSTART.

A deadline on a day is an event on that day; one printed as a month or a year
falls on its last day (see :func:`kehoach.tasks.due_date`). A recurring
deadline carries an RRULE from its first occurrence: "trước ngày 15/11 hằng
năm" is ``FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15``, "trước ngày 20 hằng tháng"
``FREQ=MONTHLY;BYMONTHDAY=20``. The document, the body, its role, the task and
the deadline as printed are in the DESCRIPTION.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from . import __version__

__all__ = ["rrule", "tasks_to_ics"]

_ROLE_VI = {
    "lead": "chủ trì",
    "coordinate": "phối hợp",
    "advise": "tham mưu",
    "monitor": "theo dõi, đôn đốc, kiểm tra",
    "implement": "thực hiện",
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """A content line cut into pieces of at most 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return out


def rrule(date: str | None, recurrence: str | None, due: dt.date) -> str | None:
    """The RRULE of a recurring deadline, or None."""
    if not recurrence:
        return None
    if recurrence == "yearly":
        return f"FREQ=YEARLY;BYMONTH={due.month};BYMONTHDAY={due.day}"
    if recurrence == "monthly":
        return f"FREQ=MONTHLY;BYMONTHDAY={due.day}"
    if recurrence == "quarterly":
        return f"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY={due.day}"
    if recurrence == "semiannual":
        return f"FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY={due.day}"
    if recurrence == "weekly":
        return "FREQ=WEEKLY"
    return None


def _description(t) -> str:
    lines = [f"Văn bản: {t.document}" + (f" ({t.issuer})" if t.issuer else "")]
    if t.title:
        lines.append(f"Trích yếu: {t.title}")
    lines.append(f"Cơ quan: {t.body} ({_ROLE_VI.get(t.role, t.role)})")
    if t.action:
        lines.append(f"Nhiệm vụ: {t.action}")
    if t.deadline:
        lines.append(f"Thời hạn: {t.deadline}")
    if t.recurrence and t.anchor and t.anchor != t.date:
        lines.append(f"(Văn bản không ghi ngày ban hành: lặp lại tính từ {t.anchor}, ngày muộn nhất văn bản dẫn chiếu)")
    where = ", ".join(
        x for x in (f"mục {t.section}" if t.section else "", f"dòng {t.line}" if t.line else "", t.input) if x
    )
    lines.append(f"Nguồn: {where}")
    return "\n".join(lines)


def _summary(t) -> str:
    action = " ".join(t.action.split())
    if len(action) > 80:
        action = action[:79].rstrip() + "…"
    return f"{t.body}: {action}" if action else f"{t.body} ({t.document})"


def tasks_to_ics(tasks: Iterable, *, name: str = "kehoach", stamp: dt.datetime | None = None) -> str:
    """An iCalendar file of the tasks that have a due day (the others have no place in a calendar)."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    dtstamp = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//kehoach//kehoach {__version__}//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for t in tasks:
        if not t.due:
            continue
        due = dt.date.fromisoformat(t.due)
        uid = hashlib.sha1(
            "\x1f".join(map(str, (t.input, t.section, t.line, t.body, t.deadline))).encode("utf-8")
        ).hexdigest()[:20]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@kehoach",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + dt.timedelta(days=1):%Y%m%d}",
        ]
        rule = rrule(t.deadline_date, t.recurrence, due)
        if rule:
            lines.append(f"RRULE:{rule}")
        lines += [
            f"SUMMARY:{_escape(_summary(t))}",
            f"DESCRIPTION:{_escape(_description(t))}",
            f"CATEGORIES:{_escape(t.function_label or t.function or 'nhiệm vụ')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))
