"""A batch of texts as the kernels read it: preprocessed once, as code points.

Preprocessing is scikit-learn's: lowercase (`lowercase=True`), then `strip_accents`, of
which exactly one callable is reproduced, `html.unescape` (what `stance.features`
passes, see `FeatureConfig.unescape_html`); a batch is preprocessed once per distinct
(lowercase, unescape) key, shared by the vectorizers.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np

#: A vectorizer's preprocessing: (lowercase, html.unescape after it).
Prep = tuple[bool, bool]


def preprocessing(vec: Any) -> Prep | None:
    """The (lowercase, unescape) key of a vectorizer's preprocessing, None when it is
    neither of those (a custom preprocessor or another `strip_accents`)."""
    if getattr(vec, "preprocessor", None) is not None:
        return None
    strip = getattr(vec, "strip_accents", None)
    if strip and strip is not html.unescape:
        return None
    return bool(vec.lowercase), strip is html.unescape


def code_points(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(code points of all texts back to back, offsets: text i is cp[o[i]:o[i+1]])."""
    cp = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), out=offsets[1:])
    return cp, offsets


class TextBatch:
    """A batch of documents, preprocessed once and shared by every vectorizer."""

    def __init__(self, docs: Sequence[str]) -> None:
        self.docs = list(docs)
        self._texts: dict[Prep, list[str]] = {(False, False): self.docs}
        self._tokens: dict[tuple[Prep, str], tuple[list[str], np.ndarray]] = {}
        self._cache: dict[Any, Any] = {}

    def __len__(self) -> int:
        return len(self.docs)

    def texts(self, prep: Prep) -> list[str]:
        """The documents preprocessed as `prep` says (lowercased, then unescaped)."""
        prep = (bool(prep[0]), bool(prep[1]))
        if prep not in self._texts:
            if prep[1]:
                lowered = self.texts((prep[0], False))
                unescape = html.unescape  # itself returns at once when there is no "&"
                self._texts[prep] = [unescape(d) if "&" in d else d for d in lowered]
            else:
                self._texts[prep] = [d.lower() for d in self.docs]
        return self._texts[prep]

    def joined(self, prep: Prep) -> tuple[np.ndarray, np.ndarray]:
        """(code points of all texts back to back, offsets: doc d is cp[o[d]:o[d+1]])."""
        key = ("joined", prep)
        if key not in self._cache:
            self._cache[key] = code_points(self.texts(prep))
        return self._cache[key]

    def tokens(self, prep: Prep, tokenize: Any, key: str = "") -> tuple[list[str], np.ndarray]:
        """(all tokens of the batch flat, number of tokens per document).

        `key` names the tokenizer (its pattern) so that vectorizers share the work.
        """
        if (prep, key) not in self._tokens:
            per_doc = [tokenize(t) for t in self.texts(prep)]
            flat = [tok for toks in per_doc for tok in toks]
            counts = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(per_doc))
            self._tokens[prep, key] = (flat, counts)
        return self._tokens[prep, key]


def as_batch(docs: Sequence[str] | TextBatch) -> TextBatch:
    """`docs` as a TextBatch (itself when it is one)."""
    return docs if isinstance(docs, TextBatch) else TextBatch(docs)
