"""Stage 2, segment: clean lines → the document's zones and its section tree.

Zones, top to bottom (:mod:`.zones`): the site's text around a web copy, the header
(issuer, national name, symbol, date), the type line ("KẾ HOẠCH") and the title under it
(trích yếu), an enacting authority line and "Kính gửi" addressees, the body, the closing
(Nơi nhận, signature) and carried documents. The body becomes paragraphs (:mod:`.paragraphs`:
hard wraps and page breaks joined back) and the paragraphs a tree of numbered parts, items
and bullets (:mod:`.tree`); :mod:`.shapes` says what a line is by its shape (a marker, a
sentence end, a name).
"""

from .paragraphs import Para, paragraphs
from .shapes import Marker, looks_like_name, read_marker
from .skeleton import Fragment, Skeleton
from .tree import Node, build_tree
from .zones import segment

__all__ = [
    "Fragment",
    "Marker",
    "Node",
    "Para",
    "Skeleton",
    "build_tree",
    "looks_like_name",
    "paragraphs",
    "read_marker",
    "segment",
]
