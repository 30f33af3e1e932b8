"""The tests' oracle: the compiled vectorizers' counts as scikit-learn's own matrices.

`FastVectorizer.transform` and `FastPipeline.transform` build, from the kernels' counts,
the very matrices `vec.transform` and `pipe[:-1].transform` build (same indices, same
order, same dtype); the fitted scikit-learn objects do the rest. So the tests compare
the kernels with scikit-learn bit for bit, features and probabilities. It lives with the
tests, not in the package: the scorer runs `CompiledPipeline`, which builds no scipy
matrix, and nothing else needs it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from stance.fast.batch import Prep, TextBatch, as_batch
from stance.fast.compiled import union_vectorizers
from stance.fast.vectorizer import CompiledVectorizer


def preprocess(text: str, prep: Prep) -> str:
    """scikit-learn's `_preprocess` for a `preprocessing` key: lowercase, then unescape."""
    if prep[0]:
        text = text.lower()
    return html.unescape(text) if prep[1] else text


class FastVectorizer(CompiledVectorizer):
    """`transform` of one fitted CountVectorizer/TfidfVectorizer from the kernels."""

    def counts(self, docs: Sequence[str] | TextBatch) -> Any:
        """The count matrix, identical to `CountVectorizer.transform(vec, docs)`."""
        batch = as_batch(docs)
        arrays = self.kernel_arrays(batch) if self.fast else None
        if arrays is None:  # settings, or a batch (a token with a space), not compiled
            return CountVectorizer.transform(self.vec, batch.docs)
        indptr, indices, counts = arrays
        X = sp.csr_array(
            (counts.astype(self.vec.dtype), indices, indptr), shape=(len(batch), self.n_features)
        )
        X.sort_indices()  # the kernels count in first-seen order
        if self.vec.binary:
            X.data.fill(1)
        return X

    def transform(self, docs: Sequence[str] | TextBatch) -> Any:
        """Identical to `vec.transform(docs)` (tf-idf weighted when a TfidfVectorizer)."""
        batch = as_batch(docs)
        if not self.fast:
            return self.vec.transform(batch.docs)
        X = self.counts(batch)
        if isinstance(self.vec, TfidfVectorizer):
            X = self.vec._tfidf.transform(X, copy=False)
        return X


class FastPipeline:
    """A fitted `features` (FeatureUnion of vectorizers) -> `clf` pipeline, its features
    from the kernels; anything but that shape falls back to the pipeline's own methods."""

    def __init__(self, pipe: Any) -> None:
        self.pipe = pipe
        self.clf = pipe.steps[-1][1]
        vecs = union_vectorizers(pipe)
        self.parts = [FastVectorizer(v) for v in vecs] if vecs is not None else None

    @property
    def fast(self) -> bool:
        return self.parts is not None and all(p.fast for p in self.parts)

    def transform(self, docs: Sequence[str] | TextBatch) -> Any:
        """The feature matrix, identical to `pipe[:-1].transform(docs)`."""
        batch = as_batch(docs)
        if self.parts is None:
            return self.pipe[:-1].transform(batch.docs)
        union = self.pipe.steps[0][1]
        return union._hstack([p.transform(batch) for p in self.parts])

    def predict_proba(self, docs: Sequence[str] | TextBatch) -> np.ndarray:
        """Identical to `pipe.predict_proba(docs)`."""
        return self.clf.predict_proba(self.transform(docs))
