"""kehoach: read Vietnamese directive documents into validated, structured data.

>>> import kehoach
>>> doc = kehoach.parse("KE-HOACH-37.txt")       # doctest: +SKIP
>>> doc.symbol, doc.issuer.name, [s.label for s in doc.sections]   # doctest: +SKIP
('37-KH/ĐUK', 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP', ['I', 'II', 'IV'])
>>> other = kehoach.parse("KE-HOACH-BINH-PHUOC.docx")  # doctest: +SKIP
>>> d = kehoach.diff_documents(doc, other)            # doctest: +SKIP
>>> d.references.both, [(r.a, r.b, r.score) for r in d.sections if r.status == "matched"][:2]  # doctest: +SKIP
(['02-KL/TW', '47-CT/TW'], [('I', 'I', 0.793), ('II', 'II', 0.858)])

The names below are the public API; everything else is internal. Modules are
imported on first use so that ``import kehoach`` and ``kehoach --help`` stay
fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "Document",
    "InputError",
    "KehoachError",
    "UnsupportedFormat",
    "__version__",
    "compare_documents",
    "diff_documents",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

_LAZY = {
    "diff_documents": ("kehoach.diff", "diff"),
    "compare_documents": ("kehoach.compare", "compare"),
    "parse": "kehoach.build",
    "parse_text": "kehoach.build",
    "parse_bytes": "kehoach.build",
    "parse_file": "kehoach.build",
    "Document": "kehoach.models",
    "KehoachError": "kehoach.errors",
    "InputError": "kehoach.errors",
    "UnsupportedFormat": "kehoach.errors",
}

if TYPE_CHECKING:  # pragma: no cover
    from .build import parse, parse_bytes, parse_file, parse_text
    from .compare import compare as compare_documents
    from .diff import diff as diff_documents
    from .errors import InputError, KehoachError, UnsupportedFormat
    from .models import Document


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kehoach' has no attribute {name!r}")
    module, attr = module if isinstance(module, tuple) else (module, name)
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
