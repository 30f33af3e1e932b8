"""Texts to feature indices: scikit-learn's n-gram counts, computed by compiled kernels.

A batch is encoded once as an array of code points (`TextBatch`); every n-gram becomes
one integer (its characters' or tokens' digits in a base just above the vocabulary's
alphabet size, so the code is exact, not a hash) looked up in an open-addressing table
of the fitted vocabulary's codes (`_CodeTable`). A `CompiledVectorizer` holds those
tables for one fitted CountVectorizer/TfidfVectorizer; `kernel_arrays` gives a batch's
counts, row by row the ones `CountVectorizer.transform` gives (each row in first-seen
order, not sorted).

Settings we do not reproduce (other analyzers, other preprocessing than lowercasing and
`html.unescape` (see `stance.fast.batch`), stop words, custom tokenizers...) are named
by `unsupported_reason`: such a pipeline is scored by scikit-learn itself.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from stance.fast.batch import Prep, TextBatch, code_points, preprocessing

# scikit-learn is imported where it is used (checking and compiling a fitted pipeline):
# the compiled vectorizers are plain arrays, and a scoring process that loads them from
# the scorer's cache never imports scikit-learn (1.5 s, mostly scipy.stats).

_MAX_CODE = 2**63  # codes are built in uint64; keep a bit of headroom

# The kernels' constants (tests check that they agree), here so that compiling a model
# needs no numba: Fibonacci hashing's multiplier, FNV-1a's offset and prime.
HASH_MULT = np.uint64(0x9E3779B97F4A7C15)
FNV_OFFSET = np.uint64(1469598103934665603)
FNV_PRIME = np.uint64(1099511628211)

#: No code point above U+3000 is whitespace (tests check all of Unicode).
WHITESPACE_MAX = 0x3000

#: Token patterns whose tokens never hold a space (so word n-grams split unambiguously)
#: and that the compiled tokenizer reproduces: scikit-learn's default and
#: `stance.features`'.
SAFE_TOKEN_PATTERNS = (r"(?u)\b\w\w+\b", r"(?u)[#@]?\b\w+\b")


#: The plain-Python kernels score at most this many characters in a process
#: (`kernels_for`), then the compiled ones load: two comments take a few milliseconds in
#: Python instead of 0.7 s of numba, and this many take about as long as numba's load;
#: many small batches (a stream, `--chunksize 10`) soon use the compiled kernels.
PLAIN_CHARS = 4_000

_PLAIN: contextvars.ContextVar[bool] = contextvars.ContextVar("plain_kernels", default=False)
_PLAIN_USED = [0]  # characters scored by the plain kernels in this process


def kernels() -> Any:
    """The kernels: the compiled ones (`stance.fast._kernels`), or their plain-Python
    copies inside `kernels_for` a small batch."""
    if _PLAIN.get():
        from stance.fast.plain import plain_kernels

        return plain_kernels()
    return compiled_kernels()


@functools.cache
def compiled_kernels() -> ModuleType:
    """The compiled kernels (`stance.fast._kernels`), loaded on first use."""
    # Imported on first use, not at the top: importing numba and the kernels takes about
    # 0.45 s, which importing `stance.score` (the score, audit and fit-policy commands,
    # before they have read any input) need not pay until a batch is scored.
    from stance.fast import _kernels

    _load_numba_registries()
    return _kernels


def _load_numba_registries() -> None:
    """Load numba's registries now (its first dispatch would), without `scipy.linalg`.

    Loading them probes for a BLAS by importing `scipy.linalg` (0.13-0.2 s of a 0.3 s
    load) for `np.dot`-like code, which the kernels do not hold; a process that has not
    imported it yet (a scoring process never does) is spared the import. Only while no
    other thread runs: one importing scipy meanwhile would find it missing.
    """
    if "scipy.linalg" in sys.modules or threading.active_count() > 1:
        return
    from numba.core.registry import cpu_target

    sys.modules["scipy.linalg"] = None  # type: ignore[assignment]  # the probe fails fast
    try:
        cpu_target.target_context.refresh()
    finally:
        del sys.modules["scipy.linalg"]


@contextlib.contextmanager
def kernels_for(chars: int, plain: bool | None = None) -> Iterator[None]:
    """Within: `kernels()` gives the plain-Python kernels when `plain` says so (None:
    when the compiled kernels are not loaded and the process's plain-Python batches,
    this one included, hold at most `PLAIN_CHARS` characters). The figures are the same
    either way."""
    if plain is None:
        plain = (
            _PLAIN_USED[0] + chars <= PLAIN_CHARS and compiled_kernels.cache_info().currsize == 0
        )
        _PLAIN_USED[0] += chars if plain else 0
    token = _PLAIN.set(plain)
    try:
        yield
    finally:
        _PLAIN.reset(token)


@functools.cache
def _whitespace() -> np.ndarray:
    """Code points for which `str.isspace()` is true (what `str.split()` splits on)."""
    return np.array([c for c in range(WHITESPACE_MAX + 1) if chr(c).isspace()], dtype=np.uint32)


@functools.cache
def word_chars() -> np.ndarray:
    """uint8 flag per code point: 1 where regex `\\w` matches (asked of `re` itself)."""
    import re

    # every code point in order (the str of chr(0)...chr(0x10FFFF), decoded in C)
    every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    flags = np.zeros(0x110000, dtype=np.uint8)
    for m in re.finditer(r"(?u)\w+", every):
        flags[m.start() : m.end()] = 1
    return flags


def unsupported_reason(vec: Any) -> str | None:
    """Why the compiled kernels cannot reproduce this fitted vectorizer (None if they
    can)."""
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


def all_distinct(values: np.ndarray) -> bool:
    """Whether no value repeats (by sorting: `np.unique`'s hashing is slower here)."""
    ordered = np.sort(values)
    return not np.any(ordered[1:] == ordered[:-1])


class _CodeTable:
    """An open-addressing hash table (linear probing) from n-gram codes to feature indices.

    Built and probed (`lookup`, at build time) with whole-array numpy operations, probed
    by the kernels: each round of probing is one gather, and most lookups end in the
    first or second round. Codes are never 0 (all digits are >= 1), so 0 marks an empty
    slot.
    """

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
        return (codes * HASH_MULT) >> self.shift  # the kernels probe alike

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


def tokenizer(pattern: str) -> tuple[np.ndarray, int, bool]:
    """The `tokenize` kernel's tokenizer for a SAFE token pattern: (regex `\\w`
    per code point, shortest token, whether a '#' or '@' before a token belongs to it)."""
    min_len = 2 if pattern == SAFE_TOKEN_PATTERNS[0] else 1
    return word_chars(), min_len, pattern == SAFE_TOKEN_PATTERNS[1]


def token_digits(batch: TextBatch, prep: Prep, rule: tuple, vocab: tuple) -> tuple:
    """(each document's tokens as vocabulary digits, back to back; tokens per document)
    by the `tokenize` kernel (rule: a `tokenizer`; vocab: see `tokenize`)."""
    cp, offsets = batch.joined(prep)
    digits = np.empty(len(cp) // rule[1] + 1, dtype=np.uint64)  # not empty: digits wanted
    per_doc = np.empty(len(batch), dtype=np.int64)
    i64 = np.zeros(0, dtype=np.int64)
    no_words = (i64, i64, np.zeros(0, np.uint64), np.zeros(0, np.bool_), np.zeros((2, 0), np.int32))
    n = kernels().tokenize(cp, offsets, rule, vocab, digits, no_words, per_doc)
    return digits[:n], per_doc


def fnv_hashes(cp: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The `token_hashes` kernel in numpy (no numba to load when a model is compiled):
    FNV-1a of each token's code points cp[offsets[t]:offsets[t+1]], never 0."""
    lengths = np.diff(offsets)
    h = np.full(len(lengths), FNV_OFFSET, dtype=np.uint64)
    for j in range(int(lengths.max()) if len(lengths) else 0):  # the j-th code point of each
        live = np.flatnonzero(lengths > j)
        h[live] = (h[live] ^ cp[offsets[live] + j].astype(np.uint64)) * FNV_PRIME
    h[h == 0] = 1
    return h


class _TokenTable:
    """The word vocabulary's tokens for the `tokenize` kernel: their code points
    back to back and a hash table from their FNV hash to their digit (1-based)."""

    def __init__(self, tokens: list[str], pattern: str) -> None:
        self.rule = tokenizer(pattern)  # kept: a cached scorer need not rebuild it
        self.cp, self.off = code_points(tokens)
        hashes = fnv_hashes(self.cp, self.off)
        self.ok = all_distinct(hashes)  # else: Python's tokenizer
        self.table = _CodeTable(hashes, np.arange(1, len(tokens) + 1))


#: Features of a batch as CSR arrays: (indptr, columns, values).
Features = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass
class VecSpec:
    """The settings of a fitted vectorizer that the kernels read (no scikit-learn): what
    a `CompiledPipeline` keeps of it."""

    analyzer: str
    ngram_range: tuple[int, int]
    prep: Prep  # (lowercase, html.unescape), see `preprocessing`
    token_pattern: str | None
    binary: bool
    dtype: Any


class CompiledVectorizer:
    """One fitted CountVectorizer/TfidfVectorizer's vocabulary as code tables for the
    kernels; `reason` says why not when the kernels cannot reproduce it."""

    def __init__(self, vec: Any) -> None:
        self.vec = vec
        self.reason = unsupported_reason(vec)
        if self.reason is None:
            self.prep: Prep = preprocessing(vec)  # type: ignore[assignment]
            self.reason = self._build()

    @property
    def fast(self) -> bool:
        """Whether the kernels reproduce this vectorizer."""
        return self.reason is None

    def _build(self) -> str | None:
        vec = self.vec
        vocab = vec.vocabulary_
        terms = list(vocab)
        index = np.fromiter(vocab.values(), dtype=np.int64, count=len(terms))
        self.n_features = len(vocab)
        codes = self._char_codes(terms) if vec.analyzer == "char_wb" else self._word_codes(terms)
        if isinstance(codes, str):
            return codes
        if not all_distinct(codes):
            return "two vocabulary terms share a code"  # cannot happen; stay exact if so
        self.table = _CodeTable(codes, index)
        # Prefix-closed vocabularies (min_df only, no max_df/max_features cut) let the
        # kernels stop extending an n-gram at its first miss; checked, not assumed.
        lo = vec.ngram_range[0]
        longer = codes >= np.uint64(self.base) ** np.uint64(lo)  # terms of > lo units
        self.closed = bool(np.all(self.table.lookup(codes[longer] // np.uint64(self.base)) >= 0))
        return None

    def _char_codes(self, terms: list[str]) -> np.ndarray | str:
        """The char_wb terms' codes (why not when they do not fit in 64 bits); sets the
        alphabet and the dense code point -> digit table of the kernels."""
        cps, offsets = code_points(terms)
        alphabet = np.flatnonzero(np.bincount(cps)).astype(np.uint32)  # np.unique's, faster
        self.base = len(alphabet) + 2  # digits 1..A, A+1 = outside the vocabulary
        hi = self.vec.ngram_range[1]
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
            space + 1 if space < len(alphabet) and alphabet[space] == ord(" ") else self.base - 1
        )
        codes = np.zeros(len(terms), dtype=np.uint64)
        lengths = np.diff(offsets)
        every = self._digits(cps)
        for n in np.unique(lengths):  # the terms of n characters at once
            which = np.flatnonzero(lengths == n)
            digits = every[offsets[which, None] + np.arange(n)]
            code = np.zeros(len(which), dtype=np.uint64)
            for j in range(n):
                code = code * np.uint64(self.base) + digits[:, j].astype(np.uint64)
            codes[which] = code
        return codes

    def _word_codes(self, terms: list[str]) -> np.ndarray | str:
        """The word terms' codes (why not when they do not fit in 64 bits); sets the
        token vocabulary and, for a SAFE token pattern, the compiled tokenizer's table."""
        vec = self.vec
        flat = " ".join(terms).split(" ")  # every term's tokens, back to back
        tokens = sorted(set(flat))
        token_ids = {tok: i + 1 for i, tok in enumerate(tokens)}
        self.tokenize = vec.build_tokenizer()
        self.base = len(tokens) + 2
        hi = vec.ngram_range[1]
        if self.base**hi >= _MAX_CODE:
            return f"{len(tokens)} tokens too many for n = {hi}"
        digits = np.fromiter(map(token_ids.__getitem__, flat), np.uint64, len(flat))
        per_term = np.fromiter((t.count(" ") + 1 for t in terms), np.int64, len(terms))
        starts = np.cumsum(per_term) - per_term
        codes = np.zeros(len(terms), dtype=np.uint64)
        for j in range(int(per_term.max()) if len(terms) else 0):  # exact: codes < 2**63
            live = np.flatnonzero(per_term > j)
            codes[live] = codes[live] * np.uint64(self.base) + digits[starts[live] + j]
        self._tokens = tokens
        self.token_table = None
        if vec.token_pattern in SAFE_TOKEN_PATTERNS:
            table = _TokenTable(tokens, vec.token_pattern)
            self.token_table = table if table.ok else None
        return codes

    def token_index(self) -> Any:
        """The vocabulary's tokens as a pandas Index (a C hash table), built on first use:
        the compiled tokenizer does not need it, so it is not pickled."""
        if getattr(self, "_token_index", None) is None:
            import pandas as pd  # here: only the Python tokenizer (a rare fallback) needs it

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

    def kernel_arrays(
        self, batch: TextBatch, char_words: np.ndarray | None = None
    ) -> tuple[np.ndarray, ...] | None:
        """(indptr, indices, counts) of the count matrix from the compiled kernels, each
        row's entries in first-seen order. None when a batch needs scikit-learn (a token
        with a space inside: never with a SAFE token pattern).

        `char_words` (the batch's `Words.char_words`; a word part only reads that it is
        given) adds where the occurrences lie (see the kernels' `_distinct`): (slot_owner, slot_own,
        extra_slot, extra_words, extra_ptr): per CSR entry the words of its first
        occurrence (first << SPAN_BITS | how many; a word part's tokens are numbered
        across the batch, its own tokenizer's: see `words.token_map`) and how many
        occurrences lie there; the other occurrences, document d's at
        extra_ptr[d]:extra_ptr[d+1] (this thread's scratch buffers, valid until the
        next call). None when the batch is too long to pack."""
        k = kernels()
        lo, hi = self.vec.ngram_range
        record = char_words is not None
        if record and (
            hi >= 1 << k.SPAN_BITS or len(batch.joined(self.prep)[0]) >= 1 << (31 - k.SPAN_BITS)
        ):
            return None
        units = self._units(batch)
        if units is None:
            return None
        digits, offsets, chars, per_unit = units
        width = hi - lo + 1
        longest = int(np.diff(offsets).max()) if len(offsets) > 1 else 0
        bound = per_unit * len(digits) * width + 1
        out_i = np.empty(bound, dtype=np.int32)
        out_c = np.empty(bound, dtype=np.int32)
        indptr = np.zeros(len(batch) + 1, dtype=np.int32)
        work = np.empty(per_unit * longest * width + 1, dtype=np.int32)
        rec = self._record_buffers(len(batch), bound if record else 0, len(work))
        t = self.table
        vocab = (t.slots, t.mask, t.shift, np.uint64(self.base), lo, hi, self.closed)
        out = (out_i, out_c, indptr, work, self._stamp())
        if chars is None:
            nnz = k.word_counts(digits, offsets, vocab, *out, rec)
        else:
            cw = np.zeros((2, 0), dtype=np.int32) if char_words is None else char_words
            nnz = k.char_wb_counts(digits, offsets, chars, vocab, *out, cw, rec)
        entries = (indptr, out_i[:nnz], out_c[:nnz])  # views: the buffers go with them
        if not record:
            return entries
        _, owner, own, extra_slot, extra_words, extra_ptr = rec
        e = extra_ptr[-1]
        return (*entries, owner[:nnz], own[:nnz], extra_slot[:e], extra_words[:e], extra_ptr)

    def _stamp(self) -> np.ndarray:
        """The kernels' per-feature (last document, CSR slot) pairs, unset."""
        return np.full(2 * self.n_features, -1, dtype=np.int32)

    def _units(self, batch: TextBatch) -> tuple[np.ndarray, np.ndarray, tuple | None, int] | None:
        """(what the kernels read of the documents, back to back; offsets: document d's
        are units[o[d]:o[d+1]]; `chars` of `char_wb_counts` (None: word n-grams); at most
        how many n-grams of one n start per unit): code points for char_wb n-grams, else
        token digits (None when a token holds a space)."""
        if self.vec.analyzer == "char_wb":
            cp, offsets = batch.joined(self.prep)
            longest = int(np.diff(offsets).max()) if len(offsets) > 1 else 0
            buf = np.empty(longest + 2, dtype=np.uint64)  # a chunk, padded
            chars = (self.dense, np.uint64(self.space_digit), np.uint64(self.base - 1), buf)
            return cp, offsets, chars, 3  # a chunk of c code points: c + 2 units, <= 3c
        found = self._word_units(batch)
        if found is None:
            return None
        digits, per_doc = found
        offsets = np.zeros(len(batch) + 1, dtype=np.int64)
        np.cumsum(per_doc, out=offsets[1:])
        return digits, offsets, None, 1

    def _word_units(self, batch: TextBatch) -> tuple[np.ndarray, np.ndarray] | None:
        """(each document's tokens as vocabulary digits, back to back; tokens per
        document), None when a token holds a space (n-grams would be ambiguous)."""
        tt = getattr(self, "token_table", None)
        if tt is not None:  # the compiled tokenizer
            t = tt.table
            vocab = (t.slots, t.mask, t.shift, tt.cp, tt.off, np.uint64(self.base - 1))
            return token_digits(batch, self.prep, tt.rule, vocab)
        flat, per_doc = batch.tokens(self.prep, self.tokenize, str(self.vec.token_pattern))
        if len(flat) > 1 and " ".join(flat).count(" ") != len(flat) - 1:
            return None
        ids = self.token_index().get_indexer(flat) if flat else np.zeros(0, np.int64)
        return np.where(ids >= 0, ids + 1, self.base - 1).astype(np.uint64), per_doc

    @staticmethod
    def _record_buffers(n_docs: int, bound: int, per_doc: int) -> tuple[np.ndarray, ...]:
        """(hit_words (one document's), slot_owner, slot_own, extra_slot, extra_words,
        extra_ptr): empty when `bound` is 0 (nothing recorded)."""
        return (
            np.empty(per_doc if bound else 0, dtype=np.int32),
            scratch("slot_owner", bound, np.int32),
            scratch("slot_own", bound, np.int32),
            scratch("extra_slot", bound, np.int32),
            scratch("extra_words", bound, np.int32),
            np.zeros(n_docs + 1 if bound else 0, dtype=np.int64),
        )
