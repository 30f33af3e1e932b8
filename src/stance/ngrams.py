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

Settings we do not reproduce (other analyzers, accent stripping, stop words, custom
tokenizers...) fall back to scikit-learn, so the fast path is never wrong, only sometimes
not faster. The saved model stays a plain scikit-learn pipeline.
"""
from __future__ import annotations

import functools
import json
import os
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
COMPILED_LAYOUT = 1

#: Token patterns whose tokens never hold a space (so word n-grams split unambiguously)
#: and that the compiled tokenizer reproduces: scikit-learn's default and
#: `stance.features`'.
SAFE_TOKEN_PATTERNS = (r"(?u)\b\w\w+\b", r"(?u)[#@]?\b\w+\b")


@functools.cache
def _whitespace() -> np.ndarray:
    """Code points for which `str.isspace()` is true (what `str.split()` splits on)."""
    return np.array([c for c in range(WHITESPACE_MAX + 1) if chr(c).isspace()],
                    dtype=np.uint32)


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


def unsupported_reason(vec: Any) -> str | None:
    """Why the fast path cannot reproduce this fitted vectorizer (None if it can)."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    if not isinstance(vec, CountVectorizer):  # TfidfVectorizer subclasses it
        return f"{type(vec).__name__} is not a CountVectorizer/TfidfVectorizer"
    if not hasattr(vec, "vocabulary_"):
        return "vectorizer is not fitted"
    if vec.input != "content" or vec.preprocessor is not None or vec.strip_accents:
        return "custom input, preprocessor or strip_accents"
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
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)),
              out=offsets[1:])
    return cp, offsets


class TextBatch:
    """A batch of documents, preprocessed once and shared by every vectorizer."""

    def __init__(self, docs: Sequence[str]) -> None:
        self.docs = list(docs)
        self._lower: list[str] | None = None
        self._chars: dict[bool, tuple[np.ndarray, ...]] = {}
        self._tokens: dict[tuple[bool, str], tuple[list[str], np.ndarray]] = {}
        self._cache: dict[Any, Any] = {}

    def __len__(self) -> int:
        return len(self.docs)

    def texts(self, lowercase: bool) -> list[str]:
        if not lowercase:
            return self.docs
        if self._lower is None:
            self._lower = [d.lower() for d in self.docs]
        return self._lower

    def chars(self, lowercase: bool) -> tuple[np.ndarray, ...]:
        """(code points, is-space, limit, doc, pads) over " " + " ".join(texts) + " ".

        `limit[p]` is the end (exclusive) of the space-padded word an n-gram starting at
        p may span, or p itself when no char_wb n-gram starts there. `pads` are the
        positions of the words' trailing pads (only unigrams start there).
        """
        if lowercase not in self._chars:
            texts = self.texts(lowercase)
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
            self._chars[lowercase] = (cp, space, limit, doc, ends)
        return self._chars[lowercase]

    def joined(self, lowercase: bool) -> tuple[np.ndarray, np.ndarray]:
        """(code points of all texts back to back, offsets: doc d is cp[o[d]:o[d+1]])."""
        key = ("joined", lowercase)
        if key not in self._cache:
            self._cache[key] = code_points(self.texts(lowercase))
        return self._cache[key]

    def tokens(self, lowercase: bool, tokenize: Any, key: str = "") -> tuple[list[str], np.ndarray]:
        """(all tokens of the batch flat, number of tokens per document).

        `key` names the tokenizer (its pattern) so that vectorizers share the work.
        """
        if (lowercase, key) not in self._tokens:
            per_doc = [tokenize(t) for t in self.texts(lowercase)]
            flat = [tok for toks in per_doc for tok in toks]
            counts = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(per_doc))
            self._tokens[lowercase, key] = (flat, counts)
        return self._tokens[lowercase, key]


@functools.cache
def word_chars() -> np.ndarray:
    """uint8 flag per code point: 1 where regex `\\w` matches (asked of `re` itself)."""
    import re

    every = "".join(map(chr, range(0x110000)))
    flags = np.zeros(0x110000, dtype=np.uint8)
    for m in re.finditer(r"(?u)\w+", every):
        flags[m.start():m.end()] = 1
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


def _window_codes(digits: np.ndarray, limit: np.ndarray, base: int, lo: int, hi: int,
                  ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """For n in lo..hi: (start positions, codes) of the n-grams with p + n <= limit[p]."""
    positions, codes = [], []
    n_all = len(digits)
    code = digits.astype(np.uint64)
    idx = np.arange(n_all)
    for n in range(1, hi + 1):
        if n > 1:
            code = code[:-1] * np.uint64(base) + digits[n - 1:].astype(np.uint64)
        if n < lo:
            continue
        ok = np.flatnonzero(idx[: len(code)] + n <= limit[: len(code)])
        positions.append(ok)
        codes.append(code[ok])
    return positions, codes


def _counts_csr(doc: np.ndarray, feat: np.ndarray, n_docs: int, n_features: int,
                dtype: Any) -> Any:
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
            alphabet = np.unique(np.frombuffer(
                "".join(terms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
            self.base = len(alphabet) + 2  # digits 1..A, A+1 = outside the vocabulary
            if self.base ** hi >= _MAX_CODE:
                return f"alphabet of {len(alphabet)} characters too large for n = {hi}"
            self.alphabet = alphabet
            # dense code point -> digit table for the kernels (0 marks whitespace)
            size = max(int(alphabet.max()) if len(alphabet) else 0, WHITESPACE_MAX) + 1
            self.dense = np.full(size, self.base - 1, dtype=np.uint64)
            self.dense[alphabet] = np.arange(1, len(alphabet) + 1, dtype=np.uint64)
            ws = _whitespace()
            self.dense[ws[ws < size]] = 0
            space = np.searchsorted(alphabet, ord(" "))
            self.space_digit = (space + 1 if space < len(alphabet)
                                and alphabet[space] == ord(" ") else self.base - 1)
            codes = np.zeros(len(terms), dtype=np.uint64)
            lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
            for n in np.unique(lengths):
                which = np.flatnonzero(lengths == n)
                cps = np.frombuffer("".join(terms[i] for i in which).encode(
                    "utf-32-le", "surrogatepass"), dtype=np.uint32).reshape(len(which), n)
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
            if self.base ** hi >= _MAX_CODE:
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
        self.closed = bool(np.all(self.table.lookup(codes[longer] // np.uint64(self.base))
                                  >= 0))
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
            cp, space, limit, doc, pads = batch.chars(vec.lowercase)
            digits = self._digits(cp)
            digits[space] = self.space_digit
            if lo == 1:
                # sklearn pads every word on both sides: two " " unigrams per word, where
                # the shared spaces of the joined text hold only one; count them apart
                space_feat = self.table.lookup(np.array([self.space_digit], np.uint64))[0]
                pad_docs = np.repeat(doc[pads - 1], 2)  # a word's last char: its doc
        else:
            flat, per_doc = batch.tokens(vec.lowercase, self.tokenize,
                                         str(vec.token_pattern))
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
        return sp.csr_array((counts.astype(self.vec.dtype), indices, indptr),
                            shape=(len(batch), self.n_features))

    def kernel_arrays(self, k: Any, batch: TextBatch, *, distinct: bool,
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(indptr, indices, counts) of the count matrix from the compiled kernels; each
        row's indices sorted, or with `distinct` in first-seen order (no sort: faster).
        None when a batch needs scikit-learn (a token with a space inside)."""
        vec = self.vec
        lo, hi = vec.ngram_range
        t = self.table
        width = hi - lo + 1
        if distinct:  # (last document, count) per feature
            stamp = np.full(2 * self.n_features, -1, dtype=np.int32)
        else:
            stamp = np.zeros(0, dtype=np.int32)
        if vec.analyzer == "char_wb":
            cp, offsets = batch.joined(vec.lowercase)
            longest = int(np.diff(offsets).max()) if len(offsets) > 1 else 0
            bound = 3 * len(cp) * width + 1
            out_i = np.empty(bound, dtype=np.int32)
            out_c = np.empty(bound, dtype=np.int32)
            indptr = np.empty(len(batch) + 1, dtype=np.int32)
            work = np.empty(3 * longest * width + 1, dtype=np.int32)
            buf = np.empty(longest + 2, dtype=np.uint64)
            nnz = k.char_wb_counts(cp, offsets, self.dense, np.uint64(self.space_digit),
                                   np.uint64(self.base - 1), np.uint64(self.base), lo, hi,
                                   t.slots, t.mask, t.shift, self.closed, out_i,
                                   out_c, indptr, work, buf, stamp)
        else:
            tt = getattr(self, "token_table", None)
            if tt is not None:  # tokenize and look tokens up in one compiled pass
                cp, cp_off = batch.joined(vec.lowercase)
                digits = np.empty(len(cp) // tt.min_len + 1, dtype=np.uint64)
                per_doc = np.empty(len(batch), dtype=np.int64)
                n_tok = k.tokenize_ids(cp, cp_off, tt.is_word, tt.min_len, tt.tags,
                                       tt.table.slots, tt.table.mask, tt.table.shift, tt.cp,
                                       tt.off, np.uint64(self.base - 1), digits, per_doc)
                digits = digits[:n_tok]
            else:
                flat, per_doc = batch.tokens(vec.lowercase, self.tokenize,
                                             str(vec.token_pattern))
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
            nnz = k.word_counts(digits, offsets, np.uint64(self.base), lo, hi, t.slots,
                                t.mask, t.shift, self.closed, out_i, out_c, indptr, work,
                                stamp)
        return indptr, out_i[:nnz], out_c[:nnz]  # views: the buffers go with them

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
        if (len(pipe.steps) == 2 and isinstance(union, FeatureUnion)
                and union.transformer_weights is None
                and all(t not in ("drop", "passthrough") for _, t in union.transformer_list)):
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
    lowercase: bool
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
        self._weights: dict[tuple[str, ...], np.ndarray] = {}  # class_weights, by labels
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
            idf = (np.asarray(tf.idf_, dtype=np.float64) if tf is not None and tf.use_idf
                   else np.zeros(0))
            sublinear = bool(tf is not None and tf.sublinear_tf)
            l2 = bool(tf is not None and tf.norm == "l2")
            fv.vec = _VecSpec(vec.analyzer, tuple(vec.ngram_range), vec.lowercase,  # type: ignore
                              getattr(vec, "token_pattern", None), vec.binary, vec.dtype)
            # per feature [idf, coefficients...]: what the kernel reads, side by side
            weights = np.empty((fv.n_features, 1 + self.coef_t.shape[1]), dtype=np.float32)
            weights[:, 0] = idf if len(idf) else 1.0
            weights[:, 1:] = self.coef_t[offset:offset + fv.n_features]
            self.parts.append((fv, offset, weights, sublinear, l2))
            offset += fv.n_features

    def score(self, docs: Sequence[str] | TextBatch) -> tuple[np.ndarray, list[Features]]:
        """(probabilities in `classes` order, the tf-idf features of each part as CSR
        arrays (indptr, columns of the whole feature space, values), each row's columns
        in no particular order)."""
        batch = _as_batch(docs)
        if self.pipe is not None:
            X = self.pipe[:-1].transform(batch.docs).tocsr()
            proba = self.pipe.predict_proba(batch.docs)
            return proba, [(X.indptr.astype(np.int64), X.indices.astype(np.int64),
                            X.data.astype(np.float64))]
        assert self.coef_t is not None
        n = len(batch)
        dots = np.zeros((n, self.coef_t.shape[1]))
        k = kernels()
        feats: list[Features] = []
        for fv, offset, weights, sublinear, l2 in self.parts:
            arrays = fv.kernel_arrays(k, batch, distinct=True) if k is not None else None
            if arrays is None:  # numpy path (no numba) or a batch only sklearn can split
                X = fv.counts(batch)
                arrays = (X.indptr, X.indices, X.data)
            indptr, indices, counts = arrays
            if fv.vec.binary:
                counts = np.minimum(counts, 1)
            values = np.empty(len(indices))
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
        return proba, feats

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

    def display_names(self, columns: np.ndarray) -> list[str]:
        """Names of feature columns for people: word n-grams as they are, character
        n-grams in double quotes (JSON-escaped) so their spaces show."""
        return self._names[columns].tolist()


def _tfidf_dot(indptr: np.ndarray, indices: np.ndarray, counts: np.ndarray,
               weights: np.ndarray, sublinear: bool, l2: bool, values: np.ndarray,
               dots: np.ndarray) -> None:
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
        dots[:, k] += np.bincount(row, weights=v * weights[indices, k + 1],
                                  minlength=len(indptr) - 1)
