"""The command line: formats, stdin, -o, exit codes, one-line errors, fast help."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kehoach.cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "ke-hoach-dang-uy-khoi.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_parse_json_is_the_contract():
    result = run("parse", str(EXAMPLE), "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    for key in [
        "schema_version",
        "doc_type",
        "doc_type_name",
        "symbol",
        "number",
        "issuer",
        "place",
        "date",
        "title",
        "sections",
        "references",
        "assignments",
        "recipients",
        "signer",
        "warnings",
    ]:
        assert key in doc
    assert doc["schema_version"] == "1"
    assert doc["symbol"] == "37-KH/ĐUK"
    assert set(doc["issuer"]) >= {"name", "parent", "code"}
    assert set(doc["signer"]) >= {"name", "position", "authority"}


def test_json_is_default_when_piped():
    result = run("parse", str(EXAMPLE))  # CliRunner's stdout is not a terminal
    assert json.loads(result.output)["doc_type"] == "KH"


def test_markdown_and_table():
    md = run("parse", str(EXAMPLE), "-f", "markdown")
    assert md.exit_code == 0
    assert md.output.startswith("# Kế hoạch 37-KH/ĐUK")
    assert "| Số, ký hiệu | 37-KH/ĐUK |" in md.output
    table = run("parse", str(EXAMPLE), "-f", "table")
    assert table.exit_code == 0
    assert "TỔ CHỨC THỰC HIỆN" in table.output and "37-KH/ĐUK" in table.output


def test_stdin_and_output_file(tmp_path):
    out = tmp_path / "out.json"
    result = run("parse", "-", "-o", str(out), input=EXAMPLE.read_bytes())
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["symbol"] == "37-KH/ĐUK"


def test_schema_is_json_schema():
    result = run("schema")
    schema = json.loads(result.output)
    assert schema["title"] == "Document"
    assert "sections" in schema["properties"] and "$defs" in schema


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "kehoach" in result.output


@pytest.mark.parametrize("command", [[], ["parse"], ["schema"]])
def test_help_everywhere(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def _cli(*args, input=None):
    return subprocess.run([sys.executable, "-m", "kehoach", *args], input=input, capture_output=True)


@pytest.mark.parametrize(
    "setup,expected",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty input"),
        (lambda d: _write(d / "blank.txt", b"  \n\n\t\n"), "empty input"),
        (lambda d: _write(d / "binary.txt", bytes(range(256)) * 20), "binary"),
        (lambda d: _write(d / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), "old binary Word .doc"),
        (lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "an image"),
        (lambda d: _write(d / "plan.docx", "Kế hoạch số 12\n".encode()), "not a Word .docx file"),
        (lambda d: _write(d / "plan.pdf", b"<html>404 Not Found</html>"), "not a PDF file"),
    ],
    ids=["missing", "directory", "empty", "blank", "binary", "doc", "image", "docx-not-zip", "pdf-not-pdf"],
)
def test_unusable_input_one_line_exit_1(tmp_path, setup, expected):
    path = setup(tmp_path)
    done = _cli("parse", str(path))
    assert done.returncode == 1
    err = done.stderr.decode()
    assert err.count("\n") == 1, err
    assert expected in err and "Traceback" not in err
    assert done.stdout == b""


def test_usage_error_exit_2():
    done = _cli("parse")
    assert done.returncode == 2
    done = _cli("parse", "x.txt", "--format", "yaml")
    assert done.returncode == 2
    done = _cli("nonsense")
    assert done.returncode == 2


def test_empty_stdin_exit_1():
    done = _cli("parse", "-", input=b"")
    assert done.returncode == 1 and b"empty input" in done.stderr


def test_unwritable_output(tmp_path):
    done = _cli("parse", str(EXAMPLE), "-o", str(tmp_path / "no" / "such" / "dir" / "x.json"))
    assert done.returncode == 1
    assert done.stderr.decode().count("\n") == 1


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys; from kehoach.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'rich', 'kehoach.build', 'docx', 'pypdf', 'underthesea', 'rapidfuzz') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "HEAVY:"


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_every_command_and_option_is_documented():
    """docs/ names every command and each of its long options (a new option without docs fails here)."""
    docs = "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    for name, command in main.commands.items():
        assert f"kehoach {name}" in docs, f"'kehoach {name}' is not documented in docs/"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in docs, f"'{opt}' of 'kehoach {name}' is not documented in docs/"
