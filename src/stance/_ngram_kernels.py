"""Compiled inner loops of `stance.ngrams` (numba; optional, imported lazily).

Each kernel turns one batch into the CSR count arrays `CountVectorizer.transform`
builds: per document, the n-gram codes are looked up in the vocabulary's hash table,
the hits sorted and run-length counted. Same codes, same hash table, same results as
the numpy path; only faster, since nothing is materialised per n-gram.
"""

from __future__ import annotations

import numba as nb
import numpy as np

_MULT = np.uint64(0x9E3779B97F4A7C15)


@nb.njit(cache=True, nogil=True, inline="always")
def _probe(keys, vals, mask, shift, code):  # type: ignore[no-untyped-def]
    h = (code * _MULT) >> shift
    while True:
        k = keys[h]
        if k == code:
            return vals[h]
        if k == 0:
            return -1
        h = (h + np.uint64(1)) & mask


@nb.njit(cache=True, nogil=True)
def _flush(work, m, out_indices, out_counts, nnz):  # type: ignore[no-untyped-def]
    if m == 0:
        return nnz
    seg = np.sort(work[:m])
    prev = seg[0]
    cnt = 1
    for t in range(1, m):
        if seg[t] == prev:
            cnt += 1
        else:
            out_indices[nnz] = prev
            out_counts[nnz] = cnt
            nnz += 1
            prev = seg[t]
            cnt = 1
    out_indices[nnz] = prev
    out_counts[nnz] = cnt
    return nnz + 1


@nb.njit(cache=True, nogil=True, inline="always")
def _collect(digits, a, b, base, lo, hi, keys, vals, mask, shift, closed, work, m):  # type: ignore
    """Append to work[m:] the vocabulary index of every lo..hi-gram of digits[a:b] that
    is in the vocabulary; return the new fill. `closed`: a miss ends the extension."""
    for p in range(a, b):
        code = np.uint64(0)
        for n in range(1, hi + 1):
            if p + n > b:
                break
            code = code * base + digits[p + n - 1]
            if n >= lo:
                f = _probe(keys, vals, mask, shift, code)
                if f >= 0:
                    work[m] = f
                    m += 1
                elif closed:
                    break
    return m


@nb.njit(cache=True, nogil=True)
def char_wb_counts(cp, offsets, table, space_digit, unknown, base, lo, hi, keys, vals, mask,
                   shift, closed, out_indices, out_counts, out_indptr, work, buf):  # type: ignore
    """char_wb n-grams of each document (cp[offsets[d]:offsets[d+1]]).

    table maps a code point to its digit (0 = whitespace); code points past the table
    are outside the vocabulary's alphabet (`unknown`). `closed`: every vocabulary term
    longer than lo has its prefix in the vocabulary too, so a miss ends the extension.
    """
    n_docs = offsets.shape[0] - 1
    tsize = table.shape[0]
    nnz = 0
    out_indptr[0] = 0
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        m = 0
        i = a
        while i < b:
            c = cp[i]
            dg = table[c] if c < tsize else unknown
            if dg == 0:
                i += 1
                continue
            buf[0] = space_digit
            length = 1
            j = i
            while j < b:
                c = cp[j]
                dg = table[c] if c < tsize else unknown
                if dg == 0:
                    break
                buf[length] = dg
                length += 1
                j += 1
            buf[length] = space_digit
            length += 1
            m = _collect(buf, 0, length, base, lo, hi, keys, vals, mask, shift, closed,
                         work, m)
            i = j
        nnz = _flush(work, m, out_indices, out_counts, nnz)
        out_indptr[d + 1] = nnz
    return nnz


@nb.njit(cache=True, nogil=True)
def word_counts(ids, offsets, base, lo, hi, keys, vals, mask, shift, closed, out_indices,
                out_counts, out_indptr, work):  # type: ignore[no-untyped-def]
    """Word n-grams of each document's token digits (ids[offsets[d]:offsets[d+1]])."""
    n_docs = offsets.shape[0] - 1
    nnz = 0
    out_indptr[0] = 0
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        m = 0
        m = _collect(ids, a, b, base, lo, hi, keys, vals, mask, shift, closed, work, m)
        nnz = _flush(work, m, out_indices, out_counts, nnz)
        out_indptr[d + 1] = nnz
    return nnz


@nb.njit(cache=True, nogil=True)
def top_k_rows(indptr, contrib, k, out):  # type: ignore[no-untyped-def]
    """out[r, :] = positions of row r's k largest positive contributions, best first
    (ties: lower position first), -1 where a row has fewer."""
    n = indptr.shape[0] - 1
    for r in range(n):
        filled = 0
        for j in range(indptr[r], indptr[r + 1]):
            c = contrib[j]
            if c <= 0:
                continue
            # insertion into the row's sorted top list (strictly greater moves ahead)
            t = filled
            while t > 0 and contrib[out[r, t - 1]] < c:
                t -= 1
            if t >= k:
                continue
            last = filled if filled < k else k - 1
            for s in range(last, t, -1):
                out[r, s] = out[r, s - 1]
            out[r, t] = j
            if filled < k:
                filled += 1
        for t in range(filled, k):
            out[r, t] = -1
