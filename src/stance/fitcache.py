"""The fit cache: the public rows' term counts, kept between training runs.

A round of the labelling loop (`stance suggest`, then `stance train --add MINE.csv`)
refits the default model on the same public corpora plus a few hundred new rows.
Counting the public rows' n-grams is about half of that fit, and it gives the same
counts every round. So `fit_pipeline` keeps, per vectorizer of the pipeline, the raw
counts of the leading `cached_rows` texts (before min_df, max_df and tf-idf): the terms
in the order the vectorizer first met them, and the CSR count arrays. The next run
counts only the rows after them, extends that vocabulary as the vectorizer itself would
have, and hands the whole count matrix to the stock `TfidfVectorizer.fit_transform`,
which applies min_df, max_df, sorts the features and fits the idf as always. The result
is the stock pipeline a plain `pipe.fit` gives, bit for bit (the tests compare the
pickled bytes); the classifier is fitted as before, from scratch.

An entry is keyed by the sha256 of those texts, the vectorizer's analysis settings
(analyzer, n-grams, token pattern, lowercase, accent/entity handling, a fixed
vocabulary) and the library versions; the settings applied after counting (min_df,
max_df, idf, sublinear tf, norm, C) are not part of the key, so changing them reuses the
counts. Entries live in the scorer's cache folder (`stance.io.cache_dir`:
`STANCE_CACHE`, `XDG_CACHE_HOME`, `~/.cache/stance`) as `fit-*.pkl`, each with a crc32
of its arrays and terms; one that is missing, unreadable, stale or fails its checks is
rebuilt, never trusted. After each write the most recently used entries are kept up to
`FIT_CACHE_BYTES` in all (the entry just written is always kept). Only fits of at least
`MIN_ROWS` cached rows use it: smaller ones count faster than they load.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import pickle
import sys
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import CountVectorizer

from stance import __version__
from stance.io import atomic_write, cache_dir

#: Version of an entry's layout (part of the key).
FIT_CACHE_LAYOUT = 1
#: The fit cache's entries together are pruned to this size (most recently used kept).
FIT_CACHE_BYTES = 2 * 1024**3
#: Fewer cached rows than this: no cache (counting them is faster than a load).
MIN_ROWS = 2000
#: The file names of the entries in the cache folder.
PATTERN = "fit-*.pkl"


@dataclass
class FitStats:
    """What the cache did for one `fit_pipeline`: per vectorizer, hit, stored or skipped."""

    parts: dict[str, str] = field(default_factory=dict)
    #: The fitted features of every row (only when `fit_pipeline(keep_features=True)`).
    features: Any = None

    @property
    def hits(self) -> int:
        return sum(v == "hit" for v in self.parts.values())


def fit_pipeline(
    pipe: Any,
    texts: Sequence[str],
    y: np.ndarray,
    sample_weight: np.ndarray | None = None,
    *,
    cached_rows: int = 0,
    folder: Path | None = None,
    keep_features: bool = False,
) -> FitStats:
    """`pipe.fit(texts, y, clf__sample_weight=sample_weight)` with the counts of the
    first `cached_rows` texts taken from (or stored in) the fit cache. The fitted
    pipeline is the one a plain fit gives. `folder`: the cache folder (default
    `cache_dir()`; None there, or fewer than `MIN_ROWS` cached rows: a plain fit).
    `keep_features`: the stats also hold the fitted features of every row (the matrix
    the classifier was fitted on), for refits of the classifier alone."""
    stats = FitStats()
    root = folder if folder is not None else cache_dir()
    parts = _vectorizers(pipe)
    fit = _fit_keeping(stats) if keep_features else _plain_fit
    if root is None or cached_rows < MIN_ROWS or not parts:
        fit(pipe, list(texts), y, sample_weight)
        return stats
    base = list(texts[:cached_rows])
    digest = _texts_sha256(base)
    with contextlib.ExitStack() as stack:
        for name, vec in parts:
            key = _key(vec, digest)
            if key is None:
                stats.parts[name] = "skipped"
                continue
            stack.enter_context(_counting(vec, name, base, root / f"fit-{key}.pkl", stats))
        fit(pipe, list(texts), y, sample_weight)
    _prune(root)
    return stats


def _plain_fit(pipe: Any, texts: list[str], y: np.ndarray, sw: np.ndarray | None) -> None:
    pipe.fit(texts, y, clf__sample_weight=sw)


def _fit_keeping(stats: FitStats) -> Any:
    """A fit that does what `Pipeline.fit` does (the steps but the last fitted and
    transformed in turn, then the last one fitted) and keeps the features in `stats`."""

    def fit(pipe: Any, texts: list[str], y: np.ndarray, sw: np.ndarray | None) -> None:
        x: Any = texts
        for _, step in pipe.steps[:-1]:
            x = step.fit_transform(x, y)
        pipe.steps[-1][1].fit(x, y, sample_weight=sw)
        stats.features = x

    return fit


def _vectorizers(pipe: Any) -> list[tuple[str, CountVectorizer]]:
    """The pipeline's vectorizers (the `features` union's parts), by name."""
    steps = getattr(pipe, "named_steps", {})
    union = steps.get("features")
    items = getattr(union, "transformer_list", [])
    return [(n, v) for n, v in items if isinstance(v, CountVectorizer)]


def _texts_sha256(texts: Sequence[str]) -> str:
    h = hashlib.sha256()
    for t in texts:
        b = t.encode("utf-8", "surrogatepass")
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _key(vec: CountVectorizer, texts_digest: str) -> str | None:
    """The entry's key, or None when the vectorizer's analysis cannot be named (a
    callable analyzer, preprocessor, tokenizer or accent function of its own; documents
    given as file names)."""
    p = vec.get_params()
    if not isinstance(p["analyzer"], str) or p["preprocessor"] or p["tokenizer"]:
        return None
    if p["input"] != "content":  # file names: their contents are not hashed
        return None
    accents = p["strip_accents"]
    if accents is html.unescape:
        accents = "html.unescape"
    elif accents is not None and not isinstance(accents, str):
        return None
    vocab = p["vocabulary"]
    if vocab is not None:
        items = sorted(vocab.items()) if isinstance(vocab, dict) else list(vocab)
        vocab = hashlib.sha256(repr(items).encode("utf-8", "surrogatepass")).hexdigest()
    settings = (
        FIT_CACHE_LAYOUT,
        texts_digest,
        p["analyzer"],
        tuple(p["ngram_range"]),
        p["token_pattern"],
        p["lowercase"],
        accents,
        p["stop_words"]
        if p["stop_words"] is None or isinstance(p["stop_words"], str)
        else sorted(p["stop_words"]),
        p["encoding"],
        p["decode_error"],
        vocab,
        __version__,
        sklearn.__version__,
        np.__version__,
        scipy.__version__,
        sys.version_info[:2],
    )
    return hashlib.sha256(repr(settings).encode("utf-8", "surrogatepass")).hexdigest()[:40]


@contextlib.contextmanager
def _counting(
    vec: CountVectorizer, name: str, base: list[str], file: Path, stats: FitStats
) -> Iterator[None]:
    """While open, `vec`'s own fit counts the `base` rows from the cache entry `file`
    (stored there on a miss) and only the rows after them anew."""
    stock = vec._count_vocab

    def count_vocab(raw_documents: Any, fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        docs = list(raw_documents)
        if docs[: len(base)] != base:  # not the texts the entry is for: count as always
            stats.parts[name] = "skipped"
            return stock(docs, fixed_vocab)
        entry = _read(file, len(base))
        if entry is None:
            stats.parts[name] = "stored"
            vocabulary: dict[str, int] | None = None if fixed_vocab else {}
            entry = _count(vec, base, vocabulary)
            entry["terms"] = [] if vocabulary is None else list(vocabulary)
            _write(file, entry)
        else:
            stats.parts[name] = "hit"
            with contextlib.suppress(OSError):
                os.utime(file)  # recently used: kept by `_prune`
        return _extended(vec, entry, docs[len(base) :], fixed_vocab)

    vec._count_vocab = count_vocab  # an instance attribute: the stock method is untouched
    try:
        yield
    finally:
        del vec._count_vocab


def _count(vec: CountVectorizer, docs: list[str], vocabulary: dict[str, int] | None) -> dict:
    """`CountVectorizer._count_vocab`'s loop: the docs' counts, new terms added to
    `vocabulary` in first-seen order (None: the vectorizer's fixed vocabulary)."""
    fixed = vocabulary is None
    vocab: dict[str, int] = vec.vocabulary_ if vocabulary is None else vocabulary
    analyze = vec.build_analyzer()
    j: array[int] = array("q")
    values: array[int] = array("i")
    indptr: array[int] = array("q", [0])
    for doc in docs:
        counter: dict[int, int] = {}
        for feature in analyze(doc):
            idx = vocab.get(feature)
            if idx is None:
                if fixed:
                    continue
                idx = vocab[feature] = len(vocab)
            counter[idx] = counter.get(idx, 0) + 1
        j.extend(counter.keys())
        values.extend(counter.values())
        indptr.append(len(j))
    return {
        "rows": len(docs),
        "indices": np.frombuffer(j, dtype=np.int64).astype(np.int32),
        "values": np.frombuffer(values, dtype=np.intc).copy(),
        "indptr": np.frombuffer(indptr, dtype=np.int64).copy(),
    }


def _extended(
    vec: CountVectorizer, entry: dict[str, Any], rest: list[str], fixed_vocab: bool
) -> tuple[dict[str, int], Any]:
    """What the stock `_count_vocab` returns for the entry's rows followed by `rest`."""
    vocabulary = None if fixed_vocab else {t: i for i, t in enumerate(entry["terms"])}
    more = _count(vec, rest, vocabulary)
    if vocabulary is None:
        vocabulary = vec.vocabulary_
    elif not vocabulary:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    nnz = int(entry["indptr"][-1] + more["indptr"][-1])
    wide = np.int64 if nnz > np.iinfo(np.int32).max else np.int32
    indptr = np.concatenate([entry["indptr"], more["indptr"][1:] + entry["indptr"][-1]])
    x = sp.csr_array(
        (
            np.concatenate([entry["values"], more["values"]]).astype(np.intc),
            np.concatenate([entry["indices"], more["indices"]]).astype(wide),
            indptr.astype(wide),
        ),
        shape=(len(indptr) - 1, len(vocabulary)),
        dtype=vec.dtype,
    )
    x.sort_indices()
    return vocabulary, _sparse_api(x)


def _sparse_api(x: Any) -> Any:
    """The sparse type scikit-learn's own `_count_vocab` returns (its config's)."""
    try:
        from sklearn.utils._sparse import _align_api_if_sparse  # private: may move
    except ImportError:  # older scikit-learn: sparse matrices throughout
        return sp.csr_matrix(x)
    return _align_api_if_sparse(x)


def _checksum(entry: dict[str, Any]) -> int:
    crc = 0
    for k in ("indices", "values", "indptr"):
        crc = zlib.crc32(memoryview(np.ascontiguousarray(entry[k])).cast("B"), crc)
    return zlib.crc32("\0".join(entry["terms"]).encode("utf-8", "surrogatepass"), crc)


def _read(file: Path, rows: int) -> dict[str, Any] | None:
    """The entry in `file`, or None: missing, unreadable, for other rows, or failing its
    shape and checksum checks."""
    try:
        with open(file, "rb") as f:
            entry = pickle.load(f)
        ok = (
            isinstance(entry, dict)
            and entry.get("rows") == rows
            and len(entry["indptr"]) == rows + 1
            and int(entry["indptr"][-1]) == len(entry["indices"]) == len(entry["values"])
            and entry.get("crc") == _checksum(entry)
        )
    except Exception:  # missing, unreadable, or not an entry in any way
        return None
    return entry if ok else None


def _write(file: Path, entry: dict[str, Any]) -> None:
    """Store `entry` (atomically; a failure only costs the next fit its time)."""
    values = entry["values"]  # counts: most fit in one byte
    small = {
        **entry,
        "values": values.astype(np.min_scalar_type(max(int(values.max(initial=0)), 0))),
    }
    with contextlib.suppress(OSError), atomic_write(file, "wb") as f:
        pickle.dump({**small, "crc": _checksum(small)}, f, protocol=5)


def _prune(root: Path, limit: int | None = None) -> None:
    """Delete the least recently used entries until the rest fit in `limit` bytes
    (`FIT_CACHE_BYTES`); the most recent entry is always kept."""
    limit = FIT_CACHE_BYTES if limit is None else limit
    with contextlib.suppress(OSError):
        files = sorted(root.glob(PATTERN), key=lambda f: f.stat().st_mtime, reverse=True)
        total = 0
        for i, f in enumerate(files):
            total += f.stat().st_size
            if i and total > limit:
                f.unlink(missing_ok=True)


def cache_bytes(root: Path | None = None) -> int:
    """The fit cache's size on disk, in bytes (0 when it is off or empty)."""
    root = root if root is not None else cache_dir()
    if root is None:
        return 0
    return sum(f.stat().st_size for f in root.glob(PATTERN) if f.is_file())
