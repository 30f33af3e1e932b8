"""Compiled inner loops of `stance.ngrams` (numba; optional, imported lazily).

The counting kernels turn one batch into the CSR count arrays
`CountVectorizer.transform` builds: per document, the n-gram codes are looked up in the
vocabulary's hash table, the hits sorted and run-length counted (or, for the scorer,
counted in first-seen order without a sort). Same codes, same hash table, same results
as the numpy path; only faster, since nothing is materialised per n-gram. The others
tokenize words (`tokenize_ids`), weight the counts and apply the linear model
(`tfidf_dot`) and pick each row's strongest n-grams (`top_k_rows`).

Words (the scorer's reasons and spans): in first-seen mode the counting kernels can
also note, per CSR entry, the words its first occurrence lies in and how many of its
occurrences lie in the same (the rest, rare, are listed apart); `token_spans` finds the
words (the word analyzer's tokens) with their positions; `tfidf_dot_words` is
`tfidf_dot` that also hands each entry's contribution to those words, and `top_words`
sums them per distinct word and keeps the strongest. (Weighting each document as soon
as it is counted, in the counting pass, measured slower: the hash-table probes and the
weight lookups then compete for the cache; so did a record per occurrence.)
"""

from __future__ import annotations

import numba as nb
import numpy as np

_MULT = np.uint64(0x9E3779B97F4A7C15)


@nb.njit(cache=True, nogil=True, inline="always")
def _probe(slots, mask, shift, code):  # type: ignore[no-untyped-def]
    # slots interleaves (key, value): one cache line per probe instead of two
    h = (code * _MULT) >> shift
    while True:
        k = slots[2 * h]
        if k == code:
            return np.int64(slots[2 * h + 1])
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


@nb.njit(cache=True, nogil=True)
def _distinct(
    work,
    m,
    d,
    stamp,
    out_indices,
    out_counts,
    nnz,
    hit_words,
    slot_owner,
    slot_own,
    extra_slot,
    extra_words,
    e,
):  # type: ignore[no-untyped-def]
    """Like `_flush`, without sorting: each feature once, in first-seen order
    (stamp[2f] is the last document that saw f, stamp[2f + 1] its CSR slot there: side
    by side, one cache line). Returns (nnz, e).

    With `hit_words` (not empty: the words each of the m hits lies in, see `_collect`):
    slot_owner[s] the words of the first occurrence of the entry in slot s, slot_own[s]
    how many of its occurrences lie in the same words; any other occurrence is listed
    in (extra_slot, extra_words)[e:] (e: the new end)."""
    record = hit_words.shape[0] > 0
    for t in range(m):
        f = work[t]
        if stamp[2 * f] != d:
            stamp[2 * f] = d
            stamp[2 * f + 1] = nnz
            out_indices[nnz] = f
            out_counts[nnz] = 0
            if record:
                slot_owner[nnz] = hit_words[t]
                slot_own[nnz] = 0
            nnz += 1
        s = stamp[2 * f + 1]
        out_counts[s] += 1
        if record:
            hw = hit_words[t]
            if slot_owner[s] == hw:
                slot_own[s] += 1
            else:
                extra_slot[e] = s
                extra_words[e] = hw
                e += 1
    return nnz, e


#: A hit's words: first << SPAN_BITS | how many (fewer than 2**SPAN_BITS).
SPAN_BITS = 3


@nb.njit(cache=True, nogil=True, inline="always")
def _collect(
    digits,
    a,
    b,
    base,
    lo,
    hi,
    slots,
    mask,
    shift,
    closed,
    work,
    m,
    hit_words,
    mode,
    pos0,
    clip_a,
    clip_b,
    char_words,
    one,
):  # type: ignore
    """Append to work[m:] the vocabulary index of every lo..hi-gram of digits[a:b] that
    is in the vocabulary; return the new fill. `closed`: a miss ends the extension.

    With `hit_words` (not empty) also the words each lies in, at hit_words[m], packed
    as first << SPAN_BITS | how many. mode 1 (word n-grams): the tokens pos0 + p ..
    pos0 + p + n. mode 2 (char_wb n-grams of a chunk that is one word): `one` (that
    word, packed), unless the n-gram is a pad alone. mode 3 (char_wb n-grams): the
    words overlapping code points pos0 + p .. pos0 + p + n clipped to [clip_a, clip_b)
    (see `token_spans` for char_words); none for a pad or punctuation."""
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
                        if mode == 1:
                            hit_words[m] = ((pos0 + p) << SPAN_BITS) | n
                        elif mode == 2:  # a pad alone is no word's
                            hit_words[m] = one if n > 1 or a < p < b - 1 else 0
                        else:
                            s = pos0 + p
                            e = s + n
                            if s < clip_a:
                                s = clip_a
                            if e > clip_b:
                                e = clip_b
                            if e <= s:
                                hit_words[m] = 0
                            else:
                                first = char_words[0, s]
                                many = char_words[1, e - 1] - first + 1
                                hit_words[m] = (first << SPAN_BITS) | many if many > 0 else 0
                    m += 1
                elif closed:
                    break
    return m


@nb.njit(cache=True, nogil=True)
def char_wb_counts(
    cp,
    offsets,
    table,
    space_digit,
    unknown,
    base,
    lo,
    hi,
    slots,
    mask,
    shift,
    closed,
    out_indices,
    out_counts,
    out_indptr,
    work,
    buf,
    stamp,
    char_words,
    hit_words,
    slot_owner,
    slot_own,
    extra_slot,
    extra_words,
    extra_ptr,
):  # type: ignore[no-untyped-def]
    """char_wb n-grams of each document (cp[offsets[d]:offsets[d+1]]).

    table maps a code point to its digit (0 = whitespace); code points past the table
    are outside the vocabulary's alphabet (`unknown`). `closed`: every vocabulary term
    longer than lo has its prefix in the vocabulary too, so a miss ends the extension.
    With `hit_words` (a per-document buffer, not empty; first-seen mode only): the
    words of each entry's occurrences, as `_distinct` says (char_words from
    `token_spans`), document d's listed occurrences at extra_ptr[d]:extra_ptr[d+1].
    """
    n_docs = offsets.shape[0] - 1
    tsize = table.shape[0]
    record = hit_words.shape[0] > 0
    nnz = 0
    e = 0
    out_indptr[0] = 0
    if record:
        extra_ptr[0] = 0
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
            mode = 3
            one = -1
            if record:  # a chunk that is one word: all its n-grams are that word's
                w = char_words[0, i]
                if (
                    char_words[1, i] == w
                    and char_words[0, j - 1] == w
                    and char_words[1, j - 1] == w
                ):
                    mode = 2
                    one = (w << SPAN_BITS) | 1
            m = _collect(
                buf,
                0,
                length,
                base,
                lo,
                hi,
                slots,
                mask,
                shift,
                closed,
                work,
                m,
                hit_words,
                mode,
                i - 1,
                i,
                j,
                char_words,
                one,
            )
            i = j
        if stamp.shape[0] == 0:
            nnz = _flush(work, m, out_indices, out_counts, nnz)
        else:
            nnz, e = _distinct(
                work,
                m,
                d,
                stamp,
                out_indices,
                out_counts,
                nnz,
                hit_words,
                slot_owner,
                slot_own,
                extra_slot,
                extra_words,
                e,
            )
        out_indptr[d + 1] = nnz
        if record:
            extra_ptr[d + 1] = e
    return nnz


@nb.njit(cache=True, nogil=True)
def word_counts(
    ids,
    offsets,
    base,
    lo,
    hi,
    slots,
    mask,
    shift,
    closed,
    out_indices,
    out_counts,
    out_indptr,
    work,
    stamp,
    hit_words,
    slot_owner,
    slot_own,
    extra_slot,
    extra_words,
    extra_ptr,
):  # type: ignore[no-untyped-def]
    """Word n-grams of each document's token digits (ids[offsets[d]:offsets[d+1]]);
    words as in `char_wb_counts`, a hit's words its tokens (numbered across the batch)."""
    n_docs = offsets.shape[0] - 1
    record = hit_words.shape[0] > 0
    nnz = 0
    e = 0
    out_indptr[0] = 0
    if record:
        extra_ptr[0] = 0
    empty = np.zeros((2, 0), dtype=np.int32)
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        m = 0
        m = _collect(
            ids,
            a,
            b,
            base,
            lo,
            hi,
            slots,
            mask,
            shift,
            closed,
            work,
            m,
            hit_words,
            1,
            0,
            a,
            b,
            empty,
            -1,
        )
        if stamp.shape[0] == 0:
            nnz = _flush(work, m, out_indices, out_counts, nnz)
        else:
            nnz, e = _distinct(
                work,
                m,
                d,
                stamp,
                out_indices,
                out_counts,
                nnz,
                hit_words,
                slot_owner,
                slot_own,
                extra_slot,
                extra_words,
                e,
            )
        out_indptr[d + 1] = nnz
        if record:
            extra_ptr[d + 1] = e
    return nnz


@nb.njit(cache=True, nogil=True, inline="always")
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


@nb.njit(cache=True, nogil=True)
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
        sq = 0.0
        for j in range(a, b):
            v = np.float64(counts[j])
            if sublinear and v != 1.0:  # most n-grams occur once: skip the log
                v = np.log(v) + 1.0
            v *= weights[indices[j], 0]
            values[j] = v
            sq += v * v
        norm = np.sqrt(sq) if l2 and sq > 0.0 else 1.0
        for j in range(a, b):
            v = values[j] / norm
            values[j] = v
            f = indices[j]
            for k in range(n_out):
                dots[d, k] += v * weights[f, k + 1]


@nb.njit(cache=True, nogil=True)
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
    for d in range(n_docs):
        a = indptr[d]
        b = indptr[d + 1]
        sq = 0.0
        for j in range(a, b):
            v = 1.0 if binary else np.float64(counts[j])
            if sublinear and v != 1.0:
                v = np.log(v) + 1.0
            v *= weights[indices[j], 0]
            values[j] = v
            sq += v * v
        norm = np.sqrt(sq) if l2 and sq > 0.0 else 1.0
        listed = extra_ptr[d + 1] > extra_ptr[d]
        for j in range(a, b):
            v = values[j] / norm
            values[j] = v
            f = indices[j]
            hw = slot_owner[j]
            per = 1.0 / counts[j]
            frac = slot_own[j] * per
            for k in range(n_out):
                c = v * weights[f, k + 1]
                dots[d, k] += c
                scratch[(j - a) * n_out + k] = c * per
            if (hw & low) == 1 and not mapped:  # one word, the usual case
                w = hw >> SPAN_BITS
                for k in range(n_out):
                    word_out[w, k] += scratch[(j - a) * n_out + k] * slot_own[j]
            else:
                _give(
                    hw, d, scratch, (j - a) * n_out, frac / per, n_out, tok_map, word_out, rest_out
                )
        if listed:  # (the one-word case inline: numba's call of _give costs here)
            for x in range(extra_ptr[d], extra_ptr[d + 1]):
                hw = extra_words[x]
                at = (extra_slot[x] - a) * n_out
                if (hw & low) == 1 and not mapped:
                    w = hw >> SPAN_BITS
                    for k in range(n_out):
                        word_out[w, k] += scratch[at + k]
                else:
                    _give(hw, d, scratch, at, 1.0, n_out, tok_map, word_out, rest_out)


@nb.njit(cache=True, nogil=True, inline="always")
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


@nb.njit(cache=True, nogil=True)
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


_FNV_OFFSET = np.uint64(1469598103934665603)
_FNV_PRIME = np.uint64(1099511628211)


@nb.njit(cache=True, nogil=True, inline="always")
def _fnv(cp, a, b):  # type: ignore[no-untyped-def]
    """FNV-1a over code points cp[a:b]; never 0 (0 marks an empty slot)."""
    h = _FNV_OFFSET
    for i in range(a, b):
        h = (h ^ np.uint64(cp[i])) * _FNV_PRIME
    return h if h != 0 else np.uint64(1)


@nb.njit(cache=True, nogil=True)
def token_hashes(cp, offsets, out):  # type: ignore[no-untyped-def]
    """out[t] = `_fnv` of token t (cp[offsets[t]:offsets[t+1]])."""
    for t in range(offsets.shape[0] - 1):
        out[t] = _fnv(cp, offsets[t], offsets[t + 1])


@nb.njit(cache=True, nogil=True)
def tokenize_ids(
    cp,
    offsets,
    is_word,
    min_len,
    tags,
    slots,
    mask,
    shift,
    tok_cp,
    tok_off,
    unknown,
    out_ids,
    out_counts,
):  # type: ignore[no-untyped-def]
    """The word tokens of each document as vocabulary digits (`unknown` if absent).

    Tokens are the maximal runs of word characters (is_word: regex `\\w`) at least
    `min_len` long, with `tags` the '#' or '@' just before a run included: exactly what
    `re.findall` gives for `(?u)[#@]?\\b\\w+\\b` (tags, min_len 1) and scikit-learn's
    `(?u)\\b\\w\\w+\\b` (min_len 2). A token is found by the FNV hash of its code
    points, then compared code point by code point, so a lookup is exact.
    """
    n_docs = offsets.shape[0] - 1
    wsize = is_word.shape[0]
    n = 0
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        start_n = n
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
                continue
            if tags and s > a and (cp[s - 1] == 35 or cp[s - 1] == 64):  # '#', '@'
                s -= 1
            h = _fnv(cp, s, i)
            slot = (h * _MULT) >> shift
            found = unknown
            while True:
                key = slots[2 * slot]
                if key == 0:
                    break
                if key == h:
                    tid = slots[2 * slot + 1]
                    ta = tok_off[tid - 1]
                    tb = tok_off[tid]
                    if tb - ta == i - s:
                        same = True
                        for q in range(i - s):
                            if tok_cp[ta + q] != cp[s + q]:
                                same = False
                                break
                        if same:
                            found = tid
                            break
                slot = (slot + np.uint64(1)) & mask
            out_ids[n] = found
            n += 1
        out_counts[d] = n - start_n
    return n


@nb.njit(cache=True, nogil=True)
def token_spans(
    cp,
    offsets,
    is_word,
    min_len,
    tags,
    out_start,
    out_end,
    out_form,
    out_split,
    out_counts,
    char_words,
):  # type: ignore[no-untyped-def]
    """The words of each document: the same tokens as `tokenize_ids` (in the same order),
    as positions in cp: out_start/out_end, the FNV hash of their code points (out_form),
    out_split[t]: a word character (one too short to make a token) lies between word
    t - 1 and word t. Per position p of cp (words numbered across the batch):
    char_words[0, p] the first word that ends after p, char_words[1, p] the last word
    that starts at or before p (-1: none), so that the words overlapping positions
    s..e-1 are char_words[0, s] .. char_words[1, e - 1] (none when that is empty).
    Returns the number of words."""
    n_docs = offsets.shape[0] - 1
    wsize = is_word.shape[0]
    n = 0
    filled = 0  # char_words[:, :filled] is set
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        start_n = n
        stray = False  # a word character since the last word
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
            out_start[n] = s
            out_end[n] = i
            out_form[n] = _fnv(cp, s, i)
            out_split[n] = stray
            stray = False
            for q in range(filled, s):  # before the word: it is the next to end
                char_words[0, q] = n
                char_words[1, q] = n - 1
            for q in range(s, i):  # in it
                char_words[0, q] = n
                char_words[1, q] = n
            filled = i
            n += 1
        out_counts[d] = n - start_n
    for q in range(filled, cp.shape[0]):  # past the last word: an empty range
        char_words[0, q] = n
        char_words[1, q] = n - 1
    return n


@nb.njit(cache=True, nogil=True)
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
