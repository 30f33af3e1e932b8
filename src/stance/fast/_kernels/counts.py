"""Counting a batch's n-grams into CSR arrays of vocabulary indices (numba).

Per document, every n-gram's code (its digits in the vocabulary's base: exact, not a
hash) is looked up in the vocabulary's open-addressing table and the hits are counted
in first-seen order, each feature once per row (`_distinct`). Nothing is materialised
per n-gram. Recording, the kernels also note, per CSR entry, the words its first
occurrence lies in and how many of its occurrences lie in the same (the rest, rare, are
listed apart): what `weights.tfidf_dot_words` hands the contributions to.

Arguments that go together come as tuples, unpacked once per call:
chars = (table, space_digit, unknown, buf): table maps a code point to its digit (0 =
whitespace), code points past it are outside the vocabulary's alphabet (`unknown`), buf
holds a chunk's digits, padded. vocab = (slots, mask, shift, base, lo, hi, closed): the
vocabulary's hash table, the codes' base, the n-gram range; `closed`: every vocabulary
term longer than lo has its prefix in the vocabulary too, so a miss ends the extension.
rec = (hit_words, slot_owner, slot_own, extra_slot, extra_words, extra_ptr): with
hit_words (a per-document buffer) not empty, the words of each entry's occurrences, as
`_distinct` says, document d's listed occurrences at extra_ptr[d]:extra_ptr[d+1].
(Splitting the per-document work further, or one kernel for both analyzers, measured
slower.)
"""

from __future__ import annotations

import numpy as np

from stance.fast.plain import njit

# Each kernel file defines the constants it compiles in (`tokens` HASH_MULT, `weights`
# SPAN_BITS too; tests check that they agree): numba's cache of a compiled kernel is
# invalidated only when its own file changes, so an imported constant could go stale.
#: Fibonacci hashing: the home slot of a code is (code * HASH_MULT) >> shift.
HASH_MULT = np.uint64(0x9E3779B97F4A7C15)
#: A hit's words: first << SPAN_BITS | how many (fewer than 2**SPAN_BITS).
SPAN_BITS = 3


@njit(cache=True, nogil=True, inline="always")
def _probe(slots, mask, shift, code):  # type: ignore[no-untyped-def]
    # slots interleaves (key, value): one cache line per probe instead of two
    h = (code * HASH_MULT) >> shift
    while True:
        k = slots[2 * h]
        if k == code:
            return np.int64(slots[2 * h + 1])
        if k == 0:
            return -1
        h = (h + np.uint64(1)) & mask


@njit(cache=True, nogil=True)
def _distinct(work, m, d, stamp, indices, counts, nnz, found, e):  # type: ignore[no-untyped-def]
    """Count the m hits in work[:m] of document d into CSR entries: each feature once,
    in first-seen order (no sort: stamp[2f] is the last document that saw f, stamp[2f +
    1] its CSR slot there, side by side, one cache line). Returns (nnz, e).

    found = rec[:5]. With hit_words (not empty: the words each of the m hits lies in,
    see `_collect`): slot_owner[s] the words of the first occurrence of the entry in
    slot s, slot_own[s] how many of its occurrences lie in the same words; any other
    occurrence is listed in (extra_slot, extra_words)[e:] (e: the new end)."""
    hit_words, slot_owner, slot_own, extra_slot, extra_words = found
    record = hit_words.shape[0] > 0
    for t in range(m):
        f = work[t]
        if stamp[2 * f] != d:
            stamp[2 * f] = d
            stamp[2 * f + 1] = nnz
            indices[nnz] = f
            counts[nnz] = 0
            if record:
                slot_owner[nnz] = hit_words[t]
                slot_own[nnz] = 0
            nnz += 1
        s = stamp[2 * f + 1]
        counts[s] += 1
        if record:
            hw = hit_words[t]
            if slot_owner[s] == hw:
                slot_own[s] += 1
            else:
                extra_slot[e] = s
                extra_words[e] = hw
                e += 1
    return nnz, e


@njit(cache=True, nogil=True, inline="always")
def _hit_words(mode, pos0, clip_a, clip_b, char_words, one, p, n, a, b):  # type: ignore[no-untyped-def]
    """The words the n-gram digits[p:p + n] of `_collect` lies in, packed as first <<
    SPAN_BITS | how many (0: none)."""
    if mode == 1:
        return ((pos0 + p) << SPAN_BITS) | n
    if mode == 2:  # a pad alone is no word's
        return one if n > 1 or a < p < b - 1 else 0
    s = max(pos0 + p, clip_a)
    e = min(pos0 + p + n, clip_b)
    if e <= s:
        return 0
    first = char_words[0, s]
    many = char_words[1, e - 1] - first + 1
    return (first << SPAN_BITS) | many if many > 0 else 0


@njit(cache=True, nogil=True, inline="always")
def _collect(digits, a, b, vocab, work, m, hit_words, mode, pos0, clip_a, clip_b, cw, one):  # type: ignore[no-untyped-def]
    """Append to work[m:] the vocabulary index of every lo..hi-gram of digits[a:b] that
    is in the vocabulary; return the new fill.

    With `hit_words` (not empty) also the words each lies in, at hit_words[m], packed
    as first << SPAN_BITS | how many. mode 1 (word n-grams): the tokens pos0 + p ..
    pos0 + p + n. mode 2 (char_wb n-grams of a chunk that is one word): `one` (that
    word, packed), unless the n-gram is a pad alone. mode 3 (char_wb n-grams): the
    words overlapping code points pos0 + p .. pos0 + p + n clipped to [clip_a, clip_b)
    (cw: char_words, see `tokens.tokenize`); none for a pad or punctuation."""
    slots, mask, shift, base, lo, hi, closed = vocab
    record = hit_words.shape[0] > 0
    for p in range(a, b):
        code = np.uint64(0)
        for n in range(1, hi + 1):
            if p + n > b:
                break
            code = code * base + digits[p + n - 1]
            if n >= lo:
                f = _probe(slots, mask, shift, code)
                if f >= 0:
                    work[m] = f
                    if record:
                        hit_words[m] = _hit_words(mode, pos0, clip_a, clip_b, cw, one, p, n, a, b)
                    m += 1
                elif closed:
                    break
    return m


@njit(cache=True, nogil=True, inline="always")
def _digit(c, table, unknown):  # type: ignore[no-untyped-def]
    """The digit of code point c (0: whitespace; `unknown` past the table)."""
    return table[c] if c < table.shape[0] else unknown


@njit(cache=True, nogil=True)
def char_wb_counts(cp, offsets, chars, vocab, indices, counts, indptr, work, stamp, cw, rec):  # type: ignore[no-untyped-def]
    """The char_wb n-grams of each document (cp[offsets[d]:offsets[d+1]]) counted into
    CSR arrays (indices, counts, indptr), each feature once per row in first-seen order;
    returns the number of entries. stamp: per feature (last document, CSR slot), -1 at
    first. Recording (see rec), a hit's words are those it overlaps (cw: char_words,
    see `tokens.tokenize`)."""
    table, space_digit, unknown, buf = chars
    hit_words, slot_owner, slot_own, extra_slot, extra_words, extra_ptr = rec
    found = (hit_words, slot_owner, slot_own, extra_slot, extra_words)
    record = hit_words.shape[0] > 0
    nnz = e = 0  # CSR entries, listed occurrences
    for d in range(offsets.shape[0] - 1):
        a = offsets[d]
        b = offsets[d + 1]
        m = 0
        i = a
        while i < b:
            if _digit(cp[i], table, unknown) == 0:  # whitespace
                i += 1
                continue
            buf[0] = space_digit
            length = 1
            j = i
            while j < b:
                dg = _digit(cp[j], table, unknown)
                if dg == 0:
                    break
                buf[length] = dg
                length += 1
                j += 1
            buf[length] = space_digit
            length += 1
            mode = 3
            one = -1
            if record:  # a chunk that is one word: all its n-grams are that word's
                w = cw[0, i]
                if cw[1, i] == w and cw[0, j - 1] == w and cw[1, j - 1] == w:
                    mode = 2
                    one = (w << SPAN_BITS) | 1
            m = _collect(buf, 0, length, vocab, work, m, hit_words, mode, i - 1, i, j, cw, one)
            i = j
        nnz, e = _distinct(work, m, d, stamp, indices, counts, nnz, found, e)
        indptr[d + 1] = nnz
        if record:
            extra_ptr[d + 1] = e
    return nnz


@njit(cache=True, nogil=True)
def word_counts(ids, offsets, vocab, indices, counts, indptr, work, stamp, rec):  # type: ignore[no-untyped-def]
    """The word n-grams of each document's token digits (ids[offsets[d]:offsets[d+1]])
    counted as `char_wb_counts` does; recording, a hit's words are its tokens (numbered
    across the batch)."""
    hit_words, slot_owner, slot_own, extra_slot, extra_words, extra_ptr = rec
    found = (hit_words, slot_owner, slot_own, extra_slot, extra_words)
    no_words = np.zeros((2, 0), dtype=np.int32)
    record = hit_words.shape[0] > 0
    nnz = e = 0  # CSR entries, listed occurrences
    for d in range(offsets.shape[0] - 1):
        a = offsets[d]
        b = offsets[d + 1]
        m = _collect(ids, a, b, vocab, work, 0, hit_words, 1, 0, a, b, no_words, -1)
        nnz, e = _distinct(work, m, d, stamp, indices, counts, nnz, found, e)
        indptr[d + 1] = nnz
        if record:
            extra_ptr[d + 1] = e
    return nnz
