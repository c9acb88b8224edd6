"""Quick loaders for the heavy libraries `diff` and `compare` use.

``import underthesea`` takes ~0.35 s (it imports its whole NLP toolbox) and
``import scipy.optimize`` ~0.7 s, while a diff needs one CRF model and one C
function from them. Each loader below first reaches the piece it needs
directly (the model files underthesea ships, scipy's compiled assignment
solver) and falls back to the library's public API when that fails, so a
change in either library costs speed, never correctness. Nothing here
downloads anything: underthesea's word segmentation model ships in its wheel.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import os
from collections.abc import Callable, Sequence

__all__ = ["district_provinces", "linear_sum_assignment", "province_table", "word_segmenter"]

_WS_MODEL = ("pipeline", "word_tokenize", "models", "ws_crf_vlsp2013_20230727")


def _package_dir(name: str) -> str | None:
    """The directory of an installed package, found without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return os.path.dirname(spec.origin)


def _crf_segmenter() -> Callable[[Sequence[str]], list[str]] | None:
    """underthesea's CRF word segmenter run through underthesea_core, as
    ``underthesea.word_tokenize`` runs it: tags B-W / I-W per token."""
    base = _package_dir("underthesea")
    if base is None:
        return None
    model = os.path.join(base, *_WS_MODEL)
    try:
        import pickle

        from underthesea_core import CRFFeaturizer, CRFTagger

        tagger = CRFTagger()
        tagger.load(os.path.join(model, "models.bin"))
        with open(os.path.join(model, "features.bin"), "rb") as fh:
            features = pickle.load(fh)
        with open(os.path.join(model, "dictionary.bin"), "rb") as fh:
            dictionary = pickle.load(fh)
        featurizer = CRFFeaturizer(features, dictionary)
    except Exception:
        return None

    def tags(tokens: Sequence[str]) -> list[str]:
        return list(tagger.tag(featurizer.process([[[t] for t in tokens]])[0]))

    return tags


def _public_segmenter() -> Callable[[Sequence[str]], list[str]] | None:
    try:
        from underthesea import word_tokenize
    except Exception:
        return None

    def tags(tokens: Sequence[str]) -> list[str]:
        out: list[str] = []
        for word in word_tokenize(" ".join(tokens), use_token_normalize=False):
            parts = word.split()
            out.extend(["B-W"] + ["I-W"] * (len(parts) - 1))
        return out if len(out) == len(tokens) else ["B-W"] * len(tokens)

    return tags


@functools.cache
def word_segmenter() -> Callable[[Sequence[str]], list[str]] | None:
    """A function tagging tokens B-W (a word starts) or I-W (it goes on), or
    None when underthesea is not installed."""
    return _crf_segmenter() or _public_segmenter()


@functools.cache
def _lsap():
    base = _package_dir("scipy")
    if base is not None:
        folder = os.path.join(base, "optimize")
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_lsap" + suffix)
            if not os.path.exists(path):
                continue
            try:
                loader = importlib.machinery.ExtensionFileLoader("scipy.optimize._lsap", path)
                spec = importlib.util.spec_from_file_location("scipy.optimize._lsap", path, loader=loader)
                if spec is None:
                    break
                module = importlib.util.module_from_spec(spec)
                loader.exec_module(module)
                return module.linear_sum_assignment
            except Exception:
                break
    from scipy.optimize import linear_sum_assignment as solve

    return solve


def linear_sum_assignment(cost):
    """scipy's optimal one-to-one assignment (Hungarian / Jonker-Volgenant):
    (rows, cols) minimising the summed cost."""
    return _lsap()(cost)


@functools.cache
def province_table() -> dict | None:
    """underthesea's 2025 province mapping: ``{"province_mapping": old key → new
    key, "province_names": new key → {name, short}, "old_province_names": ...}``,
    or None when underthesea (or its data) is absent."""
    base = _package_dir("underthesea")
    if base is None:
        return None  # provinces.py then asks underthesea.address.convert_address
    import json

    path = os.path.join(base, "address", "data", "mapping.json")
    keys = ("province_mapping", "province_names", "old_province_names")
    try:
        # The provinces come first in the file, ahead of ~5 MB of wards a
        # document's province does not need: parse the head alone when it can be cut there.
        with open(path, encoding="utf-8") as fh:
            head = fh.read(1 << 17)
        cut = head.find('"ward_mapping"')
        if cut > 0:
            try:
                data = json.loads(head[:cut].rstrip().rstrip(",") + "}")
                if all(k in data for k in keys):
                    return {k: data[k] for k in keys}
            except ValueError:
                pass
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return {k: data[k] for k in keys}
    except (OSError, ValueError, KeyError):
        return None


@functools.cache
def district_provinces() -> dict[str, frozenset[str]]:
    """Old (pre-2025) district key ("huyencangio") → the old province keys it
    lies in, from the ward table of underthesea's mapping (the whole 5 MB
    file: read only when a document names its district but not its province)."""
    base = _package_dir("underthesea")
    if base is None:
        return {}
    import json

    try:
        with open(os.path.join(base, "address", "data", "mapping.json"), encoding="utf-8") as fh:
            wards = json.load(fh)["ward_mapping"]
        out: dict[str, set[str]] = {}
        for record in wards:
            out.setdefault(record["old_district_key"], set()).add(record["old_province_key"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {k: frozenset(v) for k, v in out.items()}
