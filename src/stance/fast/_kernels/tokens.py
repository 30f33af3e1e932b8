"""Tokenizing a batch into words (numba): regex `\\w` runs, found by their FNV hash.

`tokenize` gives each document's tokens as vocabulary digits for `counts.word_counts`
(`token_hashes` hashes the vocabulary's tokens for the table it probes), or as the words
of the scorer's reasons and spans. (One kernel for both: the scan is the same.)
"""

from __future__ import annotations

import numpy as np

from stance.fast.plain import njit

# Kept here, not imported from `counts` (tests check that they agree): numba's cache of
# a compiled kernel is invalidated only when its own file changes.
#: Fibonacci hashing: the home slot of a hash is (hash * HASH_MULT) >> shift.
HASH_MULT = np.uint64(0x9E3779B97F4A7C15)

_FNV_OFFSET = np.uint64(1469598103934665603)
_FNV_PRIME = np.uint64(1099511628211)


@njit(cache=True, nogil=True, inline="always")
def _fnv(cp, a, b):  # type: ignore[no-untyped-def]
    """FNV-1a over code points cp[a:b]; never 0 (0 marks an empty slot)."""
    h = _FNV_OFFSET
    for i in range(a, b):
        h = (h ^ np.uint64(cp[i])) * _FNV_PRIME
    return h if h != 0 else np.uint64(1)


@njit(cache=True, nogil=True)
def token_hashes(cp, offsets, out):  # type: ignore[no-untyped-def]
    """out[t] = `_fnv` of token t (cp[offsets[t]:offsets[t+1]])."""
    for t in range(offsets.shape[0] - 1):
        out[t] = _fnv(cp, offsets[t], offsets[t + 1])


@njit(cache=True, nogil=True, inline="always")
def _token_digit(cp, s, e, h, vocab):  # type: ignore[no-untyped-def]
    """The vocabulary digit of token cp[s:e] (FNV hash h; vocab: see `tokenize`): found
    by its hash, then compared code point by code point, so the lookup is exact."""
    slots, mask, shift, tok_cp, tok_off, unknown = vocab
    slot = (h * HASH_MULT) >> shift
    found = unknown
    while True:  # (written out: a helper that compares or returns early measured slower)
        key = slots[2 * slot]
        if key == 0:
            break
        if key == h:
            tid = slots[2 * slot + 1]
            ta = tok_off[tid - 1]
            if tok_off[tid] - ta == e - s:
                same = True
                for q in range(e - s):
                    if tok_cp[ta + q] != cp[s + q]:
                        same = False
                        break
                if same:
                    found = tid
                    break
        slot = (slot + np.uint64(1)) & mask
    return found


@njit(cache=True, nogil=True, inline="always")
def _note_word(words, t, s, e, h, stray, filled):  # type: ignore[no-untyped-def]
    """Note token t (cp[s:e], FNV hash h) as a word (words: see `tokenize`); returns
    the new fill of char_words."""
    start, end, form, split, char_words = words
    start[t] = s
    end[t] = e
    form[t] = h
    split[t] = stray
    char_words[0, filled:s] = t  # before the word: it is the next to end
    char_words[1, filled:s] = t - 1
    char_words[0, s:e] = t  # in it
    char_words[1, s:e] = t
    return e


@njit(cache=True, nogil=True)
def tokenize(cp, offsets, tokenizer, vocab, out_ids, words, out_counts):  # type: ignore[no-untyped-def]
    """The tokens of each document (cp[offsets[d]:offsets[d+1]]), out_counts[d] of them,
    in order; returns how many in all.

    tokenizer = (is_word, min_len, tags). Tokens are the maximal runs of word characters
    (is_word: regex `\\w`) at least `min_len` long, with `tags` the '#' or '@' just
    before a run included: exactly what `re.findall` gives for `(?u)[#@]?\\b\\w+\\b`
    (tags, min_len 1) and scikit-learn's `(?u)\\b\\w\\w+\\b` (min_len 2).

    With out_ids not empty: each token's vocabulary digit, vocab = (slots, mask, shift,
    tok_cp, tok_off, unknown): the hash table from a token's FNV hash to its digit
    (1-based), the vocabulary's tokens (token t - 1's code points are
    tok_cp[tok_off[t - 1]:tok_off[t]]), the digit of a token not among them.
    Else the tokens as words (numbered across the batch), words = (start, end, form,
    split, char_words): their positions in cp, the FNV hash of their code points
    (equal for equal words), split[t]: a word character (one too short to make a token)
    lies between word t - 1 and word t; per position p of cp, char_words[0, p] the first
    word that ends after p, char_words[1, p] the last word that starts at or before p
    (-1: none), so that the words overlapping positions s..e-1 are char_words[0, s] ..
    char_words[1, e - 1] (none when that is empty).
    """
    is_word, min_len, tags = tokenizer
    wsize = is_word.shape[0]
    ids = out_ids.shape[0] > 0
    n = 0
    filled = 0  # words: char_words[:, :filled] is set
    for d in range(offsets.shape[0] - 1):
        a = offsets[d]
        b = offsets[d + 1]
        start_n = n
        stray = False  # a word character since the last token
        i = a
        while i < b:
            c = cp[i]
            if c >= wsize or not is_word[c]:
                i += 1
                continue
            s = i
            while i < b and cp[i] < wsize and is_word[cp[i]]:
                i += 1
            if i - s < min_len:
                stray = True
                continue
            if tags and s > a and (cp[s - 1] == 35 or cp[s - 1] == 64):  # '#', '@'
                s -= 1
            h = _fnv(cp, s, i)
            if ids:
                out_ids[n] = _token_digit(cp, s, i, h, vocab)
            else:
                filled = _note_word(words, n, s, i, h, stray, filled)
            stray = False
            n += 1
        out_counts[d] = n - start_n
    if not ids:  # past the last word: an empty range
        words[4][0, filled:] = n
        words[4][1, filled:] = n - 1
    return n
