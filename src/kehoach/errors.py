"""Exceptions. Every error the library raises on purpose is a :class:`KehoachError`."""

from __future__ import annotations

__all__ = ["InputError", "KehoachError", "OutputError", "UnsupportedFormat", "VocabularyError"]


class KehoachError(Exception):
    """Base of the errors kehoach raises; the CLI prints ``str(error)`` as one line."""


class InputError(KehoachError):
    """The input cannot be read as a document (missing, empty, binary, corrupt, too large ...)."""


class UnsupportedFormat(InputError):
    """The input is a file format kehoach does not read (an old binary .doc, an image ...)."""


class OutputError(KehoachError):
    """An output cannot be written as asked (an existing file that is not kehoach's, a folder where a file goes ...)."""


class VocabularyError(KehoachError):
    """A data table under ``kehoach/data`` is malformed: a packaging bug, not a user error."""
