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


def _output_options(func):
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write to FILE instead of standard output.")(func)
    func = click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(["json", "table", "markdown"]),
        help="Output format. Default: table on a terminal, json otherwise.",
    )(func)
    return func


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
      kehoach schema > document.schema.json
    """


@main.command()
@click.argument("file", metavar="FILE")
@_output_options
@click.option(
    "--encoding",
    metavar="NAME",
    help="Force the text encoding: utf-8, utf-16, cp1258, tcvn3, vni, viscii (default: detected).",
)
@_handle_errors
def parse(file: str, fmt: str | None, output: str | None, encoding: str | None) -> None:
    """Parse one document (.txt, .md, .docx, .pdf; '-' for standard input).

    Prints the document's header, section tree, cited documents, assignments,
    recipients, signer and warnings. The JSON keys follow the output contract
    (schema_version "1"; see 'kehoach schema').
    """
    from .build import parse_bytes, parse_file

    if file == "-":
        data = sys.stdin.buffer.read()
        doc = parse_bytes(data, encoding=encoding, name="<stdin>")
    else:
        doc = parse_file(file, encoding=encoding)
    if fmt is None:
        fmt = "table" if (output in (None, "-") and sys.stdout.isatty()) else "json"
    if fmt == "json":
        from .render import to_json

        _emit(to_json(doc), output)
    elif fmt == "markdown":
        from .render import to_markdown

        _emit(to_markdown(doc), output)
    else:
        from rich.console import Console

        from .render import to_rich

        if output and output != "-":
            with open(output, "w", encoding="utf-8") as fh:
                Console(file=fh, width=120, force_terminal=False).print(to_rich(doc))
        else:
            Console().print(to_rich(doc))


@main.command()
@_handle_errors
def schema() -> None:
    """Print the JSON Schema of the parse output."""
    import json

    from .models import document_schema

    click.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
