"""Render a :class:`~kehoach.trace.Trace`: JSON, CSV, a rich tree for the
terminal, and one self-contained HTML page (the tree, a timeline, the
provinces' coverage; inline CSS, no script, no network; prints on A4)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .render import html_text as _h

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from .trace import Trace, TraceNode

__all__ = ["TRACE_FORMATS", "trace_to_csv", "trace_to_html", "trace_to_json", "trace_to_rich", "walk"]

TRACE_FORMATS = ("table", "json", "csv", "html")
LEVEL_VI = {"central": "Trung ương", "province": "Tỉnh", "district": "Huyện", "commune": "Xã"}
BRANCH_VI = {"party": "Đảng", "state": "Nhà nước"}
CSV_COLUMNS = (
    "role",
    "depth",
    "key",
    "symbol",
    "doc_type",
    "issuer",
    "level",
    "branch",
    "province",
    "province_2025",
    "date",
    "days_since_parent",
    "parent",
    "in_sources",
    "also_implements",
    "cites",
    "inputs",
    "title",
)


def walk(t: Trace) -> Iterator[tuple[TraceNode, TraceNode | None]]:
    """Every node of the trees, depth first, with its parent."""
    stack: list[tuple[TraceNode, TraceNode | None]] = [(r, None) for r in reversed(t.roots)]
    while stack:
        node, parent = stack.pop()
        yield node, parent
        stack.extend((c, node) for c in reversed(node.children))


def _implementing(t: Trace) -> list[TraceNode]:
    return [n for n, parent in walk(t) if parent is not None]


def trace_to_json(t: Trace, *, indent: int | None = 2) -> str:
    return t.model_dump_json(indent=indent)


def trace_to_csv(t: Trace) -> str:
    """One row per document: the ancestors, the traced one (root), the implementing ones, the citing ones."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)

    def row(role: str, n, parent: str = "", cites: str = "") -> list:
        return [
            role,
            n.depth if hasattr(n, "depth") else "",
            n.key,
            n.symbol or "",
            n.doc_type or "",
            n.issuer or "",
            n.level or "",
            n.branch or "",
            n.province or "",
            n.province_2025 or "",
            n.date or "",
            "" if getattr(n, "days_since_parent", None) is None else n.days_since_parent,
            parent,
            int(getattr(n, "in_sources", True)),
            ";".join(getattr(n, "also_implements", [])),
            cites,
            ";".join(n.inputs),
            n.title or "",
        ]

    for a in reversed(t.ancestors):
        w.writerow(row("ancestor", a))
    for node, parent in walk(t):
        w.writerow(row("root" if parent is None else "implements", node, parent.key if parent else ""))
    for c in t.citing:
        w.writerow(row("cites", c, cites=";".join(c.cites)))
    return buf.getvalue()


# -- terminal --------------------------------------------------------------------


def _where(n) -> str:
    if not n.province:
        return ""
    if n.province_2025 and n.province_2025 != n.province:
        return f"{n.province} → {n.province_2025}"
    return n.province


def _unnumbered(n) -> str:
    """A document without a symbol, by its file name."""
    name = n.inputs[0].replace("\\", "/").rsplit("/", 1)[-1] if n.inputs else ""
    return f"(no symbol: {name})" if name else "(no symbol)"


def _facts(n) -> list[str]:
    level = " ".join(x for x in (n.level or "", n.branch or "") if x)
    return [x for x in (n.doc_type or "", n.issuer or "", level, _where(n), n.date or "") if x]


def trace_to_rich(t: Trace) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def label(n) -> Text:
        text = Text(n.symbol or _unnumbered(n), style="bold" if n.in_sources else "bold dim")
        text.append("  " + " · ".join(_facts(n)), style="" if n.in_sources else "dim")
        if n.days_since_parent is not None:
            text.append(f"  +{n.days_since_parent} d", style="cyan")
        if not n.in_sources:
            text.append("  (cited only)", style="dim italic")
        if n.also_implements:
            text.append(f"  also {', '.join(n.also_implements)}", style="dim")
        return text

    parts: list = []
    chain = " ← ".join([a.symbol or a.key for a in reversed(t.ancestors)] + [t.symbol])
    parts.append(Text.assemble(("kehoach trace ", "bold"), chain, (f"   ({t.sources} documents read)", "dim")))
    parts.extend(_tree(root, label) for root in t.roots)
    implementing = _implementing(t)
    held = [n for n in implementing if n.in_sources]
    covered = [c for c in t.coverage if c.documents]
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row(
        "implementing", f"{len(held)} in the sources, {len(implementing) - len(held)} known from citations only"
    )
    if t.coverage:
        summary.add_row(
            "provinces",
            f"{len(covered)} of {len(t.coverage)} (since 2025) have one: "
            + ", ".join(c.province_2025 for c in covered),
        )
        summary.add_row("without", ", ".join(t.provinces_2025_without) or "—")
    parts.append(summary)
    if t.citing:
        table = Table(title="Citing without implementing")
        for col in ("symbol", "issuer", "province", "date", "cites"):
            table.add_column(col)
        for c in t.citing:
            table.add_row(c.symbol or c.key, c.issuer or "", _where(c), c.date or "", ", ".join(c.cites))
        parts.append(table)
    parts.extend(Text(f"note: {n}", style="yellow") for n in t.notes)
    return Group(*parts)


def _tree(root, label):
    from rich.tree import Tree

    tree = Tree(label(root), guide_style="dim")

    def add(node, branch) -> None:
        for child in node.children:
            add(child, branch.add(label(child)))

    add(root, tree)
    return tree


# -- HTML ------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{font-family:"Noto Serif","Times New Roman",Times,serif;margin:0 auto;padding:16px;
max-width:1200px;color:#111;line-height:1.45;font-size:16px}
h1{font-size:1.45em;margin:.2em 0}
h2{font-size:1.15em;margin:1.3em 0 .4em;border-bottom:1px solid #999}
p.lead{margin:.3em 0 .8em}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.4em}
ul.tree{padding-left:0}
ul.tree li{margin:.25em 0;padding-left:.6em;border-left:2px solid #c8c8c8}
.node{display:block;overflow-wrap:anywhere}
.sym{font-weight:bold}
.cited .sym,.cited .what{color:#666}
.what{color:#333}
.badge{display:inline-block;font-size:.8em;padding:0 .45em;border-radius:3px;margin-left:.3em;white-space:nowrap}
.party{background:#f8d9d3;color:#611}.state{background:#d6e4f5;color:#123}
.lv{background:#eee;color:#333}
.days{color:#05567a;font-size:.9em;white-space:nowrap}
.tag{font-size:.8em;color:#666;font-style:italic}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border:1px solid #bbb;padding:3px 6px;vertical-align:top;
overflow-wrap:anywhere;word-break:break-word;text-align:left}
th{background:#eee}
.timeline td.track{position:relative;padding:0}
.track .axis{position:absolute;left:2%;right:2%;top:50%;border-top:1px solid #bbb}
.track .dot{position:absolute;top:50%;width:12px;height:12px;margin:-6px 0 0 -6px;border-radius:50%;background:#05567a}
.track .dot.cited{background:#fff;border:2px solid #05567a}
.none td{background:#fff4e5}
.n{text-align:right;width:5.5em}
.chain{font-size:1.05em}
.note{color:#7a5b00}
@media print{body{max-width:none;padding:0;font-size:10.5pt}tr,li{page-break-inside:avoid}h2{page-break-after:avoid}}
@page{size:A4;margin:15mm}
"""


def _badges(n) -> str:
    out = []
    if n.level:
        out.append(f'<span class="badge lv">{_h(LEVEL_VI.get(n.level, n.level))}</span>')
    if n.branch:
        out.append(f'<span class="badge {n.branch}">{_h(BRANCH_VI.get(n.branch, n.branch))}</span>')
    return "".join(out)


def _where_vi(n) -> str:
    if not n.province:
        return ""
    if n.province_2025 and n.province_2025 != n.province:
        return f"{n.province} (nay {n.province_2025})"
    return n.province


def _date_vi(iso: str | None) -> str:
    if not iso or len(iso) != 10:
        return iso or ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _key_label(key: str) -> str:
    """A node key as a reader knows it: the symbol, or the file name of an unnumbered document."""
    if key.startswith("input:"):
        return key[6:].replace("\\", "/").rsplit("/", 1)[-1]
    return key.split("@")[0]


def _node_html(n) -> str:
    cls = "node" + ("" if n.in_sources else " cited")
    bits = [f'<span class="sym">{_h(n.symbol or _unnumbered(n).replace("no symbol", "không số"))}</span>{_badges(n)}']
    what = " — ".join(x for x in (_h(n.issuer), _h(_where_vi(n)), _h(_date_vi(n.date))) if x)
    if what:
        bits.append(f' <span class="what">{what}</span>')
    if n.days_since_parent is not None:
        bits.append(f' <span class="days">+{n.days_since_parent} ngày</span>')
    if not n.in_sources:
        bits.append(' <span class="tag">(chỉ biết qua trích dẫn)</span>')
    if n.also_implements:
        bits.append(f' <span class="tag">cũng thực hiện {_h(", ".join(n.also_implements))}</span>')
    if n.title:
        bits.append(f"<br><small>{_h(n.title)}</small>")
    return f'<span class="{cls}">{"".join(bits)}</span>'


def _tree_html(n) -> str:
    inner = "".join(f"<li>{_tree_html(c)}</li>" for c in n.children)
    return _node_html(n) + (f"<ul>{inner}</ul>" if inner else "")


def _timeline(t: Trace) -> list[str]:
    dated = [(n, p) for n, p in walk(t) if n.date and len(n.date) == 10]
    dated += [(a, None) for a in t.ancestors if a.date and len(a.date) == 10]
    if not dated:
        return ["<p>Không có văn bản nào ghi ngày.</p>"]
    dated.sort(key=lambda np: np[0].date or "")
    first = dt.date.fromisoformat(dated[0][0].date or "")
    last = dt.date.fromisoformat(dated[-1][0].date or "")
    span = max((last - first).days, 1)
    out = [
        '<table class="timeline"><colgroup><col style="width:7.5em"><col style="width:28%"><col></colgroup>',
        f"<tr><th>Ngày</th><th>Văn bản</th><th>{_h(_date_vi(dated[0][0].date))} → "
        f"{_h(_date_vi(dated[-1][0].date))}</th></tr>",
    ]
    for n, _ in dated:
        at = 2 + 96 * (dt.date.fromisoformat(n.date or "") - first).days / span
        dot = "dot" + ("" if n.in_sources else " cited")
        out.append(
            f"<tr><td>{_h(_date_vi(n.date))}</td><td><b>{_h(n.symbol or '(không số)')}</b> {_h(n.issuer)}</td>"
            f'<td class="track"><span class="axis"></span><span class="{dot}" style="left:{at:.1f}%"></span></td></tr>'
        )
    out.append("</table>")
    return out


def trace_to_html(t: Trace) -> str:
    implementing = _implementing(t)
    held = [n for n in implementing if n.in_sources]
    chain = " ← ".join([_h(a.symbol or a.key) for a in reversed(t.ancestors)] + [f"<b>{_h(t.symbol)}</b>"])
    body = [f"<h1>Theo dõi việc thực hiện {_h(t.symbol)}</h1>", f'<p class="chain">{chain}</p>']
    covered = [c for c in t.coverage if c.documents]
    body.append(
        f'<p class="lead">Đã đọc {t.sources} văn bản. Văn bản thực hiện: <b>{len(held)}</b> có trong nguồn, '
        f"<b>{len(implementing) - len(held)}</b> chỉ biết qua trích dẫn"
        + (
            f"; <b>{len(covered)}</b>/{len(t.coverage)} tỉnh, thành phố (sau sắp xếp 2025) có văn bản thực hiện."
            if t.coverage
            else "."
        )
        + "</p>"
    )
    body.append("<h2>Cây văn bản thực hiện</h2>")
    for root in t.roots:
        body.append(f'<ul class="tree"><li>{_tree_html(root)}</li></ul>')
    body.append("<h2>Dòng thời gian</h2>")
    body.extend(_timeline(t))
    if t.coverage:
        body.append("<h2>Tỉnh, thành phố</h2>")
        body.append(
            '<table class="coverage"><colgroup><col style="width:22%"><col style="width:30%"><col class="n"><col '
            'class="n"><col></colgroup>'
            '<tr><th>Tỉnh, thành phố (từ 01/7/2025)</th><th>Trước sắp xếp</th><th class="n">Có trong nguồn</th>'
            '<th class="n">Qua trích dẫn</th><th>Văn bản</th></tr>'
        )
        for c in t.coverage:
            cls = ' class="none"' if not c.documents else ""
            body.append(
                f"<tr{cls}><td>{_h(c.province_2025)}</td><td>{_h(', '.join(c.provinces))}</td><td "
                f'class="n">{c.documents}</td>'
                f'<td class="n">{c.cited}</td><td>{_h(", ".join(_key_label(k) for k in c.keys))}</td></tr>'
            )
        body.append("</table>")
        body.append(f"<p>Chưa có văn bản thực hiện trong nguồn: {_h(', '.join(t.provinces_2025_without)) or '—'}.</p>")
    if t.citing:
        body.append("<h2>Văn bản chỉ dẫn chiếu, không thực hiện</h2>")
        body.append(
            '<table class="citing"><tr><th>Văn bản</th><th>Cơ quan</th><th>Tỉnh</th><th>Ngày</th><th>Dẫn '
            "chiếu</th></tr>"
        )
        for citing in t.citing:
            body.append(
                f"<tr><td>{_h(citing.symbol or citing.key)}{_badges(citing)}</td><td>{_h(citing.issuer)}</td>"
                f"<td>{_h(_where_vi(citing))}</td>"
                f"<td>{_h(_date_vi(citing.date))}</td><td>{_h(', '.join(citing.cites))}</td></tr>"
            )
        body.append("</table>")
    body.extend(f'<p class="note">{_h(n)}</p>' for n in t.notes)
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Theo dõi {_h(t.symbol)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
