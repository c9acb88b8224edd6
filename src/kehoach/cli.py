"""The ``kehoach`` command: a thin shell over the library.

Exit codes (every command): 0 success; 1 the input could not be read or
parsed (one line on stderr, no traceback); 2 usage error. Heavy modules
(pydantic, rich, the pipeline) are imported inside the commands, so that
``kehoach --help`` stays fast.
"""

from __future__ import annotations

import functools
import sys

import click

from . import __version__

__all__ = ["main"]


class Failure(click.ClickException):
    """A one-line error, exit code 1."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"kehoach: error: {self.format_message()}", err=True)


def _handle_errors(func):
    """Turn library errors into one line and exit 1; anything else too, unless --debug."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from .errors import KehoachError

        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KehoachError as exc:
            raise Failure(str(exc)) from None
        except KeyboardInterrupt:
            raise click.exceptions.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(1) from None
        except Exception as exc:  # a bug: say so in one line; --debug shows the traceback
            ctx = click.get_current_context(silent=True)
            if ctx is not None and ctx.find_root().params.get("debug"):
                raise
            raise Failure(f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it") from None

    return wrapper


_OUTPUT_HELP = "Write to the file FILE instead of standard output ('batch' writes to a folder: --output-dir DIR)."


def _output_options(*formats: str):
    """-f/--format (one of ``formats``) and -o/--output FILE: every command that prints a result."""

    def decorate(func):
        func = click.option(
            "-o", "--output", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True), help=_OUTPUT_HELP
        )(func)
        return click.option(
            "-f",
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            help="Output format. Default: table on a terminal, json otherwise.",
        )(func)

    return decorate


def _emit(text: str, output: str | None) -> None:
    if output and output != "-":
        from pathlib import Path

        try:
            Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        except OSError as exc:
            raise Failure(f"{output}: cannot write ({exc.strerror or exc})") from None
    else:
        click.echo(text.rstrip("\n"))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="kehoach")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def main(debug: bool) -> None:
    """Read Vietnamese directive documents (Kế hoạch, Chỉ thị, Nghị quyết,
    Quyết định, công văn ...) into validated, structured data.

    \b
    Examples:
      kehoach parse ke-hoach.txt                 # a table on a terminal, JSON in a pipe
      kehoach parse ke-hoach.docx -f json -o out.json
      cat ke-hoach.txt | kehoach parse -
      kehoach diff tra-vinh.txt binh-phuoc.docx -f html -o so-sanh.html
      kehoach compare ke-hoach/ -f csv -o matrix.csv
      kehoach batch archive.zip --sqlite kehoach.db
      kehoach trace 57-NQ/TW kehoach.db -f html -o 57-NQ.html
      kehoach tasks kehoach.db --body "Ban Tuyên giáo" -f ics -o han.ics
      kehoach schema > document.schema.json
    """


@main.command()
@click.argument("file", metavar="FILE")
@_output_options("json", "table", "markdown")
@click.option(
    "--encoding",
    metavar="NAME",
    help="Force the text encoding: utf-8, utf-16, cp1258, tcvn3, vni, viscii (default: detected).",
)
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="OCR (Tesseract): scanned pages and images where it is installed, every PDF page, or none.",
)
@_handle_errors
def parse(file: str, fmt: str | None, output: str | None, encoding: str | None, ocr: str) -> None:
    """Parse one document (.txt, .md, .docx, .doc, .pdf, an image; '-' for standard input).

    Prints the document's header, section tree, cited documents, assignments,
    recipients, signer and warnings. The JSON keys follow the output contract
    (schema_version "1"; see 'kehoach schema').
    """
    doc = _read_document(file, encoding, ocr)
    if fmt is None:
        fmt = "table" if (output in (None, "-") and sys.stdout.isatty()) else "json"
    from . import render

    text = {"json": render.to_json, "markdown": render.to_markdown}.get(fmt, render.to_json)
    _write_rendering(fmt, output, text=lambda: text(doc), rich=lambda: render.to_rich(doc))


_FILE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".db", ".sqlite", ".sqlite3", ".csv", ".html", ".md")


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--output-dir",
    "-o",
    "out_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help=(
        "Write one JSON file per input into the folder DIR, mirroring the input names (-o is short for it here: in "
        "batch it names a folder, in parse, diff and compare a file)."
    ),
)
@click.option(
    "--jsonl",
    "jsonl",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write one JSON object per line to FILE ('-': standard output; the default).",
)
@click.option(
    "--sqlite",
    "sqlite",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help=(
        "Write an SQLite database (documents, sections, references, assignments, recipients, warnings, errors); an "
        "existing one is added to."
    ),
)
@click.option(
    "-j", "--jobs", "jobs", type=click.IntRange(1, 512), default=None, help="Worker processes (default: all cores)."
)
@click.option("--resume", is_flag=True, help="Skip inputs whose output exists and was made from the same bytes.")
@click.option(
    "--overwrite",
    is_flag=True,
    help=(
        "Start the output afresh: an existing --jsonl file replaced, kehoach's tables of an existing --sqlite "
        "database emptied (other tables kept)."
    ),
)
@click.option(
    "--timeout",
    type=click.FloatRange(0),
    default=None,
    metavar="SECONDS",
    help="Time one document may take before it gets an error record and the run goes on (default: 60; 0: no limit).",
)
@click.option("--allow-failures", is_flag=True, help="Exit 0 even when some inputs could not be parsed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run on a Dask cluster (scheduler address; needs 'kehoach[dask]').",
)
@click.option("--encoding", metavar="NAME", help="Force the text encoding of every text input (see 'parse').")
@_handle_errors
def batch(
    inputs, out_dir, jsonl, sqlite, jobs, resume, overwrite, timeout, allow_failures, quiet, dask_address, encoding
) -> None:
    """Convert many documents: files, folders (recursive), globs, .zip and .tar
    archives (read in place, never extracted), or '-' for a list of paths on
    standard input.

    Every input gives a result or an error record; the summary (on standard
    error) counts documents, failures by reason (and names each failed input)
    and warnings by code. Exit 0 only when every input succeeded, unless
    --allow-failures.

    \b
    Examples:
      kehoach batch archive/ --output-dir out/     # out/archive/... .json
      kehoach batch 2024.zip --jsonl docs.jsonl
      kehoach batch 'tinh/**/*.docx' --sqlite kehoach.db -j 4
      find . -name '*.pdf' | kehoach batch - --jsonl - > docs.jsonl
    """
    import os

    from .batch import TIMEOUT, count_jobs, iter_jobs, run_batch
    from .store import DirSink, JsonlSink, SqliteSink

    if sum(x is not None for x in (out_dir, jsonl, sqlite)) > 1:
        raise click.UsageError("choose one output: --output-dir DIR (-o DIR), --jsonl FILE or --sqlite FILE")
    if resume and out_dir is None and sqlite is None and jsonl in (None, "-"):
        raise click.UsageError("--resume needs an output to resume: --output-dir DIR, --jsonl FILE or --sqlite FILE")
    if resume and overwrite:
        raise click.UsageError("--resume keeps what the output holds and --overwrite replaces it: choose one")
    if out_dir is not None and not os.path.isdir(out_dir) and out_dir.lower().endswith(_FILE_SUFFIXES):
        raise click.UsageError(
            f"--output-dir (-o) takes a folder, and '{out_dir}' looks like a file name: for one file use --jsonl "
            f"FILE or --sqlite FILE"
        )
    sink: DirSink | SqliteSink | JsonlSink
    if out_dir is not None:
        sink = DirSink(out_dir)
        exclude = os.path.abspath(out_dir)
    elif sqlite is not None:
        sink = SqliteSink(sqlite, resume=resume, overwrite=overwrite)
        exclude = None
    else:
        sink = JsonlSink(jsonl, resume=resume, overwrite=overwrite)
        exclude = None
    jobs_iter = iter_jobs(inputs, stdin=sys.stdin if "-" in inputs else None, exclude=exclude)
    options = {
        "workers": jobs,
        "resume": resume,
        "encoding": encoding,
        "dask": dask_address,
        "timeout": TIMEOUT if timeout is None else timeout,
    }
    show = not quiet and sys.stderr.isatty()
    if show:
        import threading

        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
        ) as bar:
            task = bar.add_task("parsing", total=None)

            def count() -> None:  # the total, where it is cheap to know, counted beside the work
                total = count_jobs(inputs, exclude=exclude)
                if total is not None:
                    bar.update(task, total=total)

            threading.Thread(target=count, name="kehoach-count", daemon=True).start()
            summary = run_batch(jobs_iter, sink, progress=lambda n: bar.advance(task, n), **options)
    else:
        summary = run_batch(jobs_iter, sink, **options)
    if not quiet:
        _print_summary(summary)
    if summary.failed and not allow_failures:
        raise click.exceptions.Exit(1)


_LISTED = 20  # failed inputs named in the summary (all of them are in the error records)


def _print_summary(summary) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(stderr=True)
    table = Table(title="kehoach batch", show_header=True)
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    table.add_row("documents", f"{summary.documents:,}")
    table.add_row("parsed", f"{summary.succeeded:,}")
    if summary.skipped:
        table.add_row("up to date (skipped)", f"{summary.skipped:,}")
    table.add_row("failed", f"{summary.failed:,}", style="red" if summary.failed else None)
    for reason, count in summary.failures.most_common():
        table.add_row(Text(f"  {reason}"), f"{count:,}", style="red")
    for code, count in summary.warnings.most_common():
        table.add_row(Text(f"warning {code}"), f"{count:,}", style="yellow")
    if summary.shortened:
        table.add_row("output names shortened (see the manifest)", f"{summary.shortened:,}")
    table.add_row("docs/s", f"{summary.rate:,.0f}")
    table.add_row("seconds", f"{summary.elapsed:,.1f}")
    console.print(table)
    for name, reason in summary.failed_inputs[:_LISTED]:
        console.print(Text(f"failed: {name}: {reason}"), style="red", soft_wrap=True)
    if summary.failed > _LISTED:
        console.print(
            Text(f"... and {summary.failed - _LISTED:,} more failed inputs: see the error records"), style="red"
        )


def _read_document(file: str, encoding: str | None, ocr: str = "auto"):
    from .build import parse_bytes, parse_file
    from .read import read_stream

    if file == "-":
        return parse_bytes(read_stream(sys.stdin.buffer), encoding=encoding, name="<stdin>", ocr=ocr)
    return parse_file(file, encoding=encoding, ocr=ocr)


def _write_rendering(fmt: str, output: str | None, *, text, rich) -> None:
    """Emit ``text()`` for a text format, or print ``rich()`` for the table."""
    if fmt != "table":
        _emit(text(), output)
        return
    from rich.console import Console

    if output and output != "-":
        try:
            with open(output, "w", encoding="utf-8") as fh:
                Console(file=fh, width=160, force_terminal=False).print(rich())
        except OSError as exc:
            raise Failure(f"{output}: cannot write ({exc.strerror or exc})") from None
    else:
        Console().print(rich())


_threshold_option = click.option(
    "-t",
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Lowest similarity (0-1) at which two items count as the same. Default: 0.35.",
)
_syllables_option = click.option(
    "--syllables",
    is_flag=True,
    help="Compare syllables instead of words (no word segmentation; faster, a little less exact).",
)


@main.command()
@click.argument("file_a", metavar="A")
@click.argument("file_b", metavar="B")
@_output_options("table", "json", "markdown", "html")
@_threshold_option
@_syllables_option
@click.option("--encoding", metavar="NAME", help="Force the text encoding of both inputs (see 'parse').")
@_handle_errors
def diff(file_a, file_b, fmt, output, threshold, syllables, encoding) -> None:
    """Compare two documents part by part: which parts and items match (with a
    similarity score and the changed words), which are only in A or only in B;
    cited documents (both / only A / only B; a province's own documents count
    as the same only within one province); tasked bodies matched by function
    across levels; deadlines; each side's province before and after the 2025
    merger.

    \b
    Examples:
      kehoach diff tra-vinh.txt binh-phuoc.docx
      kehoach diff a.pdf b.pdf -f html -o so-sanh.html
      kehoach diff a.txt b.txt -f json --threshold 0.5
    """
    if file_a == "-" and file_b == "-":
        raise click.UsageError("only one of A and B can be standard input")
    from . import render_diff as r
    from .diff import diff as run_diff

    result = run_diff(
        _read_document(file_a, encoding), _read_document(file_b, encoding), threshold=threshold, words=not syllables
    )
    if fmt is None:
        fmt = "table" if (output in (None, "-") and sys.stdout.isatty()) else "json"
    text = {"json": r.diff_to_json, "markdown": r.diff_to_markdown, "html": r.diff_to_html}.get(fmt, r.diff_to_json)
    plain = bool(output and output != "-") or not sys.stdout.isatty()
    _write_rendering(fmt, output, text=lambda: text(result), rich=lambda: r.diff_to_rich(result, plain=plain))


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@_output_options("table", "json", "csv", "markdown", "html")
@_threshold_option
@_syllables_option
@click.option(
    "--allow-failures", is_flag=True, help="Exit 0 even when some inputs could not be parsed (they are left out)."
)
@click.option("--encoding", metavar="NAME", help="Force the text encoding of every text input (see 'parse').")
@_handle_errors
def compare(inputs, fmt, output, threshold, syllables, allow_failures, encoding) -> None:
    """Compare many documents (files, folders, globs, .zip/.tar archives):
    a coverage matrix of task themes aligned across all of them, and matrices
    of cited documents and tasked bodies; one column per document.

    Inputs that cannot be parsed are left out with a message on standard
    error, and the exit code is 1 unless --allow-failures.

    \b
    Examples:
      kehoach compare ke-hoach/*.txt
      kehoach compare ke-hoach/ -f html -o bao-cao.html
      kehoach compare 34-tinh.zip -f csv -o matrix.csv
    """
    from . import render_diff as r
    from .batch import iter_jobs, parse_jobs
    from .compare import compare as run_compare
    from .models import Document

    docs: list[Document] = []
    failed = 0
    for name, doc, error in parse_jobs(iter_jobs(inputs, stdin=sys.stdin if "-" in inputs else None), encoding):
        if doc is None:
            failed += 1
            click.echo(f"kehoach: skipped {name}: {error}", err=True)
        else:
            docs.append(doc)  # type: ignore[arg-type]  # (parse_jobs yields documents, typed object for its callers)
    if len(docs) < 2:
        raise Failure(f"compare needs at least two readable documents, got {len(docs)}")
    result = run_compare(docs, threshold=threshold, words=not syllables)
    if fmt is None:
        fmt = "table" if (output in (None, "-") and sys.stdout.isatty()) else "json"
    text = {
        "json": r.compare_to_json,
        "csv": r.compare_to_csv,
        "markdown": r.compare_to_markdown,
        "html": r.compare_to_html,
    }.get(fmt, r.compare_to_json)
    _write_rendering(fmt, output, text=lambda: text(result), rich=lambda: r.compare_to_rich(result))
    if failed and not allow_failures:
        raise click.exceptions.Exit(1)


def _load_sources(sources, jobs, encoding, allow_failures):
    """The documents of SOURCES (batch databases read, anything else parsed), failures reported on stderr."""
    from .sources import load_entries

    failed = []

    def report(name: str, reason: str) -> None:
        failed.append(name)
        click.echo(f"kehoach: skipped {name}: {reason}", err=True)

    entries = load_entries(sources, workers=jobs, encoding=encoding, on_error=report)
    if failed and not allow_failures:
        raise Failure(f"{len(failed)} input(s) could not be parsed (see above); --allow-failures leaves them out")
    return entries


_sources_options = [
    click.option(
        "-j",
        "--jobs",
        "jobs",
        type=click.IntRange(1, 512),
        default=None,
        help="Worker processes for inputs parsed on the fly (default: all cores).",
    ),
    click.option("--allow-failures", is_flag=True, help="Leave out inputs that cannot be parsed instead of failing."),
    click.option(
        "--encoding", metavar="NAME", help="Force the text encoding of text inputs parsed on the fly (see 'parse')."
    ),
]


def _with_sources_options(func):
    for option in reversed(_sources_options):
        func = option(func)
    return func


@main.command(name="trace")
@click.argument("symbol", metavar="SYMBOL")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCES...")
@_output_options("table", "json", "csv", "html")
@_with_sources_options
@_handle_errors
def trace_command(symbol, sources, fmt, output, jobs, allow_failures, encoding) -> None:
    """Follow a directive through an archive: the tree of documents that
    implement SYMBOL, transitively (read from each document's title and
    opening, and from what its citations say of the documents they name),
    each with its issuer, level (central, province, district, commune; Party
    or state), province before and after the 2025 merger, date and days since
    the document it carries out; the provinces with no implementing document
    in the sources; the documents that only cite it.

    SOURCES: SQLite databases written by 'kehoach batch --sqlite', or files,
    folders, globs and archives, parsed on the fly.

    \b
    Examples:
      kehoach batch archive/ --sqlite kehoach.db && kehoach trace 57-NQ/TW kehoach.db
      kehoach trace 02-KL/TW ke-hoach/ -f html -o 02-KL.html
      kehoach trace 47-CT/TW kehoach.db -f csv -o 47-CT.csv
    """
    from . import render_trace as r
    from .trace import trace as run_trace

    result = run_trace(symbol, _load_sources(sources, jobs, encoding, allow_failures))
    if fmt is None:
        fmt = "table" if (output in (None, "-") and sys.stdout.isatty()) else "json"
    text = {"json": r.trace_to_json, "csv": r.trace_to_csv, "html": r.trace_to_html}.get(fmt, r.trace_to_json)
    _write_rendering(fmt, output, text=lambda: text(result), rich=lambda: r.trace_to_rich(result))


def _iso_date(ctx, param, value):
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


@main.command(name="tasks")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCES...")
@click.option(
    "--body",
    "body",
    metavar="NAME",
    help=(
        "Tasks of this body, matched by function at every level ('Ban Tuyên giáo' finds the Tỉnh ủy's, Huyện ủy's ...)."
    ),
)
@click.option(
    "--function",
    "function",
    metavar="F",
    help="Tasks of bodies of this function: a key ('propaganda', 'office') or a label ('Ban Tuyên giáo').",
)
@click.option(
    "--due-before",
    "due_before",
    metavar="DATE",
    callback=_iso_date,
    help="Tasks due before DATE (YYYY-MM-DD); undated tasks are left out.",
)
@click.option(
    "--directive",
    "directive",
    metavar="SYMBOL",
    help="Tasks of the documents that implement SYMBOL, transitively (see 'trace').",
)
@_output_options("table", "json", "csv", "ics")
@_with_sources_options
@_handle_errors
def tasks_command(sources, body, function, due_before, directive, fmt, output, jobs, allow_failures, encoding) -> None:
    """Every task of the matching bodies in SOURCES, with its document,
    deadline and role; as a table, CSV, JSON, or an iCalendar file (-f ics:
    one event per dated deadline, a recurring one with its RRULE; the document
    and the task in the description) to import into a calendar.

    SOURCES: SQLite databases written by 'kehoach batch --sqlite', or files,
    folders, globs and archives, parsed on the fly.

    \b
    Examples:
      kehoach tasks kehoach.db --body "Ban Tuyên giáo" --due-before 2026-01-01
      kehoach tasks kehoach.db --directive 57-NQ/TW -f csv -o nhiem-vu.csv
      kehoach tasks ke-hoach/ --function office -f ics -o han.ics
    """
    from . import render_tasks as r
    from .tasks import select_tasks

    result = select_tasks(
        _load_sources(sources, jobs, encoding, allow_failures),
        body=body,
        function=function,
        due_before=due_before,
        directive=directive,
    )
    if fmt is None:
        fmt = "table" if (output in (None, "-") and sys.stdout.isatty()) else "json"
    text = {"json": r.tasks_to_json, "csv": r.tasks_to_csv, "ics": r.tasks_to_calendar}.get(fmt, r.tasks_to_json)
    _write_rendering(fmt, output, text=lambda: text(result), rich=lambda: r.tasks_to_rich(result))


@main.command()
@_handle_errors
def schema() -> None:
    """Print the JSON Schema of the parse output."""
    import json

    from .models import document_schema

    click.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
