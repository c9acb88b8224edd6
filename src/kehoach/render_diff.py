"""Render a :class:`~kehoach.diff.Diff` or a :class:`~kehoach.compare.Comparison`:
JSON, a rich side-by-side view, Markdown, CSV (compare) and one self-contained
HTML file (inline CSS, no script, no network) that prints on A4."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .render import html_text as _h
from .render import md_cell as _md

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from .compare import Comparison
    from .diff import Diff, DiffSide, SectionPair

__all__ = [
    "COMPARE_FORMATS",
    "DIFF_FORMATS",
    "compare_to_csv",
    "compare_to_html",
    "compare_to_json",
    "compare_to_markdown",
    "compare_to_rich",
    "diff_to_html",
    "diff_to_json",
    "diff_to_markdown",
    "diff_to_rich",
]

DIFF_FORMATS = ("table", "json", "markdown", "html")
COMPARE_FORMATS = ("table", "json", "csv", "markdown", "html")
CHANGE_CHARS = 600  # characters of word-level changes shown per item in a table cell
CLOSE_MATCH = 0.6  # a matched item scoring this or more is shown green (close), below it yellow

_STATUS_VI = {"matched": "tương ứng", "only_a": "chỉ có ở A", "only_b": "chỉ có ở B"}


def _side_title(side: DiffSide) -> str:
    bits = [side.symbol or "(không số)", side.issuer or "", side.date or "", _province(side)]
    return " — ".join(b for b in bits if b)


def _province(side: DiffSide) -> str:
    if not side.province:
        return ""
    if side.province_2025 and side.province_2025 != side.province:
        return f"{side.province} (nay: {side.province_2025})"
    return side.province


def _section_label(path: str | None, heading: str | None, excerpt: str | None = None) -> str:
    if path is None:
        return ""
    if heading:
        return f"{path} {heading}"
    return f"{path} {excerpt}" if excerpt else path


def _labels(r: SectionPair) -> tuple[str, str]:
    return _section_label(r.a, r.a_heading, r.a_excerpt), _section_label(r.b, r.b_heading, r.b_excerpt)


def _changed(r: SectionPair) -> bool:
    return r.status == "matched" and any(op != "=" for op, _ in r.changes)


# -- JSON --------------------------------------------------------------------


def diff_to_json(d: Diff, *, indent: int | None = 2) -> str:
    return d.model_dump_json(indent=indent)


def compare_to_json(c: Comparison, *, indent: int | None = 2) -> str:
    return c.model_dump_json(indent=indent)


# -- Markdown ----------------------------------------------------------------


def _md_changes(changes: list[tuple[str, str]]) -> str:
    out = []
    for op, text in changes:
        text = _md(text)
        out.append(text if op == "=" else f"~~{text}~~" if op == "-" else f"**{text}**")
    return " ".join(out)


def diff_to_markdown(d: Diff) -> str:
    out = ["# So sánh văn bản", ""]
    out.append("| | A | B |")
    out.append("|---|---|---|")
    for key, attr in (
        ("Số, ký hiệu", "symbol"),
        ("Cơ quan ban hành", "issuer"),
        ("Ngày", "date"),
        ("Trích yếu", "title"),
    ):
        out.append(f"| {key} | {_md(getattr(d.a, attr))} | {_md(getattr(d.b, attr))} |")
    out.append(f"| Tỉnh (sau sáp nhập 2025) | {_md(_province(d.a))} | {_md(_province(d.b))} |")
    out.append(f"| Tệp | {_md(d.a.path)} | {_md(d.b.path)} |")
    out.append("")
    out.append(
        f"Mức tương đồng: **{d.similarity:.2f}** (ngưỡng ghép {d.threshold:.2f}; so sánh theo "
        f"{'từ' if d.segmentation == 'words' else 'âm tiết'})."
    )
    out.append("")
    out.append("## Phần, mục")
    out.append("")
    out.append("| A | B | Điểm | Trạng thái |")
    out.append("|---|---|---|---|")
    for r in d.sections:
        indent = "&nbsp;&nbsp;" if r.level == 2 else ""
        label_a, label_b = _labels(r)
        a = indent + _md(label_a) if r.a else ""
        b = indent + _md(label_b) if r.b else ""
        score = f"{r.score:.2f}" if r.score is not None else ""
        status = _STATUS_VI[r.status] + (" (chuyển mục)" if r.moved else "")
        out.append(f"| {a} | {b} | {score} | {status} |")
    out.append("")
    changed = [r for r in d.sections if _changed(r)]
    if changed:
        out.append("## Khác biệt trong các mục tương ứng")
        out.append("")
        out.append("~~gạch ngang~~: chỉ có ở A; **đậm**: chỉ có ở B.")
        out.append("")
        for r in changed:
            out.append(f"### {r.a} ↔ {r.b} ({r.score:.2f})")
            out.append("")
            out.append(_md_changes(r.changes))
            out.append("")
    out.append("## Văn bản được dẫn chiếu")
    out.append("")
    for key, label in (("both", "Cả hai"), ("only_a", "Chỉ A"), ("only_b", "Chỉ B")):
        values = getattr(d.references, key) + getattr(d.references_by_name, key)
        out.append(f"- **{label}**: {', '.join(_md(v) for v in values) if values else '—'}")
    out.append("")
    out.append("## Cơ quan được giao nhiệm vụ (theo chức năng)")
    out.append("")
    out.append("| Chức năng | A | B | Thời hạn A | Thời hạn B |")
    out.append("|---|---|---|---|---|")
    for row in d.bodies:
        out.append(
            f"| {_md(row.label)} | {_md('; '.join(row.a)) or '—'} | {_md('; '.join(row.b)) or '—'} "
            f"| {_md('; '.join(row.deadlines_a))} | {_md('; '.join(row.deadlines_b))} |"
        )
    out.append("")
    if d.notes:
        out.append("## Ghi chú")
        out.append("")
        out.extend(f"- {_md(n)}" for n in d.notes)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_matrix(out: list[str], title: str, first: str, columns: int, rows) -> None:
    """A Markdown matrix: a title, a header of document numbers, (label, cells) rows."""
    out.append(f"## {title}")
    out.append("")
    out.append(f"| {first} | " + " | ".join(str(i + 1) for i in range(columns)) + " |")
    out.append("|---|" + "---|" * columns)
    for label, cells in rows:
        out.append(f"| {_md(label)} | " + " | ".join(cells) + " |")
    out.append("")


def compare_to_markdown(c: Comparison) -> str:
    names = [s.symbol or s.path or f"#{i + 1}" for i, s in enumerate(c.documents)]
    out = ["# So sánh nhiều văn bản", ""]
    out.append("| # | Văn bản | Cơ quan | Tỉnh |")
    out.append("|---|---|---|---|")
    for i, s in enumerate(c.documents):
        out.append(f"| {i + 1} | {_md(names[i])} | {_md(s.issuer)} | {_md(_province(s))} |")
    out.append("")
    n = len(names)
    _md_matrix(
        out,
        "Nhiệm vụ",
        "Chủ đề",
        n,
        (
            (f"{t.theme} {t.label}", [f"{cell.path} ({cell.score:.2f})" if cell else "—" for cell in t.cells])
            for t in c.themes
        ),
    )
    _md_matrix(
        out,
        "Văn bản được dẫn chiếu",
        "Văn bản",
        n,
        (
            (
                (r.symbol or r.title or "") + (f" ({r.province})" if r.province else ""),
                ["✓" if p else "" for p in r.present],
            )
            for r in c.references
        ),
    )
    _md_matrix(
        out,
        "Cơ quan được giao nhiệm vụ",
        "Chức năng",
        n,
        ((b.label, [", ".join(r) if r else "" for r in b.roles]) for b in c.bodies),
    )
    return "\n".join(out).rstrip() + "\n"


# -- CSV ---------------------------------------------------------------------


def compare_to_csv(c: Comparison) -> str:
    """One CSV with three blocks, distinguished by the first column (matrix):
    theme, reference, body; one column per document."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    names = [s.path or s.symbol or f"#{i + 1}" for i, s in enumerate(c.documents)]
    w.writerow(["matrix", "row", "label", *names])
    for t in c.themes:
        w.writerow(["theme", t.theme, t.label, *[f"{cell.path} {cell.score:.2f}" if cell else "" for cell in t.cells]])
    for r in c.references:
        label = (r.symbol or r.title or "") + (f" @ {r.province}" if r.province else "")
        w.writerow(["reference", r.scope or "", label, *["1" if p else "0" for p in r.present]])
    for b in c.bodies:
        w.writerow(["body", b.function, b.label, *[";".join(r) if r else "" for r in b.roles]])
    return buf.getvalue()


# -- rich --------------------------------------------------------------------


def _rich_changes(changes: list[tuple[str, str]], side: str, *, plain: bool):
    """One side of the word-level changes; ``plain`` marks them [-so-] and {+so+}
    for a file, where colours are lost."""
    from rich.text import Text

    text = Text()
    shown = 0
    for op, words in changes:
        if op not in ("=", side):
            continue
        if shown >= CHANGE_CHARS:
            text.append(" …", style="dim")
            break
        words = words[: CHANGE_CHARS - shown + 40]
        shown += len(words)
        if text:
            text.append(" ")
        if op == "=":
            text.append(words, style="dim")
        elif op == "-":
            text.append(f"[-{words}-]" if plain else words, style="bold red strike")
        else:
            text.append(f"{{+{words}+}}" if plain else words, style="bold green underline")
    return text


def diff_to_rich(d: Diff, *, changes: bool = True, plain: bool = False) -> RenderableType:
    """Side by side: A | score | B. ``plain``: mark changed words for a file
    or a terminal without colour ([-only in A-], {+only in B+})."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts: list = []
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan")
    head.add_column()
    for letter, side in (("A", d.a), ("B", d.b)):
        head.add_row(letter, Text(_side_title(side)) + (Text(f"  {side.path}", style="dim") if side.path else Text("")))
    head.add_row("similarity", f"{d.similarity:.2f}  [dim](threshold {d.threshold:.2f}, {d.segmentation})[/dim]")
    parts.append(Panel(head, title="[bold]kehoach diff[/bold]", expand=False))

    table = Table(show_lines=True, expand=True, title="Parts and items")
    table.add_column("A", ratio=1)
    table.add_column("score", justify="right", no_wrap=True, width=7)
    table.add_column("B", ratio=1)
    for r in d.sections:
        indent = "  " if r.level == 2 else ""
        style = "bold" if r.level == 1 else ""
        text_a, text_b = _labels(r)
        label_a, label_b = Text(indent + text_a, style=style), Text(indent + text_b, style=style)
        if r.status == "matched":
            if changes and r.level == 2 and _changed(r):
                label_a = Text.assemble(
                    Text(indent + (r.a or ""), style="bold"), "\n", _rich_changes(r.changes, "-", plain=plain)
                )
                label_b = Text.assemble(
                    Text(indent + (r.b or ""), style="bold"), "\n", _rich_changes(r.changes, "+", plain=plain)
                )
            colour = "green" if (r.score or 0) >= CLOSE_MATCH else "yellow"
            score = Text(f"{r.score:.2f}" + (" ↕" if r.moved else ""), style=colour)
        elif r.status == "only_a":
            label_a.stylize("red")
            label_b = Text("— only in A —", style="dim red")
            score = Text("")
        else:
            label_b.stylize("blue")
            label_a = Text("— only in B —", style="dim blue")
            score = Text("")
        table.add_row(label_a, score, label_b)
    parts.append(table)

    refs = Table(title="Cited documents", expand=False)
    refs.add_column("both", style="green")
    refs.add_column("only A", style="red")
    refs.add_column("only B", style="blue")
    refs.add_row(
        *(
            "\n".join(getattr(d.references, k) + getattr(d.references_by_name, k)) or "—"
            for k in ("both", "only_a", "only_b")
        )
    )
    parts.append(refs)

    bodies = Table(title="Tasked bodies, by function")
    bodies.add_column("function", style="bold")
    bodies.add_column("A")
    bodies.add_column("B")
    bodies.add_column("deadlines A / B")
    for row in d.bodies:
        style = "green" if row.a and row.b else ("red" if row.a else "blue")
        deadlines = " / ".join(x for x in ("; ".join(row.deadlines_a), "; ".join(row.deadlines_b)) if x)
        bodies.add_row(Text(row.label, style=style), "\n".join(row.a) or "—", "\n".join(row.b) or "—", deadlines)
    parts.append(bodies)
    for note in d.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    return Group(*parts)


_ROLE_LETTER = {"lead": "L", "coordinate": "C", "advise": "A", "monitor": "M", "implement": "I"}


def compare_to_rich(c: Comparison) -> RenderableType:
    """Documents, then the three matrices. With many documents the cells shrink
    to one mark each (● present, · absent; role initials) so that the matrix
    still fits a terminal; the JSON, CSV and HTML keep every detail."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    n = len(c.documents)
    compact = n > 8
    docs = Table(title="Documents")
    docs.add_column("#", justify="right")
    docs.add_column("symbol")
    docs.add_column("issuer")
    docs.add_column("province")
    docs.add_column("file", style="dim")
    for i, s in enumerate(c.documents):
        docs.add_row(str(i + 1), s.symbol or "", s.issuer or "", _province(s), s.path or "")

    def matrix(title: str, first: str) -> Table:
        table = Table(title=title, pad_edge=False, padding=(0, 0 if compact else 1))
        table.add_column(first, min_width=28, max_width=60, overflow="fold")
        for i in range(n):
            table.add_column(
                str(i + 1) if not compact else str((i + 1) % 10), justify="center", no_wrap=True, min_width=1
            )
        return table

    themes = matrix(f"Task themes (threshold {c.threshold:.2f})", "theme")
    for t in c.themes:
        cells = []
        for cell in t.cells:
            if cell is None:
                cells.append(Text("·", style="dim red"))
            else:
                style = "green" if cell.score >= CLOSE_MATCH else "yellow"
                cells.append(Text("●" if compact else cell.path, style=style))
        themes.add_row(Text.assemble((t.theme, "bold"), " ", t.label, (f"  [{t.coverage}/{n}]", "dim")), *cells)
    refs = matrix("Cited documents", "document")
    for r in c.references:
        label = Text(r.symbol or r.title or "") + (Text(f" ({r.province})", style="dim") if r.province else Text(""))
        refs.add_row(
            label, *[Text("●" if compact else "✓", style="green") if p else Text("·", style="dim") for p in r.present]
        )
    bodies = matrix(
        "Tasked bodies (L lead, C coordinate, A advise, M monitor, I implement)" if compact else "Tasked bodies",
        "function",
    )
    for b in c.bodies:
        cells = []
        for roles in b.roles:
            if not roles:
                cells.append(Text("·", style="dim"))
            else:
                cells.append(
                    Text(
                        "".join(_ROLE_LETTER.get(r, "?") for r in roles) if compact else ",".join(roles), style="green"
                    )
                )
        bodies.add_row(b.label, *cells)
    parts: list[Table | Text] = [docs, themes, refs, bodies]
    parts.extend(Text(f"note: {note}", style="yellow") for note in c.notes)
    return Group(*parts)


# -- HTML --------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:"Noto Serif","Times New Roman",Times,serif;margin:0 auto;padding:16px;
max-width:1200px;color:#111;line-height:1.45}
h1{font-size:1.4em;margin:.2em 0}
h2{font-size:1.15em;margin:1.2em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border:1px solid #bbb;padding:4px 6px;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
th{background:#eee;text-align:left}
.meta th{width:18%}
.score{width:5.5em;text-align:center;white-space:nowrap}
.l2 .label{padding-left:1.5em}
.level1 td{background:#f6f6f6;font-weight:bold}
.only_a .a,.clause .a.oa,.chip.oa,.sw.oa{background:#fde2e2}
.only_b .b,.clause .b.ob,.chip.ob,.sw.ob{background:#dde9fb}
.chip.both,.sw.both{background:#d7f0dc}
.clause td{border-top:1px dotted #ccc;font-size:.95em}
.clause td.same{color:#555}
.clause td.gap{background:repeating-linear-gradient(45deg,#fafafa,#fafafa 6px,#f0f0f0 6px,#f0f0f0 12px)}
.missing{color:#888;font-style:italic}
del{background:#f7bcbc;color:#600;text-decoration:line-through}
ins{background:#bcd4f7;color:#0a2d66;text-decoration:underline}
.excerpt{font-size:.9em;margin-top:.3em}
.tick{text-align:center}
.chip{display:inline-block;padding:0 .4em;border-radius:3px;background:#eee;margin:1px}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;margin:.5em 0;font-size:.95em}
.sw{display:inline-block;width:1.1em;height:1em;vertical-align:-.12em;border:1px solid #999;margin-right:.3em}
.summary{width:auto;min-width:50%}
.summary td,.summary th{text-align:right;padding:3px 10px}
.summary th:first-child,.summary td:first-child{text-align:left}
.note{color:#7a5b00}
@media print{body{max-width:none;padding:0;font-size:10.5pt}
tr{page-break-inside:avoid}h2{page-break-after:avoid}.legend{page-break-after:avoid}}
@page{size:A4;margin:15mm}
"""


def _html_page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_h(title)}</title><style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _html_changes(changes: list[tuple[str, str]], side: str) -> str:
    out = []
    for op, words in changes:
        if op == "=":
            out.append(_h(words))
        elif op == side:
            out.append(f"<{'del' if op == '-' else 'ins'}>{_h(words)}</{'del' if op == '-' else 'ins'}>")
    return " ".join(out)


_CLAUSE_END = re.compile(r"(?<=[.;:!?])\s+(?=\S)|\s+(?=[-+•–]\s)")
CLAUSE_MATCH = 0.55  # two clauses with at least this likeness are the same clause, changed
WORDS_KEPT = 0.5  # a pair of clauses sharing fewer of their words is shown whole on both sides, not as word changes


def _sides(changes: list[tuple[str, str]]) -> tuple[str, str]:
    """The two items' texts, back from their word-level changes."""
    a = " ".join(w for op, w in changes if op in ("=", "-"))
    b = " ".join(w for op, w in changes if op in ("=", "+"))
    return a, b


def clauses(text: str, heading: str | None = None) -> list[str]:
    """A text's sentences and clauses (split after . ; : ! ? and before dash items), its heading first."""
    text = " ".join(text.split())
    out: list[str] = []
    if heading:
        head = " ".join(heading.split())
        if text.lower().startswith(head.lower()):
            out.append(text[: len(head)])
            text = text[len(head) :].strip()
    out.extend(p.strip() for p in _CLAUSE_END.split(text) if p.strip())
    return out


def _likeness(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    from .text import lower

    return fuzz.ratio(lower(a), lower(b)) / 100.0


def align_clauses(a: Sequence[str], b: Sequence[str]) -> list[tuple[int | None, int | None, float]]:
    """Clauses of two texts paired in order (an alignment that keeps both orders and
    maximises the summed likeness of pairs ≥ CLAUSE_MATCH); (i, None) and (None, j)
    for a clause only one side has."""
    n, m = len(a), len(b)
    sim = [[_likeness(x, y) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= CLAUSE_MATCH else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int | None, int | None, float]] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and sim[i][j] >= CLAUSE_MATCH and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            out.append((i, j, sim[i][j]))
            i, j = i + 1, j + 1
        elif i < n and (j >= m or best[i][j] == best[i + 1][j]):
            out.append((i, None, 0.0))
            i += 1
        else:
            out.append((None, j, 0.0))
            j += 1
    return out


def _clause_rows(r: SectionPair) -> list[str]:
    """The rows of a changed item: aligned clauses side by side, word changes inside them;
    a clause only one side has shown whole against a blank."""
    from .similarity import word_changes

    text_a, text_b = _sides(r.changes)
    ca, cb = clauses(text_a, r.a_heading), clauses(text_b, r.b_heading)
    rows = []
    for i, j, score in align_clauses(ca, cb):
        if i is not None and j is not None:
            changes = word_changes(ca[i], cb[j])
            kept = (
                2
                * sum(len(w.split()) for op, w in changes if op == "=")
                / max(1, len(ca[i].split()) + len(cb[j].split()))
            )
            if all(op == "=" for op, _ in changes):
                a, b, cls_a, cls_b, mark = _h(ca[i]), _h(cb[j]), "same", "same", "="
            elif kept >= WORDS_KEPT:
                a, b, cls_a, cls_b, mark = (
                    _html_changes(changes, "-"),
                    _html_changes(changes, "+"),
                    "changed",
                    "changed",
                    f"{score:.2f}",
                )
            else:  # rewritten: each side whole
                a, b, cls_a, cls_b, mark = _h(ca[i]), _h(cb[j]), "oa", "ob", "≠"
        elif i is not None:
            a, b, cls_a, cls_b, mark = _h(ca[i]), "", "oa", "gap", "A"
        else:
            assert j is not None
            a, b, cls_a, cls_b, mark = "", _h(cb[j]), "gap", "ob", "B"
        rows.append(
            f'<tr class="clause"><td class="a {cls_a}">{a}</td><td class="score"><small>{mark}</small></td><td '
            f'class="b {cls_b}">{b}</td></tr>'
        )
    return rows


def _summary(d: Diff) -> list[str]:
    def count(level: int, status: str) -> int:
        return sum(1 for r in d.sections if r.level == level and r.status == status)

    moved = sum(1 for r in d.sections if r.moved)
    refs = [len(getattr(d.references, k)) + len(getattr(d.references_by_name, k)) for k in ("both", "only_a", "only_b")]
    bodies = [len(getattr(d.assignments, k)) for k in ("both", "only_a", "only_b")]
    rows = [
        ("Phần (I, II …)", [count(1, s) for s in ("matched", "only_a", "only_b")]),
        ("Mục" + (f" ({moved} chuyển phần)" if moved else ""), [count(2, s) for s in ("matched", "only_a", "only_b")]),
        ("Văn bản được dẫn chiếu", refs),
        ("Cơ quan được giao (theo chức năng)", bodies),
    ]
    out = ['<table class="summary"><tr><th></th><th>cả hai</th><th>chỉ A</th><th>chỉ B</th></tr>']
    for label, (both, only_a, only_b) in rows:
        out.append(f"<tr><td>{_h(label)}</td><td>{both}</td><td>{only_a}</td><td>{only_b}</td></tr>")
    out.append("</table>")
    return out


_LEGEND = (
    '<div class="legend">'
    '<span><span class="sw oa"></span>chỉ có ở A (<del>gạch ngang</del>)</span>'
    '<span><span class="sw ob"></span>chỉ có ở B (<ins>gạch dưới</ins>)</span>'
    '<span><span class="sw both"></span>có ở cả hai</span>'
    "<span>trong một mục: câu, ý tương ứng đặt cạnh nhau, chữ thay đổi đánh dấu trong câu (điểm: độ giống của câu; "
    "= giống hệt; ≠ viết lại); câu chỉ một bên có hiện nguyên câu (A hoặc B)</span></div>"
)


def diff_to_html(d: Diff) -> str:
    body = ["<h1>So sánh văn bản</h1>", '<table class="meta"><tr><th></th><th>A</th><th>B</th></tr>']
    for key, attr in (
        ("Số, ký hiệu", "symbol"),
        ("Cơ quan ban hành", "issuer"),
        ("Ngày", "date"),
        ("Trích yếu", "title"),
        ("Tệp", "path"),
    ):
        body.append(f"<tr><th>{key}</th><td>{_h(getattr(d.a, attr))}</td><td>{_h(getattr(d.b, attr))}</td></tr>")
    body.append(f"<tr><th>Tỉnh (sau 01/7/2025)</th><td>{_h(_province(d.a))}</td><td>{_h(_province(d.b))}</td></tr>")
    body.append("</table>")
    body.append(
        f"<p>Mức tương đồng <b>{d.similarity:.2f}</b>; ngưỡng ghép {d.threshold:.2f}; so sánh theo "
        f"{'từ (tách từ underthesea)' if d.segmentation == 'words' else 'âm tiết'}.</p>"
    )
    body.extend(_summary(d))
    body.append(_LEGEND)
    body.append("<h2>Phần, mục</h2>")
    body.append('<table class="sections"><colgroup><col><col class="score"><col></colgroup>')
    body.append('<tr><th class="col-a">A</th><th class="score">Điểm</th><th class="col-b">B</th></tr>')
    for r in d.sections:
        cls = f"{r.status} l{r.level}" + (" level1" if r.level == 1 and r.status == "matched" else "")
        label_a, label_b = _labels(r)
        changed = r.level == 2 and _changed(r)
        if changed:  # the heading is the first clause below
            label_a, label_b = r.a or "", r.b or ""
        a = f'<div class="label">{_h(label_a)}</div>' if r.a else '<span class="missing">— không có ở A —</span>'
        b = f'<div class="label">{_h(label_b)}</div>' if r.b else '<span class="missing">— không có ở B —</span>'
        score = f"{r.score:.2f}" + (" ↕" if r.moved else "") if r.score is not None else ""
        body.append(
            f'<tr class="{cls}"><td class="a">{a}</td><td class="score">{score}</td><td class="b">{b}</td></tr>'
        )
        if changed:
            body.extend(_clause_rows(r))
    body.append("</table>")
    body.append("<h2>Văn bản được dẫn chiếu</h2><p>")
    for key, cls, label in (("both", "both", "cả hai"), ("only_a", "oa", "chỉ A"), ("only_b", "ob", "chỉ B")):
        for v in getattr(d.references, key) + getattr(d.references_by_name, key):
            body.append(f'<span class="chip {cls}" title="{label}">{_h(v)}</span>')
    body.append("</p>")
    body.append("<h2>Cơ quan được giao nhiệm vụ (theo chức năng)</h2>")
    body.append('<table class="bodies"><tr><th>Chức năng</th><th>A</th><th>B</th></tr>')
    for row in d.bodies:
        cls = "both" if row.a and row.b else ("oa" if row.a else "ob")
        da = f"<br><small>{_h('; '.join(row.deadlines_a))}</small>" if row.deadlines_a else ""
        db = f"<br><small>{_h('; '.join(row.deadlines_b))}</small>" if row.deadlines_b else ""
        body.append(
            f'<tr><td><span class="chip {cls}">{_h(row.label)}</span></td>'
            f"<td>{_h('; '.join(row.a)) or '—'}{da}</td><td>{_h('; '.join(row.b)) or '—'}{db}</td></tr>"
        )
    body.append("</table>")
    body.extend(f'<p class="note">{_h(n)}</p>' for n in d.notes)
    return _html_page(f"So sánh {d.a.symbol or 'A'} – {d.b.symbol or 'B'}", body)


def compare_to_html(c: Comparison) -> str:
    n = len(c.documents)
    body = [
        "<h1>So sánh nhiều văn bản</h1>",
        '<table class="meta"><tr><th>#</th><th>Số, ký hiệu</th><th>Cơ quan</th><th>Tỉnh</th><th>Tệp</th></tr>',
    ]
    for i, s in enumerate(c.documents):
        body.append(
            f"<tr><td>{i + 1}</td><td>{_h(s.symbol)}</td><td>{_h(s.issuer)}</td>"
            f"<td>{_h(_province(s))}</td><td>{_h(s.path)}</td></tr>"
        )
    body.append("</table>")
    head = "".join(f'<th class="tick">{i + 1}</th>' for i in range(n))
    col = f'<colgroup><col style="width:30%">{"<col>" * n}</colgroup>'
    body.append(
        f'<h2>Nhiệm vụ (ngưỡng {c.threshold:.2f})</h2><table class="themes">{col}<tr><th>Chủ đề</th>{head}</tr>'
    )
    for t in c.themes:
        cells = "".join(
            f'<td class="tick both" title="{_h(cell.heading)}">{_h(cell.path)}<br><small>{cell.score:.2f}</small></td>'
            if cell
            else '<td class="tick missing">—</td>'
            for cell in t.cells
        )
        body.append(f"<tr><td><b>{t.theme}</b> {_h(t.label)}</td>{cells}</tr>")
    body.append("</table>")
    body.append(f'<h2>Văn bản được dẫn chiếu</h2><table class="refs">{col}<tr><th>Văn bản</th>{head}</tr>')
    for r in c.references:
        label = _h(r.symbol or r.title) + (f" <small>({_h(r.province)})</small>" if r.province else "")
        body.append(
            f"<tr><td>{label}</td>"
            + "".join('<td class="tick both">✓</td>' if p else '<td class="tick"></td>' for p in r.present)
            + "</tr>"
        )
    body.append("</table>")
    body.append(f'<h2>Cơ quan được giao nhiệm vụ</h2><table class="bodies">{col}<tr><th>Chức năng</th>{head}</tr>')
    for b in c.bodies:
        body.append(
            f"<tr><td>{_h(b.label)}</td>"
            + "".join(
                f'<td class="tick both">{_h(", ".join(r))}</td>' if r else '<td class="tick"></td>' for r in b.roles
            )
            + "</tr>"
        )
    body.append("</table>")
    body.extend(f'<p class="note">{_h(x)}</p>' for x in c.notes)
    return _html_page("So sánh nhiều văn bản", body)
