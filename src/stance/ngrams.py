"""The fast path of `stance score`: scikit-learn's n-gram features, without scikit-learn.

Profiling a fitted word+char_wb pipeline shows most of the time in scikit-learn's
Python-level analyzers: `_char_wb_ngrams` slices every character n-gram into a new
string and `_count_vocab` looks each one up in a dict. Here a whole batch is encoded
once as an array of code points; every n-gram becomes one integer (its characters'
digits in a base just above the vocabulary's alphabet size, so the code is exact, not a
hash) looked up in an open-addressing table of the fitted vocabulary's codes.

Two consumers:
- `FastVectorizer` / `FastPipeline` give the very count matrix `CountVectorizer.transform`
  builds (same indices, same order, same dtype), then the fitted scikit-learn objects do
  the rest: features and probabilities identical, bit for bit (tests compare them).
- `CompiledPipeline` (what `stance score` runs) turns a fitted pipeline into plain arrays:
  the same counts (each row's features unsorted), then tf-idf and the linear model in one
  compiled pass in float64 over float32 weights. Its probabilities equal
  `pipeline.predict_proba` to about 1e-6 (scikit-learn computes the features in float32);
  a process that loads it from the scorer's cache never imports scikit-learn.

Words (the reasons and spans of `stance score`): `CompiledPipeline.score(words=True)`
also records where each n-gram occurred, and `word_contributions` hands each feature's
contribution (tf-idf value x coefficient) to the words of the text it lies in (the word
analyzer's tokens), exactly: the words' sums plus what lies in no word (punctuation-only
char n-grams) equal the logit minus the intercept. `prep_map` / `original_spans` map a
word back to the text as given (before lowercasing and unescaping).

Preprocessing is scikit-learn's: lowercase (`lowercase=True`), then `strip_accents`,
of which the fast path reproduces exactly one callable, `html.unescape` (what
`stance.features` passes, see `FeatureConfig.unescape_html`); a batch is preprocessed
once per distinct (lowercase, unescape) key, shared by the vectorizers.

Settings we do not reproduce (other analyzers, other accent stripping, stop words, custom
tokenizers...) fall back to scikit-learn, so the fast path is never wrong, only sometimes
not faster. The saved model stays a plain scikit-learn pipeline.
"""

from __future__ import annotations

import bisect
import functools
import html
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# scikit-learn and scipy are imported where they are used: the scorer's compiled
# pipelines (CompiledPipeline) are plain arrays, and a scoring process that never
# touches a scikit-learn object saves their import time (1.5 s, mostly scipy.stats).

_MAX_CODE = 2**63  # codes are built in uint64; keep a bit of headroom


#: No code point above U+3000 is whitespace (tests check all of Unicode).
WHITESPACE_MAX = 0x3000

#: Version of the pickled `CompiledPipeline` layout, part of the scorer cache's key:
#: bump it when the compiled arrays change, so no process loads an older layout.
COMPILED_LAYOUT = 2

#: Token patterns whose tokens never hold a space (so word n-grams split unambiguously)
#: and that the compiled tokenizer reproduces: scikit-learn's default and
#: `stance.features`'.
SAFE_TOKEN_PATTERNS = (r"(?u)\b\w\w+\b", r"(?u)[#@]?\b\w+\b")


@functools.cache
def _whitespace() -> np.ndarray:
    """Code points for which `str.isspace()` is true (what `str.split()` splits on)."""
    return np.array([c for c in range(WHITESPACE_MAX + 1) if chr(c).isspace()], dtype=np.uint32)


#: Set to False to force the numpy path (tests compare both with scikit-learn).
USE_KERNELS = os.environ.get("STANCE_NO_NUMBA", "") == ""


@functools.cache
def _load_kernels() -> Any:
    try:
        from stance import _ngram_kernels
    except ImportError:  # numba is optional: the numpy path gives the same counts
        return None
    return _ngram_kernels


def kernels() -> Any:
    """The compiled kernels module when numba is installed and enabled, else None."""
    return _load_kernels() if USE_KERNELS else None


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


def preprocess(text: str, prep: Prep) -> str:
    """scikit-learn's `_preprocess` for a `preprocessing` key: lowercase, then unescape."""
    if prep[0]:
        text = text.lower()
    return html.unescape(text) if prep[1] else text


def unsupported_reason(vec: Any) -> str | None:
    """Why the fast path cannot reproduce this fitted vectorizer (None if it can)."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    if not isinstance(vec, CountVectorizer):  # TfidfVectorizer subclasses it
        return f"{type(vec).__name__} is not a CountVectorizer/TfidfVectorizer"
    if not hasattr(vec, "vocabulary_"):
        return "vectorizer is not fitted"
    if vec.input != "content" or preprocessing(vec) is None:
        return "custom input, preprocessor or strip_accents (other than html.unescape)"
    if callable(vec.analyzer) or vec.analyzer not in ("word", "char_wb"):
        return f"analyzer {vec.analyzer!r}"
    lo, hi = vec.ngram_range
    if lo < 1 or hi < lo:
        return f"ngram_range {vec.ngram_range}"
    if vec.analyzer == "char_wb" and lo > 3:
        return "char_wb with min n > 3 (whole short words)"  # words pad to >= 3 chars
    if vec.analyzer == "word" and (vec.tokenizer is not None or vec.stop_words is not None):
        return "custom tokenizer or stop words"
    if isinstance(vec, TfidfVectorizer) and not hasattr(vec, "_tfidf"):
        return "TfidfVectorizer without its fitted _tfidf"
    return None


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
        self._chars: dict[Prep, tuple[np.ndarray, ...]] = {}
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

    def chars(self, prep: Prep) -> tuple[np.ndarray, ...]:
        """(code points, is-space, limit, doc, pads) over " " + " ".join(texts) + " ".

        `limit[p]` is the end (exclusive) of the space-padded word an n-gram starting at
        p may span, or p itself when no char_wb n-gram starts there. `pads` are the
        positions of the words' trailing pads (only unigrams start there).
        """
        if prep not in self._chars:
            texts = self.texts(prep)
            joined = " " + " ".join(texts) + " "
            cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            space = np.isin(cp, _whitespace())
            n = len(cp)
            word = ~space
            starts = np.flatnonzero(word[1:] & space[:-1]) + 1  # words never touch the ends
            ends = np.flatnonzero(word[:-1] & space[1:]) + 1
            is_start = np.zeros(n, dtype=bool)
            is_start[starts] = True
            wid = np.cumsum(is_start) - 1
            limit = np.arange(n)
            # inside a word: its end + the trailing pad
            limit[word] = ends[wid[word]] + 1
            # the leading pad of a word: the space just before its first character
            limit[starts - 1] = ends + 1
            lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
            doc_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            doc = np.searchsorted(doc_starts, np.arange(n), side="right") - 1
            self._chars[prep] = (cp, space, limit, doc, ends)
        return self._chars[prep]

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


@functools.cache
def word_chars() -> np.ndarray:
    """uint8 flag per code point: 1 where regex `\\w` matches (asked of `re` itself)."""
    import re

    every = "".join(map(chr, range(0x110000)))
    flags = np.zeros(0x110000, dtype=np.uint8)
    for m in re.finditer(r"(?u)\w+", every):
        flags[m.start() : m.end()] = 1
    return flags


class _TokenTable:
    """The word vocabulary's tokens for the `tokenize_ids` kernel: their code points
    back to back and a hash table from their FNV hash to their digit (1-based)."""

    def __init__(self, k: Any, tokens: list[str], pattern: str) -> None:
        self.min_len = 2 if pattern == SAFE_TOKEN_PATTERNS[0] else 1
        self.tags = pattern == SAFE_TOKEN_PATTERNS[1]
        self.cp, self.off = code_points(tokens)
        hashes = np.empty(len(tokens), dtype=np.uint64)
        k.token_hashes(self.cp, self.off, hashes)
        self.ok = len(np.unique(hashes)) == len(hashes)  # else: Python's tokenizer
        self.table = _CodeTable(hashes, np.arange(1, len(tokens) + 1))
        self.is_word = word_chars()


_SCRATCH = threading.local()


def scratch(name: str, size: int, dtype: Any) -> np.ndarray:
    """A reusable buffer of at least `size` items (this thread's, grown as needed):
    fresh arrays of tens of MB cost a page fault per 4 kB on every batch. Valid until
    the next request of the same name in this thread."""
    pool = getattr(_SCRATCH, "pool", None)
    if pool is None:
        pool = _SCRATCH.pool = {}
    buf = pool.get(name)
    if buf is None or buf.shape[0] < size or buf.dtype != dtype:
        buf = pool[name] = np.empty(max(size, 1024), dtype=dtype)
    return buf[:size]


def _as_batch(docs: Sequence[str] | TextBatch) -> TextBatch:
    return docs if isinstance(docs, TextBatch) else TextBatch(docs)


class _CodeTable:
    """An open-addressing hash table (linear probing) from n-gram codes to feature indices.

    Built and probed with whole-array numpy operations: each round of probing is one
    gather, and most lookups end in the first or second round. Codes are never 0 (all
    digits are >= 1), so 0 marks an empty slot.
    """

    _MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing

    def __init__(self, codes: np.ndarray, values: np.ndarray) -> None:
        bits = max(4, int(np.ceil(np.log2(2 * len(codes) + 1))))  # load factor <= 0.5
        self.mask = np.uint64((1 << bits) - 1)
        self.shift = np.uint64(64 - bits)
        # (key, value) pairs side by side: a compiled probe reads one cache line; empty
        # slots are (0, 0)
        self.slots = np.zeros(2 << bits, dtype=np.uint64)
        keys = self.keys
        pending = np.arange(len(codes))
        slot = self._home(codes)
        while pending.size:
            free = keys[slot] == 0
            cand, cand_slot = pending[free], slot[free]
            taken, first = np.unique(cand_slot, return_index=True)
            keys[taken] = codes[cand[first]]
            self.values[taken] = values[cand[first]]
            placed = np.zeros(len(pending), dtype=bool)
            placed[np.flatnonzero(free)[first]] = True
            pending, slot = pending[~placed], (slot[~placed] + np.uint64(1)) & self.mask

    @property
    def keys(self) -> np.ndarray:
        """The slots' keys (a view)."""
        return self.slots[0::2]

    @property
    def values(self) -> np.ndarray:
        """The slots' values (a view; only meaningful where the key is not 0)."""
        return self.slots[1::2].view(np.int64)

    def _home(self, codes: np.ndarray) -> np.ndarray:
        return (codes * self._MULT) >> self.shift

    def lookup(self, codes: np.ndarray) -> np.ndarray:
        """Feature index of each code, -1 where the code is not in the vocabulary."""
        slot = self._home(codes)
        key = self.keys[slot]
        out = np.where(key == codes, self.values[slot], -1)
        todo = np.flatnonzero((key != 0) & (key != codes))
        while todo.size:
            slot_t = (slot[todo] + np.uint64(1)) & self.mask
            slot[todo] = slot_t
            key = self.keys[slot_t]
            found = key == codes[todo]
            out[todo[found]] = self.values[slot_t[found]]
            todo = todo[(key != 0) & ~found]
        return out


def _window_codes(
    digits: np.ndarray,
    limit: np.ndarray,
    base: int,
    lo: int,
    hi: int,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """For n in lo..hi: (start positions, codes) of the n-grams with p + n <= limit[p]."""
    positions, codes = [], []
    n_all = len(digits)
    code = digits.astype(np.uint64)
    idx = np.arange(n_all)
    for n in range(1, hi + 1):
        if n > 1:
            code = code[:-1] * np.uint64(base) + digits[n - 1 :].astype(np.uint64)
        if n < lo:
            continue
        ok = np.flatnonzero(idx[: len(code)] + n <= limit[: len(code)])
        positions.append(ok)
        codes.append(code[ok])
    return positions, codes


def _counts_csr(doc: np.ndarray, feat: np.ndarray, n_docs: int, n_features: int, dtype: Any) -> Any:
    """Count (doc, feature) pairs into a canonical CSR array (sorted, summed)."""
    import scipy.sparse as sp

    key = (doc.astype(np.int64) << 32) | feat.astype(np.int64)
    key.sort()
    if len(key):
        first = np.concatenate([[True], key[1:] != key[:-1]])
        uniq = key[first]
        bounds = np.concatenate([np.flatnonzero(first), [len(key)]])
        counts = np.diff(bounds)
    else:
        uniq = key
        counts = np.zeros(0, dtype=np.int64)
    rows = uniq >> 32
    cols = (uniq & 0xFFFFFFFF).astype(np.int32)
    indptr = np.zeros(n_docs + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
    return sp.csr_array((counts.astype(dtype), cols, indptr), shape=(n_docs, n_features))


class FastVectorizer:
    """Exact, vectorised `transform` of one fitted CountVectorizer/TfidfVectorizer."""

    def __init__(self, vec: Any) -> None:
        self.vec = vec
        self.reason = unsupported_reason(vec)
        if self.reason is None:
            self.prep: Prep = preprocessing(vec)  # type: ignore[assignment]
            self.reason = self._build()

    @property
    def fast(self) -> bool:
        return self.reason is None

    def _build(self) -> str | None:
        vec = self.vec
        vocab = vec.vocabulary_
        terms = list(vocab)
        index = np.fromiter(vocab.values(), dtype=np.int64, count=len(terms))
        self.n_features = len(vocab)
        hi = vec.ngram_range[1]
        if vec.analyzer == "char_wb":
            alphabet = np.unique(
                np.frombuffer("".join(terms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            )
            self.base = len(alphabet) + 2  # digits 1..A, A+1 = outside the vocabulary
            if self.base**hi >= _MAX_CODE:
                return f"alphabet of {len(alphabet)} characters too large for n = {hi}"
            self.alphabet = alphabet
            # dense code point -> digit table for the kernels (0 marks whitespace)
            size = max(int(alphabet.max()) if len(alphabet) else 0, WHITESPACE_MAX) + 1
            self.dense = np.full(size, self.base - 1, dtype=np.uint64)
            self.dense[alphabet] = np.arange(1, len(alphabet) + 1, dtype=np.uint64)
            ws = _whitespace()
            self.dense[ws[ws < size]] = 0
            space = np.searchsorted(alphabet, ord(" "))
            self.space_digit = (
                space + 1
                if space < len(alphabet) and alphabet[space] == ord(" ")
                else self.base - 1
            )
            codes = np.zeros(len(terms), dtype=np.uint64)
            lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
            for n in np.unique(lengths):
                which = np.flatnonzero(lengths == n)
                cps = np.frombuffer(
                    "".join(terms[i] for i in which).encode("utf-32-le", "surrogatepass"),
                    dtype=np.uint32,
                ).reshape(len(which), n)
                digits = self._digits(cps.ravel()).reshape(len(which), n)
                code = np.zeros(len(which), dtype=np.uint64)
                for j in range(n):
                    code = code * np.uint64(self.base) + digits[:, j].astype(np.uint64)
                codes[which] = code
        else:
            split = [t.split(" ") for t in terms]
            tokens = sorted({tok for parts in split for tok in parts})
            token_ids = {tok: i + 1 for i, tok in enumerate(tokens)}
            self.tokenize = vec.build_tokenizer()
            self.base = len(tokens) + 2
            if self.base**hi >= _MAX_CODE:
                return f"{len(tokens)} tokens too many for n = {hi}"
            codes = np.zeros(len(terms), dtype=np.uint64)
            for i, parts in enumerate(split):
                code = 0
                for tok in parts:
                    code = code * self.base + token_ids[tok]
                codes[i] = code
            self._tokens = tokens
            k = kernels()
            self.token_table = None
            if k is not None and vec.token_pattern in SAFE_TOKEN_PATTERNS:
                table = _TokenTable(k, tokens, vec.token_pattern)
                self.token_table = table if table.ok else None
        if len(np.unique(codes)) != len(codes):
            return "two vocabulary terms share a code"  # cannot happen; stay exact if so
        self.table = _CodeTable(codes, index)
        # Prefix-closed vocabularies (min_df only, no max_df/max_features cut) let the
        # kernels stop extending an n-gram at its first miss; checked, not assumed.
        lo = vec.ngram_range[0]
        longer = codes >= np.uint64(self.base) ** np.uint64(lo)  # terms of > lo units
        self.closed = bool(np.all(self.table.lookup(codes[longer] // np.uint64(self.base)) >= 0))
        return None

    def token_index(self) -> Any:
        """The vocabulary's tokens as a pandas Index (a C hash table), built on first use:
        the compiled tokenizer does not need it, so it is not pickled."""
        if getattr(self, "_token_index", None) is None:
            import pandas as pd

            self._token_index = pd.Index(self._tokens, dtype=object)
        return self._token_index

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_token_index"] = None
        return state

    def _digits(self, cps: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.alphabet, cps)
        pos_c = np.minimum(pos, len(self.alphabet) - 1)
        found = self.alphabet[pos_c] == cps
        return np.where(found, pos_c + 1, self.base - 1).astype(np.uint64)

    def _lookup(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(mask of codes in the vocabulary, their feature indices)."""
        feat = self.table.lookup(codes)
        hit = feat >= 0
        return hit, feat[hit]

    def counts(self, docs: Sequence[str] | TextBatch) -> Any:
        """The count matrix, identical to `CountVectorizer.transform(vec, docs)`."""
        from sklearn.feature_extraction.text import CountVectorizer

        batch = _as_batch(docs)
        if not self.fast:
            return CountVectorizer.transform(self.vec, batch.docs)
        vec = self.vec
        lo, hi = vec.ngram_range
        k = kernels()
        if k is not None and self.n_features:
            X = self._kernel_counts(k, batch)
            if X is not None:
                if vec.binary:
                    X.data.fill(1)
                return X
        if vec.analyzer == "char_wb":
            cp, space, limit, doc, pads = batch.chars(self.prep)
            digits = self._digits(cp)
            digits[space] = self.space_digit
            if lo == 1:
                # sklearn pads every word on both sides: two " " unigrams per word, where
                # the shared spaces of the joined text hold only one; count them apart
                space_feat = self.table.lookup(np.array([self.space_digit], np.uint64))[0]
                pad_docs = np.repeat(doc[pads - 1], 2)  # a word's last char: its doc
        else:
            flat, per_doc = batch.tokens(self.prep, self.tokenize, str(vec.token_pattern))
            if len(flat) > 1 and " ".join(flat).count(" ") != len(flat) - 1:
                # a token with a space inside (an unusual token_pattern) would make n-gram
                # strings ambiguous; scikit-learn handles such batches itself
                return CountVectorizer.transform(self.vec, batch.docs)
            ids = self.token_index().get_indexer(flat) if flat else np.zeros(0, np.int64)
            digits = np.where(ids >= 0, ids + 1, self.base - 1).astype(np.uint64)
            doc = np.repeat(np.arange(len(batch)), per_doc)
            limit = np.repeat(np.cumsum(per_doc), per_doc)  # n-grams stay inside a doc
        docs_idx, feats = [], []
        if self.n_features and len(digits):
            positions, codes = _window_codes(digits, limit, self.base, lo, hi)
            if vec.analyzer == "char_wb" and lo == 1:
                keep = ~space[positions[0]]
                positions[0], codes[0] = positions[0][keep], codes[0][keep]
                if space_feat >= 0:
                    docs_idx.append(pad_docs)
                    feats.append(np.full(len(pad_docs), space_feat, dtype=np.int64))
            for pos, code in zip(positions, codes, strict=True):
                hit, feat = self._lookup(code)
                docs_idx.append(doc[pos[hit]])
                feats.append(feat)
        d = np.concatenate(docs_idx) if docs_idx else np.zeros(0, np.int64)
        f = np.concatenate(feats) if feats else np.zeros(0, np.int64)
        X = _counts_csr(d, f, len(batch), self.n_features, vec.dtype)
        if vec.binary:
            X.data.fill(1)
        return X

    def _kernel_counts(self, k: Any, batch: TextBatch) -> Any:
        import scipy.sparse as sp

        arrays = self.kernel_arrays(k, batch, distinct=False)
        if arrays is None:
            return None
        indptr, indices, counts = arrays
        return sp.csr_array(
            (counts.astype(self.vec.dtype), indices, indptr), shape=(len(batch), self.n_features)
        )

    def kernel_arrays(
        self, k: Any, batch: TextBatch, *, distinct: bool, words: Words | None = None
    ) -> tuple[np.ndarray, ...] | None:
        """(indptr, indices, counts) of the count matrix from the compiled kernels; each
        row's indices sorted, or with `distinct` in first-seen order (no sort: faster).
        None when a batch needs scikit-learn (a token with a space inside).

        `words` (the batch's, from `token_spans`; with `distinct`) adds where the
        occurrences lie (see the kernels' `_distinct`): (slot_owner, slot_own,
        extra_slot, extra_words, extra_ptr): per CSR entry the words of its first
        occurrence (first << SPAN_BITS | how many; a word part's tokens are numbered
        across the batch, its own tokenizer's: see `CompiledPipeline._token_map`) and
        how many occurrences lie there; the other occurrences, document d's at
        extra_ptr[d]:extra_ptr[d+1] (this thread's scratch buffers, valid until the
        next call). None when the batch is too long to pack."""
        vec = self.vec
        lo, hi = vec.ngram_range
        t = self.table
        width = hi - lo + 1
        record = words is not None and distinct
        if record and (
            hi >= 1 << k.SPAN_BITS or len(batch.joined(self.prep)[0]) >= 1 << (31 - k.SPAN_BITS)
        ):
            return None
        if distinct:  # (last document, CSR slot) per feature
            stamp = np.full(2 * self.n_features, -1, dtype=np.int32)
        else:
            stamp = np.zeros(0, dtype=np.int32)
        extra_ptr = np.zeros(len(batch) + 1 if record else 0, dtype=np.int64)
        if vec.analyzer == "char_wb":
            cp, offsets = batch.joined(self.prep)
            longest = int(np.diff(offsets).max()) if len(offsets) > 1 else 0
            bound = 3 * len(cp) * width + 1
            out_i = np.empty(bound, dtype=np.int32)
            out_c = np.empty(bound, dtype=np.int32)
            indptr = np.empty(len(batch) + 1, dtype=np.int32)
            work = np.empty(3 * longest * width + 1, dtype=np.int32)
            rec = self._record_buffers(bound if record else 0, len(work))
            char_words = (
                words.char_words
                if record  # type: ignore[union-attr]
                else np.zeros((2, 0), dtype=np.int32)
            )
            buf = np.empty(longest + 2, dtype=np.uint64)
            nnz = k.char_wb_counts(
                cp,
                offsets,
                self.dense,
                np.uint64(self.space_digit),
                np.uint64(self.base - 1),
                np.uint64(self.base),
                lo,
                hi,
                t.slots,
                t.mask,
                t.shift,
                self.closed,
                out_i,
                out_c,
                indptr,
                work,
                buf,
                stamp,
                char_words,
                *rec,
                extra_ptr,
            )
        else:
            tt = getattr(self, "token_table", None)
            if tt is not None:  # tokenize and look tokens up in one compiled pass
                cp, cp_off = batch.joined(self.prep)
                digits = np.empty(len(cp) // tt.min_len + 1, dtype=np.uint64)
                per_doc = np.empty(len(batch), dtype=np.int64)
                n_tok = k.tokenize_ids(
                    cp,
                    cp_off,
                    tt.is_word,
                    tt.min_len,
                    tt.tags,
                    tt.table.slots,
                    tt.table.mask,
                    tt.table.shift,
                    tt.cp,
                    tt.off,
                    np.uint64(self.base - 1),
                    digits,
                    per_doc,
                )
                digits = digits[:n_tok]
            else:
                flat, per_doc = batch.tokens(self.prep, self.tokenize, str(vec.token_pattern))
                if len(flat) > 1 and " ".join(flat).count(" ") != len(flat) - 1:
                    return None
                ids = self.token_index().get_indexer(flat) if flat else np.zeros(0, np.int64)
                digits = np.where(ids >= 0, ids + 1, self.base - 1).astype(np.uint64)
            offsets = np.zeros(len(batch) + 1, dtype=np.int64)
            np.cumsum(per_doc, out=offsets[1:])
            longest = int(per_doc.max()) if len(per_doc) else 0
            bound = len(digits) * width + 1
            out_i = np.empty(bound, dtype=np.int32)
            out_c = np.empty(bound, dtype=np.int32)
            indptr = np.empty(len(batch) + 1, dtype=np.int32)
            work = np.empty(longest * width + 1, dtype=np.int32)
            rec = self._record_buffers(bound if record else 0, len(work))
            nnz = k.word_counts(
                digits,
                offsets,
                np.uint64(self.base),
                lo,
                hi,
                t.slots,
                t.mask,
                t.shift,
                self.closed,
                out_i,
                out_c,
                indptr,
                work,
                stamp,
                *rec,
                extra_ptr,
            )
        if record:
            _, owner, own, extra_slot, extra_words = rec
            e = extra_ptr[-1]
            return (
                indptr,
                out_i[:nnz],
                out_c[:nnz],
                owner[:nnz],
                own[:nnz],
                extra_slot[:e],
                extra_words[:e],
                extra_ptr,
            )
        return indptr, out_i[:nnz], out_c[:nnz]  # views: the buffers go with them

    @staticmethod
    def _record_buffers(bound: int, per_doc: int) -> tuple[np.ndarray, ...]:
        """(hit_words (one document's), slot_owner, slot_own, extra_slot, extra_words):
        empty when `bound` is 0 (nothing recorded)."""
        return (
            np.empty(per_doc if bound else 0, dtype=np.int32),
            scratch("slot_owner", bound, np.int32),
            scratch("slot_own", bound, np.int32),
            scratch("extra_slot", bound, np.int32),
            scratch("extra_words", bound, np.int32),
        )

    def transform(self, docs: Sequence[str] | TextBatch) -> Any:
        """Identical to `vec.transform(docs)` (tf-idf weighted when a TfidfVectorizer)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        batch = _as_batch(docs)
        if not self.fast:
            return self.vec.transform(batch.docs)
        X = self.counts(batch)
        if isinstance(self.vec, TfidfVectorizer):
            X = self.vec._tfidf.transform(X, copy=False)
        return X


class FastPipeline:
    """A fitted `features` (FeatureUnion of vectorizers) -> `clf` pipeline, scored fast.

    Anything but that shape falls back to the pipeline's own methods.
    """

    def __init__(self, pipe: Any) -> None:
        from sklearn.pipeline import FeatureUnion

        self.pipe = pipe
        self.parts: list[FastVectorizer] | None = None
        self.clf = pipe.steps[-1][1]
        steps = dict(pipe.steps)
        union = steps.get("features")
        if (
            len(pipe.steps) == 2
            and isinstance(union, FeatureUnion)
            and union.transformer_weights is None
            and all(t not in ("drop", "passthrough") for _, t in union.transformer_list)
        ):
            self.parts = [FastVectorizer(t) for _, t in union.transformer_list]
            self.union = union

    @property
    def fast(self) -> bool:
        return self.parts is not None and all(p.fast for p in self.parts)

    def transform(self, docs: Sequence[str] | TextBatch) -> Any:
        """The feature matrix, identical to `pipe[:-1].transform(docs)`."""
        batch = _as_batch(docs)
        if self.parts is None:
            return self.pipe[:-1].transform(batch.docs)
        return self.union._hstack([p.transform(batch) for p in self.parts])

    def predict_proba(self, docs: Sequence[str] | TextBatch) -> np.ndarray:
        """Identical to `pipe.predict_proba(docs)`."""
        return self.clf.predict_proba(self.transform(docs))


#: Features of a batch as CSR arrays: (indptr, columns, values).
Features = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass
class _VecSpec:
    """The settings of a fitted vectorizer that the compiled kernels read (no sklearn)."""

    analyzer: str
    ngram_range: tuple[int, int]
    prep: Prep  # (lowercase, html.unescape), see `preprocessing`
    token_pattern: str | None
    binary: bool
    dtype: Any


def compile_reason(fp: FastPipeline) -> str | None:
    """Why `CompiledPipeline` cannot take this pipeline (its FastPipeline) over (None if
    it can)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if not fp.fast:
        return "not a FeatureUnion of supported vectorizers -> classifier"
    if type(fp.clf) is not LogisticRegression:
        return f"classifier {type(fp.clf).__name__}"
    for part in fp.parts or []:
        vec = part.vec
        if isinstance(vec, TfidfVectorizer) and vec.norm not in ("l2", None):
            return f"tf-idf norm {vec.norm!r}"
        if vec.analyzer == "word" and vec.token_pattern not in SAFE_TOKEN_PATTERNS:
            return f"token_pattern {vec.token_pattern!r}"
    return None


class CompiledPipeline:
    """A fitted word/char TF-IDF -> LogisticRegression pipeline as plain arrays.

    The n-gram counts are scikit-learn's exactly (the same kernels as FastVectorizer,
    without sorting each row), tf-idf and the linear model are computed in one compiled
    pass in float64 over float32 weights: probabilities equal `pipe.predict_proba` to
    about 1e-6 (scikit-learn computes the features in float32; the tests bound the
    difference at 2e-6).
    Pickled, it holds no scikit-learn object, so a process that loads it from the
    scorer's cache never imports scikit-learn. Pipelines of another shape are kept and
    scored by scikit-learn itself (`self.pipe`).
    """

    def __init__(self, pipe: Any) -> None:
        clf = pipe.steps[-1][1]
        self.classes = [str(c) for c in clf.classes_]
        self.coef_t: np.ndarray | None = None
        self._weights: dict[tuple[str, ...], Any] = {}  # class/contrast weights, by labels
        fast = FastPipeline(pipe)  # its vectorizers' lookup tables are built once, here
        self.reason = compile_reason(fast)
        self.pipe = pipe if self.reason is not None else None
        if hasattr(clf, "coef_"):
            self.coef_t = np.ascontiguousarray(np.asarray(clf.coef_, dtype=np.float64).T)
            self.intercept = np.asarray(clf.intercept_, dtype=np.float64)
        # column -> its name for people, built once: word n-grams as they are, character
        # n-grams in double quotes (JSON-escaped) so their spaces show
        names = []
        union = pipe.steps[0][1]
        for _, vec in getattr(union, "transformer_list", []):
            vocab = getattr(vec, "vocabulary_", None)
            if vocab is None:
                continue
            terms = list(vocab)
            if vec.analyzer != "word":
                terms = [json.dumps(t, ensure_ascii=False) for t in terms]
            arr = np.empty(len(vocab), dtype=object)
            arr[np.fromiter(vocab.values(), dtype=np.int64, count=len(vocab))] = terms
            names.append(arr)
        self._names = np.concatenate(names) if names else np.zeros(0, dtype=object)
        if self.pipe is not None:
            return
        self.parts: list[tuple[FastVectorizer, int, np.ndarray, bool, bool]] = []
        offset = 0
        for (_, vec), fv in zip(union.transformer_list, fast.parts or [], strict=True):
            tf = getattr(vec, "_tfidf", None)
            idf = (
                np.asarray(tf.idf_, dtype=np.float64)
                if tf is not None and tf.use_idf
                else np.zeros(0)
            )
            sublinear = bool(tf is not None and tf.sublinear_tf)
            l2 = bool(tf is not None and tf.norm == "l2")
            fv.vec = _VecSpec(
                vec.analyzer,
                tuple(vec.ngram_range),
                fv.prep,  # type: ignore
                getattr(vec, "token_pattern", None),
                vec.binary,
                vec.dtype,
            )
            # per feature [idf, coefficients...]: what the kernel reads, side by side
            weights = np.empty((fv.n_features, 1 + self.coef_t.shape[1]), dtype=np.float32)
            weights[:, 0] = idf if len(idf) else 1.0
            weights[:, 1:] = self.coef_t[offset : offset + fv.n_features]
            self.parts.append((fv, offset, weights, sublinear, l2))
            offset += fv.n_features

    def score(self, docs: Sequence[str] | TextBatch, *, words: bool = False) -> Any:
        """(probabilities in `classes` order, the tf-idf features of each part as CSR
        arrays (indptr, columns of the whole feature space, values), each row's columns
        in no particular order).

        `words=True` adds a third item for `word_contributions`: the batch's words and
        where each n-gram occurred (a `WordHits`), or None when this pipeline cannot
        attribute n-grams to words (`words_reason`)."""
        batch = _as_batch(docs)
        if self.pipe is not None:
            X = self.pipe[:-1].transform(batch.docs).tocsr()
            proba = self.pipe.predict_proba(batch.docs)
            feats0 = [
                (X.indptr.astype(np.int64), X.indices.astype(np.int64), X.data.astype(np.float64))
            ]
            return (proba, feats0, None) if words else (proba, feats0)
        assert self.coef_t is not None
        n = len(batch)
        dots = np.zeros((n, self.coef_t.shape[1]))
        k = kernels()
        n_out = dots.shape[1]
        # words: found first, then each part's occurrences handed to them as it is scored
        found = (
            self._kernel_words(k, batch)
            if words and self.words_reason is None and k is not None
            else None
        )
        word_out = np.zeros((len(found.form) if found else 0, n_out))
        rest_out = np.zeros((n if found else 0, n_out))
        feats: list[Features] = []
        for fv, offset, weights, sublinear, l2 in self.parts:
            arrays = (
                fv.kernel_arrays(k, batch, distinct=True, words=found) if k is not None else None
            )
            if arrays is None and found is not None:  # a batch too long to pack
                arrays = fv.kernel_arrays(k, batch, distinct=True)
            if arrays is None:  # numpy path (no numba) or a batch only sklearn can split
                X = fv.counts(batch)
                arrays = (X.indptr, X.indices, X.data)
            indptr, indices, counts = arrays[:3]
            values = np.empty(len(indices))
            if found is not None and len(arrays) == 8:
                longest = int(np.diff(indptr).max()) if n else 0
                k.tfidf_dot_words(
                    indptr,
                    indices,
                    counts,
                    weights,
                    sublinear,
                    bool(fv.vec.binary),
                    l2,
                    values,
                    dots,
                    *arrays[3:],
                    self._token_map(k, batch, fv, found),
                    word_out,
                    rest_out,
                    np.empty(longest * n_out + 1),
                )
            else:
                found = None  # the words of this batch come from the reference path
                if fv.vec.binary:
                    counts = np.minimum(counts, 1)
                if k is not None:
                    k.tfidf_dot(indptr, indices, counts, weights, sublinear, l2, values, dots)
                else:
                    _tfidf_dot(indptr, indices, counts, weights, sublinear, l2, values, dots)
            if offset:  # columns of the whole feature space (a fresh array: in place)
                indices += offset
            feats.append((indptr, indices, values))
        decision = dots + self.intercept
        if decision.shape[1] == 1:  # binary LogisticRegression: sklearn's expit
            p = 1.0 / (1.0 + np.exp(-decision[:, 0]))
            proba = np.column_stack([1.0 - p, p])
        else:  # multinomial: sklearn's softmax
            decision -= decision.max(axis=1, keepdims=True)
            np.exp(decision, out=decision)
            proba = decision / decision.sum(axis=1, keepdims=True)
        if not words:
            return proba, feats
        if self.words_reason is not None:
            return proba, feats, None
        if found is not None:
            return proba, feats, WordHits(batch, found, word_out, rest_out)
        return proba, feats, self.reference_word_hits(batch, feats)

    # ---- words: the n-grams' contributions added up per word of the text ----------------

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_terms", None)  # built on demand (reference path only)
        return state

    @property
    def words_reason(self) -> str | None:
        """Why n-grams cannot be attributed to words here (None when they can): only a
        compiled pipeline whose parts preprocess alike."""
        if self.pipe is not None:
            return "not compiled: " + str(self.reason)
        if len({fv.prep for fv, *_ in self.parts}) > 1:
            return "its vectorizers preprocess differently"
        return None

    def _word_spec(self) -> tuple[Prep, str]:
        """(preprocessing, token regex) of the words: the word part's, else the project's
        default pattern."""
        prep: Prep = self.parts[0][0].prep if self.parts else (True, False)
        for fv, *_ in self.parts:
            if fv.vec.analyzer == "word":
                return fv.prep, str(fv.vec.token_pattern)
        return prep, SAFE_TOKEN_PATTERNS[1]

    @staticmethod
    def _token_positions(
        k: Any,
        batch: TextBatch,
        prep: Prep,
        pattern: str,
    ) -> tuple[np.ndarray, ...]:
        """`token_spans` of a SAFE token pattern: (start, end (positions in
        batch.joined(prep)), per-document counts, form, split, char_words)."""
        cp, offsets = batch.joined(prep)
        n_max = len(cp) + 1
        start = np.empty(n_max, dtype=np.int64)
        end = np.empty(n_max, dtype=np.int64)
        form = np.empty(n_max, dtype=np.uint64)
        split = np.empty(n_max, dtype=np.bool_)
        per_doc = np.empty(len(batch), dtype=np.int64)
        char_words = np.empty((2, len(cp)), dtype=np.int32)
        min_len = 2 if pattern == SAFE_TOKEN_PATTERNS[0] else 1
        n = k.token_spans(
            cp,
            offsets,
            word_chars(),
            min_len,
            pattern == SAFE_TOKEN_PATTERNS[1],
            start,
            end,
            form,
            split,
            per_doc,
            char_words,
        )
        return start[:n], end[:n], per_doc, form[:n], split[:n], char_words

    def _kernel_words(self, k: Any, batch: TextBatch) -> Words:
        prep, pattern = self._word_spec()
        start, end, per_doc, form, split, char_words = self._token_positions(
            k, batch, prep, pattern
        )
        ptr = np.zeros(len(batch) + 1, dtype=np.int64)
        np.cumsum(per_doc, out=ptr[1:])
        base = np.repeat(batch.joined(prep)[1][:-1], per_doc)
        return Words(
            start - base, end - base, ptr, form.copy(), split.copy(), prep, char_words, pattern
        )

    def _token_map(
        self,
        k: Any,
        batch: TextBatch,
        fv: FastVectorizer,
        words: Words,
    ) -> np.ndarray:
        """For a word part whose tokenizer is not the words' (a lexicon part with its own
        pattern): per token of the part (numbered across the batch), the word it lies
        in (-1: none); empty when the part's tokens are the words."""
        pattern = str(fv.vec.token_pattern)
        if fv.vec.analyzer != "word" or pattern == words.pattern:
            return np.zeros(0, dtype=np.int32)
        _, end, *_ = self._token_positions(k, batch, fv.prep, pattern)
        last = end - 1  # a token's last character is a word character
        w = words.char_words[0, last]
        return np.where(words.char_words[1, last] == w, w, -1).astype(np.int32)

    def reference_words(self, batch: TextBatch) -> Words:
        """The batch's words by Python's `re` (the word analyzer's own tokenizer)."""
        import re

        prep, pattern = self._word_spec()
        token_re = re.compile(pattern)
        word_re = re.compile(r"(?u)\w")
        starts: list[int] = []
        ends: list[int] = []
        forms: list[int] = []
        split: list[bool] = []
        ptr = [0]
        for text in batch.texts(prep):
            prev = 0
            for m in token_re.finditer(text):
                starts.append(m.start())
                ends.append(m.end())
                forms.append(hash(m.group()) & 0xFFFFFFFFFFFFFFFF)
                split.append(word_re.search(text, prev, m.start()) is not None)
                prev = m.end()
            ptr.append(len(starts))
        return Words(
            np.array(starts, dtype=np.int64),
            np.array(ends, dtype=np.int64),
            np.array(ptr, dtype=np.int64),
            np.array(forms, dtype=np.uint64),
            np.array(split, dtype=bool),
            prep,
            np.zeros((2, 0), dtype=np.int32),
            pattern,
        )

    def word_contributions(
        self, wh: WordHits, rows: np.ndarray, combos: np.ndarray, set_ids: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each feature's contribution (tf-idf value x weight) added up per word.

        For i, document rows[i] and weight vectors combos[set_ids[i, k]] @ coef.T (each a
        combination of the model's outputs: `class_combo`, `contrast_combos`): (per
        word of the batch and k, its contributions (0 for words of other documents); per
        i and k, the contributions that lie in no word). A feature that occurs c times
        hands each occurrence 1/c of its contribution; a word n-gram's occurrence is
        split equally among its n words, a char_wb n-gram's among the words it overlaps
        (a char_wb n-gram never crosses whitespace; one of punctuation only, or a pad,
        overlaps none). Exact: per i and k, the words' sums plus the rest equal the sum
        over features of value x weight (the logit of the labels behind the weights,
        minus their intercept), up to float rounding.
        """
        rows = np.asarray(rows, dtype=np.int64)
        set_ids = np.asarray(set_ids, dtype=np.int64).reshape(len(rows), -1)
        combos = np.asarray(combos, dtype=np.float64).reshape(-1, wh.word_out.shape[1])
        per_row = combos[set_ids]  # (rows, k, outputs)
        rest = np.einsum("io,iko->ik", wh.rest_out[rows], per_row)
        contrib = np.zeros((len(wh.word_out), set_ids.shape[1]))
        ptr = wh.words.ptr
        lengths = ptr[rows + 1] - ptr[rows]
        if lengths.sum():
            which = np.repeat(np.arange(len(rows)), lengths)
            idx = np.arange(int(lengths.sum())) + np.repeat(
                ptr[rows] - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths
            )
            contrib[idx] = np.einsum("wo,wko->wk", wh.word_out[idx], per_row[which])
        return contrib, rest

    def reference_word_hits(self, batch: TextBatch, feats: list[Features]) -> WordHits:
        """The batch's words and their contributions per output in plain Python,
        straight from scikit-learn's analyzers (`re` tokens, `_char_wb_ngrams`): the
        reference the kernels are tested against, and the path without numba."""
        assert self.coef_t is not None
        words = self.reference_words(batch)
        n = len(batch)
        n_out = self.coef_t.shape[1]
        word_out = np.zeros((len(words.form), n_out))
        rest_out = np.zeros((n, n_out))
        set_ids = np.tile(np.arange(n_out, dtype=np.int64), (n, 1))
        self._reference_contribs(
            batch, words, feats, np.arange(n), self.coef_t.T, set_ids, word_out, rest_out
        )
        return WordHits(batch, words, word_out, rest_out)

    def _term_columns(self) -> list[dict[str, int]]:
        """Per part: vocabulary term -> column of the whole feature space."""
        if getattr(self, "_terms", None) is None:
            out = []
            for fv, offset, *_ in self.parts:
                names = self._names[offset : offset + fv.n_features].tolist()
                if fv.vec.analyzer != "word":
                    names = [json.loads(t) for t in names]
                out.append({t: offset + i for i, t in enumerate(names)})
            self._terms = out
        return self._terms

    def _reference_contribs(
        self,
        batch: TextBatch,
        words: Words,
        feats: list[Features],
        rows: np.ndarray,
        weights: np.ndarray,
        set_ids: np.ndarray,
        contrib: np.ndarray,
        rest: np.ndarray,
    ) -> None:
        """Per word, the sum of its shares of value x weights[set_ids[i, k]] (see
        `word_contributions`), in plain Python."""
        import re

        texts = batch.texts(words.prep)
        terms = self._term_columns()
        chunk_re = re.compile(r"\S+")
        for i, r in enumerate(rows.tolist()):
            text = texts[r]
            a, b = int(words.ptr[r]), int(words.ptr[r + 1])
            spans = list(zip(words.start[a:b].tolist(), words.end[a:b].tolist(), strict=True))
            owner = [-1] * len(text)
            for t, (s, e) in enumerate(spans):
                owner[s:e] = [t] * (e - s)
            occurrences: list[tuple[int, list[int]]] = []  # (column, its words)
            for (fv, *_), part_terms in zip(self.parts, terms, strict=True):
                lo, hi = fv.vec.ngram_range
                if fv.vec.analyzer == "word":  # its own tokens: the words, or a lexicon's
                    own = [
                        (m.start(), m.end()) for m in re.finditer(str(fv.vec.token_pattern), text)
                    ]
                    toks = [text[s:e] for s, e in own]
                    word_of = [owner[e - 1] for _, e in own]
                    for n in range(lo, hi + 1):
                        for j in range(len(toks) - n + 1):
                            col = part_terms.get(" ".join(toks[j : j + n]))
                            if col is not None:
                                occurrences.append((col, word_of[j : j + n]))
                    continue
                for m in chunk_re.finditer(text):  # scikit-learn's _char_wb_ngrams
                    w = " " + m.group() + " "
                    for n in range(lo, hi + 1):
                        offset = 0
                        grams = [(0, w[0:n])]
                        while offset + n < len(w):
                            offset += 1
                            grams.append((offset, w[offset : offset + n]))
                        for off, gram in grams:
                            col = part_terms.get(gram)
                            if col is None:
                                continue
                            s = max(m.start() + off - 1, m.start())
                            e = min(m.start() + off - 1 + len(gram), m.end())
                            occurrences.append(
                                (col, sorted({owner[q] for q in range(s, e) if owner[q] >= 0}))
                            )
                        if offset == 0:
                            break
            value: dict[int, float] = {}
            for indptr, indices, values in feats:
                lo_, hi_ = int(indptr[r]), int(indptr[r + 1])
                value.update(zip(indices[lo_:hi_].tolist(), values[lo_:hi_].tolist(), strict=True))
            count: dict[int, int] = {}
            for col, _ in occurrences:
                count[col] = count.get(col, 0) + 1
            for col, owners in occurrences:  # owners: one per token (-1: in no word)
                for kk in range(set_ids.shape[1]):
                    c = value[col] * weights[set_ids[i, kk], col] / count[col]
                    if not owners:
                        rest[i, kk] += c
                    for t in owners:
                        if t < 0:
                            rest[i, kk] += c / len(owners)
                        else:
                            contrib[a + t, kk] += c / len(owners)

    def class_weights(self, labels: Sequence[str]) -> np.ndarray | None:
        """The coefficient vector whose dot product with x is the summed logit of
        `labels` (None for a classifier without coefficients).

        A binary LogisticRegression stores one row for `classes[1]`; `classes[0]` gets
        the negated row (the two logits differ by exactly that).
        """
        if self.coef_t is None:
            return None
        key = tuple(labels)
        if key not in self._weights:
            self._weights[key] = self._class_weights(labels)
        return self._weights[key]

    def _class_weights(self, labels: Sequence[str]) -> np.ndarray:
        assert self.coef_t is not None
        w = np.zeros(self.coef_t.shape[0])
        for label in labels:
            if label not in self.classes:
                continue
            c = self.classes.index(label)
            if self.coef_t.shape[1] == 1:
                w += self.coef_t[:, 0] if c == 1 else -self.coef_t[:, 0]
            else:
                w += self.coef_t[:, c]
        return w

    def class_combo(self, labels: Sequence[str]) -> np.ndarray:
        """`class_weights(labels)` as a combination of the model's outputs (coef
        columns): class_weights(labels) = coef @ class_combo(labels)."""
        n_out = self.intercept.shape[0]
        comb = np.zeros(n_out)
        for label in labels:
            if label not in self.classes:
                continue
            c = self.classes.index(label)
            if n_out == 1:
                comb[0] += 1.0 if c == 1 else -1.0
            else:
                comb[c] += 1.0
        return comb

    def contrast_combos(self, base: str) -> tuple[list[str], np.ndarray]:
        """(the other classes, per other class c the combination of the model's outputs
        whose weight vector gives log(P(c) / P(base)) minus its intercept): exact for the
        linear model (multinomial: coef[c] - coef[base]; binary: +-coef)."""
        n_out = self.intercept.shape[0]
        b = self.classes.index(base)
        others = [c for c in self.classes if c != base]
        out = np.zeros((len(others), n_out))
        for i, c in enumerate(others):
            if n_out == 1:  # binary: log(P1 / P0) = coef . x + intercept
                out[i, 0] = 1.0 if b == 0 else -1.0
            else:
                out[i, self.classes.index(c)] += 1.0
                out[i, b] -= 1.0
        return others, out

    def display_names(self, columns: np.ndarray) -> list[str]:
        """Names of feature columns for people: word n-grams as they are, character
        n-grams in double quotes (JSON-escaped) so their spaces show."""
        return self._names[columns].tolist()


@dataclass
class Words:
    """The words of a batch: the word analyzer's tokens of each preprocessed text
    (numbered across the batch: document d's are ptr[d]:ptr[d+1]), where they lie in the
    preprocessed text (start, end; `original_spans` maps them to the text as given),
    `form` (equal for equal words: a hash of the word), `split` (a word character too
    short to be a token lies between word t - 1 and word t)."""

    start: np.ndarray
    end: np.ndarray
    ptr: np.ndarray
    form: np.ndarray
    split: np.ndarray
    prep: Prep
    char_words: np.ndarray  # kernels: per code point of batch.joined(prep), see token_spans
    pattern: str  # the token regex


@dataclass
class WordHits:
    """A scored batch's words and what its n-grams contributed to them
    (`CompiledPipeline.score` with words=True): per word and output of the model (a
    column of coef), word_out; per document and output, rest_out (what lies in no
    word). `CompiledPipeline.word_contributions` combines them for any labels."""

    batch: TextBatch
    words: Words
    word_out: np.ndarray
    rest_out: np.ndarray

    def moved(self) -> np.ndarray:
        """Per document: whether a preprocessing step changed its length (then positions
        in the preprocessed text are not positions in the text: see `original_spans`)."""
        if getattr(self, "_moved", None) is None:
            n = len(self.batch)

            def lengths(texts: list[str]) -> np.ndarray:
                return np.fromiter(map(len, texts), dtype=np.int64, count=n)

            prep = self.words.prep
            given = lengths(self.batch.docs)
            self._moved = (lengths(self.batch.texts((prep[0], False))) != given) | (
                lengths(self.batch.texts(prep)) != given
            )
        return self._moved


@functools.cache
def _charref() -> Any:
    """HTML character references: `html.unescape`'s own pattern (a copy; `prep_map`
    checks that its result matches `html.unescape`'s)."""
    import re

    return re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def prep_map(text: str, prep: Prep) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each character of `preprocess(text, prep)` comes from in `text`: (start,
    end) arrays (a character of an entity comes from the whole entity, one of a
    lowercased "İ" from the "İ"), or None when neither step changed the length (then
    position for position the same: lowercasing never shortens a character and
    unescaping always shortens what it replaces). Never outside the text."""
    lowered = text.lower() if prep[0] else text
    done = html.unescape(lowered) if prep[1] else lowered
    if len(lowered) == len(text) and len(done) == len(lowered):
        return None
    src = np.arange(len(text))
    if len(lowered) != len(text):  # a character that lowercases to several ("İ")
        lens = np.fromiter((len(c.lower()) for c in text), dtype=np.int64, count=len(text))
        if int(lens.sum()) != len(lowered):  # not expected; stay in range regardless
            return _proportional(len(text), len(done))
        src = np.repeat(src, lens)
    start, end = src, src + 1
    if not prep[1]:
        return start, end
    new_s: list[np.ndarray] = []
    new_e: list[np.ndarray] = []
    pos = 0
    for m in _charref().finditer(lowered):
        new_s.append(start[pos : m.start()])
        new_e.append(end[pos : m.start()])
        got, whole = html.unescape(m.group()), m.group()
        keep = 0  # characters kept as they were after a prefix entity ("&ampx" -> "&x")
        while keep < len(got) and keep < len(whole) - 1 and got[-1 - keep] == whole[-1 - keep]:
            keep += 1
        head = len(got) - keep
        new_s.append(np.full(head, start[m.start()]))
        new_e.append(np.full(head, end[m.end() - keep - 1]))
        new_s.append(start[m.end() - keep : m.end()])
        new_e.append(end[m.end() - keep : m.end()])
        pos = m.end()
    new_s.append(start[pos:])
    new_e.append(end[pos:])
    start, end = np.concatenate(new_s), np.concatenate(new_e)
    if len(start) != len(done):  # html.unescape changed under us: an approximation
        return _proportional(len(text), len(done))
    return start, end


@functools.lru_cache(maxsize=4096)
def _replacement(entity: str) -> tuple[int, int]:
    """(length of what `html.unescape` makes of an entity, how many of its last
    characters are kept as they were: "&ampx" -> "&x" keeps "x")."""
    got = html.unescape(entity)
    k = 0
    while k < len(got) and k < len(entity) - 1 and got[-1 - k] == entity[-1 - k]:
        k += 1
    return len(got), k


def _proportional(n_text: int, n_done: int) -> tuple[np.ndarray, np.ndarray]:
    s = np.arange(n_done) * n_text // max(n_done, 1)
    return s, np.minimum(s + 1, n_text)


def original_spans(
    text: str,
    prep: Prep,
    start: Any,
    end: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """Spans [start, end) of `preprocess(text, prep)` as spans of `text` itself (see
    `prep_map`; the same result, without building the whole map when only entities
    moved the text)."""
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    if not len(start):
        return start, end
    lowered = text.lower() if prep[0] else text
    if len(lowered) != len(text):  # "İ": the whole map
        m = prep_map(text, prep)
        if m is None:
            return start, end
        return m[0][start], m[1][np.maximum(end - 1, start)]
    amp = lowered.find("&") if prep[1] else -1
    if amp < 0 or int(end.max()) <= amp:  # nothing unescaped before these spans end
        return start, end
    # only unescaping moved characters: walk its replacements (plain Python: a text
    # has a few entities and a few words are asked for)
    d_start: list[int] = []
    table: list[tuple[int, int, int, int, int]] = []  # (end, start, end, kept, removed)
    removed = 0  # characters removed so far
    for m in _charref().finditer(lowered):
        n_got, k = _replacement(m.group())
        d_start.append(m.start() - removed)
        removed += m.end() - m.start() - n_got
        table.append((d_start[-1] + n_got, m.start(), m.end(), k, removed))
    if not d_start:
        return start, end

    def where(q: int, last: bool) -> int:
        j = bisect.bisect_right(d_start, q) - 1
        if j < 0:
            return q + last
        d_end, o_start, o_end, kept, shift = table[j]
        if q >= d_end:  # after the replacement
            return q + shift + last
        if q >= d_end - kept:  # a character kept as it was ("&ampx" -> "&x")
            return o_end - (d_end - q) + last
        return o_end - kept if last else o_start

    n = len(text)
    a = [min(where(q, False), n) for q in start.tolist()]
    b = [
        min(max(where(max(e - 1, q), True), x), n)
        for q, e, x in zip(start.tolist(), end.tolist(), a, strict=True)
    ]
    return np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)


def _tfidf_dot(
    indptr: np.ndarray,
    indices: np.ndarray,
    counts: np.ndarray,
    weights: np.ndarray,
    sublinear: bool,
    l2: bool,
    values: np.ndarray,
    dots: np.ndarray,
) -> None:
    """numpy twin of the `tfidf_dot` kernel."""
    v = counts.astype(np.float64)
    if sublinear:
        v = np.log(v) + 1.0
    v *= weights[indices, 0]
    row = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    if l2:
        sq = np.bincount(row, weights=v * v, minlength=len(indptr) - 1)
        norm = np.sqrt(sq)
        v = v / np.where(norm > 0, norm, 1.0)[row]
    values[:] = v
    for k in range(dots.shape[1]):
        dots[:, k] += np.bincount(
            row, weights=v * weights[indices, k + 1], minlength=len(indptr) - 1
        )
