"""Old binary Word ``.doc`` (Word 97-2003) → ``.docx`` through LibreOffice, then read as Word.

LibreOffice is a program, not a Python package (Debian: ``libreoffice-writer-nogui``
is the smallest package that converts; ``libreoffice-writer`` works too). It runs
headless with a throw-away profile (``-env:UserInstallation``: a user's own
LibreOffice, open or not, is neither used nor disturbed), on a copy of the file
in a temporary folder, under a time limit. The .docx it writes keeps the
document's fonts, so text typed in TCVN3 or VNI fonts is decoded run by run
(:mod:`kehoach.read.docx`).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

__all__ = ["INSTALL_HINT", "TIMEOUT", "available", "doc_to_docx"]

TIMEOUT = 120  # seconds; a first start of LibreOffice with a fresh profile takes ~5 s
INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)"


@functools.cache
def _soffice() -> str | None:
    forced = os.environ.get("KEHOACH_SOFFICE")  # a path to use instead (tests: one that does not exist)
    if forced is not None:
        return shutil.which(forced)
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return _soffice() is not None


def doc_to_docx(data: bytes) -> bytes:
    """The .docx LibreOffice makes of a .doc's bytes."""
    soffice = _soffice()
    if soffice is None:
        raise InputError(
            f"old binary Word .doc (Word 97-2003) is read through LibreOffice: {INSTALL_HINT}, or save the file as "
            f".docx"
        )
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "input.doc"
        source.write_bytes(data)
        profile = folder / "profile"
        args = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(
                args, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, env=_env(folder)
            )
        except subprocess.TimeoutExpired:
            raise InputError(f"old binary Word .doc: LibreOffice did not convert it within {TIMEOUT} s") from None
        except OSError as exc:
            raise InputError(f"old binary Word .doc: LibreOffice could not run ({exc.strerror or exc})") from None
        result = folder / "out" / "input.docx"
        if not result.exists():
            reason = (done.stderr or done.stdout).decode("utf-8", errors="replace").strip().splitlines()
            detail = reason[-1][:120] if reason else f"exit {done.returncode}"
            raise InputError(
                f"old binary Word .doc (Word 97-2003): LibreOffice could not convert it (damaged or not a Word file: "
                f"{detail})"
            )
        return result.read_bytes()


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["HOME"] = str(folder)  # LibreOffice writes caches under $HOME even with its own profile
    env.pop("DISPLAY", None)
    return env
