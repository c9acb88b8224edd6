"""Stage 5, render: a :class:`~kehoach.models.Document` as JSON, a rich table or Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from .models import Document, Section

__all__ = ["FORMATS", "MAX_SHOWN", "to_json", "to_markdown", "to_rich"]

FORMATS = ("json", "table", "markdown")
# sections, and rows of each table, the terminal table shows: it is for a person to read, and
# rich lays out a tree of 100,000 sections in a minute and 700 MB (JSON and Markdown hold all)
MAX_SHOWN = 400


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    return doc.model_dump_json(indent=indent)


def md_cell(text: str | None) -> str:
    """Text made safe for one cell of a Markdown table: pipes escaped, on one line."""
    return (text or "").replace("|", "\\|").replace("\n", " ")


def html_text(value: object) -> str:
    """A value as HTML text, escaped; None as nothing."""
    import html

    return html.escape("" if value is None else str(value))


def _md_sections(sections: list[Section], depth: int, out: list[str]) -> None:
    for s in sections:
        label = s.label or ""
        if depth == 0:
            out.append(f"## {label}. {s.heading or ''}".rstrip())
            if s.kind:
                out.append(f"*{s.kind}* — lines {s.lines[0]}–{s.lines[1]}")
            if s.text:
                out.append("")
                out.append(s.text)
            out.append("")
        else:
            indent = "  " * (depth - 1)
            body = s.heading or s.text
            if s.heading and s.text:
                body = f"**{s.heading}** — {s.text}"
            elif s.heading:
                body = f"**{s.heading}**"
            out.append(f"{indent}- `{label}` {md_cell(body)}")
        _md_sections(s.children, depth + 1, out)
        if depth == 0 and s.children:
            out.append("")


def to_markdown(doc: Document) -> str:
    out: list[str] = []
    title = doc.doc_type_name or "Văn bản"
    out.append(f"# {title} {doc.symbol or ''}".rstrip())
    if doc.title:
        out.append("")
        out.append(f"**{doc.title}**")
    out.append("")
    rows = [
        ("Cơ quan ban hành", doc.issuer.name),
        ("Cơ quan cấp trên", doc.issuer.parent),
        ("Số, ký hiệu", doc.symbol),
        ("Loại", doc.doc_type),
        ("Địa danh", doc.place),
        ("Ngày", doc.date),
        ("Người ký", " — ".join(x for x in (doc.signer.authority, doc.signer.position, doc.signer.name) if x) or None),
    ]
    out.append("| | |")
    out.append("|---|---|")
    for key, value in rows:
        out.append(f"| {key} | {md_cell(value) if value else '—'} |")
    out.append("")
    if doc.preamble:
        out.append(doc.preamble)
        out.append("")
    _md_sections(doc.sections, 0, out)
    if doc.references:
        out.append("## Văn bản được dẫn chiếu")
        out.append("")
        out.append("| Loại | Số, ký hiệu | Ngày | Cơ quan | Phạm vi | Dòng |")
        out.append("|---|---|---|---|---|---|")
        for r in doc.references:
            lines = ", ".join(str(m.line) for m in r.mentions)
            out.append(
                f"| {r.kind or ''} | {md_cell(r.symbol or r.title or '')} | {r.date or ''} | "
                f"{md_cell(r.issuer or '')} | {r.scope or ''} | {lines} |"
            )
        out.append("")
    if doc.assignments:
        out.append("## Phân công")
        out.append("")
        out.append("| Cơ quan | Vai trò | Thời hạn | Mục | Dòng |")
        out.append("|---|---|---|---|---|")
        for a in doc.assignments:
            deadline = a.deadline.text if a.deadline else ""
            out.append(f"| {md_cell(a.body)} | {a.role} | {md_cell(deadline)} | {a.section or ''} | {a.line or ''} |")
        out.append("")
    if doc.recipients:
        out.append("## Nơi nhận")
        out.append("")
        out.extend(f"- {r}" for r in doc.recipients)
        out.append("")
    if doc.warnings:
        out.append("## Cảnh báo")
        out.append("")
        out.extend(f"- `{w.code}`{f' (dòng {w.line})' if w.line else ''}: {w.message}" for w in doc.warnings)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_rich(doc: Document) -> RenderableType:
    """A header panel, the section tree, and tables of references, assignments, recipients and warnings.

    Every string taken from the document goes in as a :class:`rich.text.Text`, never as
    markup: a document that prints ``[/b]`` or ``[bold]`` (or ``:smile:``) shows it as printed.
    """
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    def plain(value: str | None) -> Text:
        return Text(value or "")

    def more(count: int, what: str) -> Text:
        return Text(f"… {count:,} more {what} (all of them in -f json or -f markdown)", style="dim")

    def capped(table: Table, rows: list, what: str) -> Table:
        for row in rows[:MAX_SHOWN]:
            table.add_row(*row)
        if len(rows) > MAX_SHOWN:
            table.caption = more(len(rows) - MAX_SHOWN, what)
        return table

    dash = Text("—", style="dim")
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold cyan", no_wrap=True)
    meta.add_column()
    for key, value in (
        ("Issuer", doc.issuer.name),
        ("Parent", doc.issuer.parent),
        ("Symbol", doc.symbol),
        ("Type", f"{doc.doc_type} ({doc.doc_type_name})" if doc.doc_type else None),
        ("Place, date", ", ".join(x for x in (doc.place, doc.date) if x) or None),
        ("Title", doc.title),
        ("Signer", " / ".join(x for x in (doc.signer.authority, doc.signer.position, doc.signer.name) if x) or None),
    ):
        meta.add_row(key, plain(value) if value else dash)
    title = Text(f"{doc.doc_type_name or 'Document'} {doc.symbol or ''}".rstrip(), style="bold")
    parts: list = [Panel(meta, title=title, expand=False)]
    tree = Tree(Text("Sections", style="bold"))
    shown = 0
    total = 0

    def add(branch, sections):
        nonlocal shown, total
        for s in sections:
            total += 1
            if shown >= MAX_SHOWN:
                add(branch, s.children)  # counted, not shown
                continue
            shown += 1
            text = s.heading or (s.text[:90] + ("…" if len(s.text) > 90 else ""))
            label = Text.assemble((s.label or "", "bold yellow"), " ", text)
            if s.kind:
                label.append(f" ({s.kind})", style="magenta")
            label.append(f" {s.lines[0]}–{s.lines[1]}", style="dim")
            add(branch.add(label), s.children)

    add(tree, doc.sections)
    if total > shown:
        tree.add(more(total - shown, "sections"))
    parts.append(tree)
    if doc.references:
        refs = Table(title="References", show_lines=False)
        for col in ("kind", "symbol", "date", "issuer", "scope", "lines"):
            refs.add_column(col)
        rows = [
            (
                plain(r.kind),
                plain(r.symbol or r.title),
                plain(r.date),
                plain(r.issuer),
                plain(r.scope),
                plain(",".join(str(m.line) for m in r.mentions)),
            )
            for r in doc.references
        ]
        parts.append(capped(refs, rows, "references"))
    if doc.assignments:
        table = Table(title="Assignments")
        for col in ("body", "role", "deadline", "section", "line"):
            table.add_column(col)
        assignment_rows = [
            (
                plain(a.body),
                plain(a.role),
                plain(a.deadline.text if a.deadline else ""),
                plain(a.section),
                plain(str(a.line or "")),
            )
            for a in doc.assignments
        ]
        parts.append(capped(table, assignment_rows, "assignments"))
    if doc.recipients:
        recipients = Table(title="Recipients (Nơi nhận)")
        recipients.add_column("#", justify="right")
        recipients.add_column("recipient")
        parts.append(capped(recipients, [(str(i), plain(r)) for i, r in enumerate(doc.recipients, 1)], "recipients"))
    if doc.warnings:
        warn = Table(title="Warnings", title_style="yellow")
        warn.add_column("code", style="yellow")
        warn.add_column("line")
        warn.add_column("message")
        parts.append(
            capped(
                warn, [(plain(w.code), plain(str(w.line or "")), plain(w.message)) for w in doc.warnings], "warnings"
            )
        )
    return Group(*parts)
