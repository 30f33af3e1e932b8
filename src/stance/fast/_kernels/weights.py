"""Weighting the counts and reading the linear model (numba).

`tfidf_dot` turns a batch's CSR counts into tf-idf values and their products with the
classifier's coefficients in one pass; `tfidf_dot_words` does the same and hands each
product to the words its occurrences lie in (as `counts` recorded them); `top_k_rows`
picks each row's strongest n-grams and `top_words` its strongest words. (Weighting each
document as soon as it is counted, in the counting pass, measured slower: the hash-table
probes and the weight lookups then compete for the cache; so did a record per
occurrence.)
"""

from __future__ import annotations

import numpy as np

from stance.fast.plain import njit

# Kept here, not imported from `counts` (tests check that they agree): numba's cache of
# a compiled kernel is invalidated only when its own file changes.
#: A hit's words, as `counts` packs them: first << SPAN_BITS | how many.
SPAN_BITS = 3


@njit(cache=True, nogil=True, inline="always")
def _give(hw, d, share, at, times, n_out, tok_map, word_out, rest_out):  # type: ignore
    """Add times x share[at:at + n_out] to the words packed in hw (see `_collect`),
    split equally among them (tok_map: see `tfidf_dot_words`), or to rest_out[d] when
    there are none."""
    first = hw >> SPAN_BITS
    ntok = hw & ((1 << SPAN_BITS) - 1)
    mapped = tok_map.shape[0] > 0
    if ntok == 0:
        for k in range(n_out):
            rest_out[d, k] += share[at + k] * times
        return
    part = times / ntok
    for q in range(first, first + ntok):
        w = tok_map[q] if mapped else q
        for k in range(n_out):
            if w >= 0:
                word_out[w, k] += share[at + k] * part
            else:
                rest_out[d, k] += share[at + k] * part


@njit(cache=True, nogil=True)
def tfidf_dot(indptr, indices, counts, weights, sublinear, l2, values, dots):  # type: ignore[no-untyped-def]
    """TF-IDF weights of CSR counts (values[j]) and their products with the classifier:
    dots[d, :] += sum_j values[j] * coef[indices[j], :].

    weights[f] = [idf of f, coef of f for each output]: side by side, one cache line per
    feature. TfidfTransformer's arithmetic in float64: tf = 1 + log(count) when
    sublinear, times idf (1 without idf), then (l2) divided by the row's Euclidean norm.
    """
    n_docs = indptr.shape[0] - 1
    n_out = dots.shape[1]
    for d in range(n_docs):
        a = indptr[d]
        b = indptr[d + 1]
        norm = _tf_idf(a, b, counts, indices, weights, sublinear, False, l2, values)
        for j in range(a, b):
            v = values[j] / norm
            values[j] = v
            f = indices[j]
            for k in range(n_out):
                dots[d, k] += v * weights[f, k + 1]


@njit(cache=True, nogil=True)
def tfidf_dot_words(
    indptr,
    indices,
    counts,
    weights,
    sublinear,
    binary,
    l2,
    values,
    dots,
    slot_owner,
    slot_own,
    extra_slot,
    extra_words,
    extra_ptr,
    tok_map,
    word_out,
    rest_out,
    scratch,
):  # type: ignore[no-untyped-def]
    """`tfidf_dot` of raw counts (`binary`: counted as 1), and each product values[j] *
    coef[indices[j], k] handed to the words its occurrences lie in (see `_distinct`):
    per occurrence an equal share (1 / counts[j]), split equally among the words it
    covers (a char_wb n-gram never crosses whitespace, so these are consecutive); added
    to word_out[word, k], or to rest_out[d, k] when it covers none. tok_map (not empty:
    word n-grams of a tokenizer other than the words'): the word each of its tokens
    lies in (-1: none), an occurrence split equally among its tokens. scratch: n_out x
    the longest row's entries (each entry's share of one occurrence, for the listed
    occurrences: read there, not from the weights again).
    """
    n_docs = indptr.shape[0] - 1
    n_out = dots.shape[1]
    mapped = tok_map.shape[0] > 0
    low = (1 << SPAN_BITS) - 1
    run = np.empty(n_out)  # word_out[cur] while a run of entries adds to word cur
    for d in range(n_docs):
        a = indptr[d]
        b = indptr[d + 1]
        norm = _tf_idf(a, b, counts, indices, weights, sublinear, binary, l2, values)
        cur = -1
        for j in range(a, b):
            v = values[j] / norm
            values[j] = v
            f = indices[j]
            hw = slot_owner[j]
            per = 1.0 / counts[j]
            at = (j - a) * n_out
            one = (hw & low) == 1 and not mapped  # one word, the usual case
            w = hw >> SPAN_BITS if one else -1
            if w != cur:  # the run of word cur ends: its sums back to word_out
                _swap(word_out, run, cur, w, n_out)
                cur = w
            for k in range(n_out):
                c = v * weights[f, k + 1]
                dots[d, k] += c
                scratch[at + k] = c * per
                if one:
                    run[k] += scratch[at + k] * slot_own[j]
            if not one:
                frac = slot_own[j] * per
                _give(hw, d, scratch, at, frac / per, n_out, tok_map, word_out, rest_out)
        _swap(word_out, run, cur, -1, n_out)
        # (the one-word case inline: numba's call of _give costs here)
        for x in range(extra_ptr[d], extra_ptr[d + 1]):
            hw = extra_words[x]
            at = (extra_slot[x] - a) * n_out
            if (hw & low) == 1 and not mapped:
                w = hw >> SPAN_BITS
                for k in range(n_out):
                    word_out[w, k] += scratch[at + k]
            else:
                _give(hw, d, scratch, at, 1.0, n_out, tok_map, word_out, rest_out)


@njit(cache=True, nogil=True, inline="always")
def _tf_idf(a, b, counts, indices, weights, sublinear, binary, l2, values):  # type: ignore
    """values[a:b] = the tf-idf values of CSR entries a..b-1 before the norm (see
    `tfidf_dot`); returns the row's norm (1 without l2)."""
    sq = 0.0
    for j in range(a, b):
        v = np.float64(1.0) if binary else np.float64(counts[j])
        if sublinear and v != 1.0:  # most n-grams occur once: skip the log
            v = np.log(v) + 1.0
        v *= weights[indices[j], 0]
        values[j] = v
        sq += v * v
    return np.sqrt(sq) if l2 and sq > 0.0 else 1.0


@njit(cache=True, nogil=True, inline="always")
def _swap(word_out, run, cur, w, n_out):  # type: ignore[no-untyped-def]
    """Store the sums of word cur (in run) back into word_out and load word w's (-1:
    none): a run of entries of one word adds up in run, not in memory (the same
    additions in the same order, so the same bits)."""
    if cur >= 0:
        for k in range(n_out):
            word_out[cur, k] = run[k]
    if w >= 0:
        for k in range(n_out):
            run[k] = word_out[w, k]


@njit(cache=True, nogil=True, inline="always")
def _insert_top(keys, vals, filled, key, value):  # type: ignore[no-untyped-def]
    """Insert (key, value) into the best-first list keys/vals[:filled] of capacity
    len(keys) (ties: lower key first; dropped when it ranks past the end); return the
    new fill."""
    k = keys.shape[0]
    t = filled
    while t > 0 and (vals[t - 1] < value or (vals[t - 1] == value and keys[t - 1] > key)):
        t -= 1
    if t >= k:
        return filled
    last = filled if filled < k else k - 1
    for q in range(last, t, -1):
        keys[q] = keys[q - 1]
        vals[q] = vals[q - 1]
    keys[t] = key
    vals[t] = value
    return filled + 1 if filled < k else filled


@njit(cache=True, nogil=True)
def top_k_rows(indptr, cols, vals, rows, weights, set_id, out_col, out_val):  # type: ignore[no-untyped-def]
    """Merge into out_col/out_val[i, :] (the best k so far, -1 = empty; best first, ties:
    lower column first) the positive contributions vals[j] * weights[set_id[i], cols[j]]
    of CSR row rows[i]. Called once per feature part, the lists carry over."""
    k = out_col.shape[1]
    for i in range(rows.shape[0]):
        r = rows[i]
        w = set_id[i]
        filled = 0
        while filled < k and out_col[i, filled] >= 0:
            filled += 1
        for j in range(indptr[r], indptr[r + 1]):
            c = vals[j] * weights[w, cols[j]]
            if c <= 0:
                continue
            filled = _insert_top(out_col[i], out_val[i], filled, cols[j], c)


@njit(cache=True, nogil=True)
def top_words(tok_ptr, rows, form, contrib, out_tok, out_val):  # type: ignore
    """Per i (document rows[i], its words tok_ptr[r]:tok_ptr[r+1]): the sums of contrib
    over the words of each form (out_tok[i, :]: the form's first word, -1 = empty;
    out_val: its sum), the k largest positive ones, best first (ties: earlier word
    first)."""
    for i in range(rows.shape[0]):
        r = rows[i]
        a = tok_ptr[r]
        b = tok_ptr[r + 1]
        if b <= a:
            continue
        small = b - a <= 32  # compare with the earlier words: no sort, no allocation
        order = np.arange(0) if small else np.argsort(form[a:b], kind="mergesort")
        filled = 0
        g = 0
        while g < b - a:
            if small:
                rep = a + g
                g += 1
                seen = False
                for q in range(a, rep):
                    if form[q] == form[rep]:
                        seen = True
                        break
                if seen:
                    continue
                total = 0.0
                for q in range(rep, b):
                    if form[q] == form[rep]:
                        total += contrib[q]
            else:  # sorted by form, stable: a form's first word first
                rep = a + order[g]
                total = 0.0
                e = g
                while e < b - a and form[a + order[e]] == form[rep]:
                    total += contrib[a + order[e]]
                    e += 1
                g = e
            if total <= 0:
                continue
            filled = _insert_top(out_tok[i], out_val[i], filled, rep, total)
