"""Compiled inner loops of `stance.ngrams` (numba; optional, imported lazily).

The counting kernels turn one batch into the CSR count arrays
`CountVectorizer.transform` builds: per document, the n-gram codes are looked up in the
vocabulary's hash table, the hits sorted and run-length counted (or, for the scorer,
counted in first-seen order without a sort). Same codes, same hash table, same results
as the numpy path; only faster, since nothing is materialised per n-gram. The others
tokenize words (`tokenize_ids`), weight the counts and apply the linear model
(`tfidf_dot`) and pick each row's strongest n-grams (`top_k_rows`).

Words (the scorer's reasons and spans): in first-seen mode the counting kernels can
also record every n-gram occurrence (its CSR slot and the words it lies in, found by
`token_spans`); `tfidf_dot_words` is `tfidf_dot` that also hands each occurrence its
share of its feature's contribution, added up per word; `top_words` sums them per
distinct word and keeps the strongest. (Weighting each document as soon as it is
counted, in the counting pass, measured slower: the hash-table probes and the weight
lookups then compete for the cache.)
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
def _distinct(work, m, d, stamp, out_indices, out_counts, nnz, hit_slot, h):  # type: ignore
    """Like `_flush`, without sorting: each feature once, in first-seen order
    (stamp[2f] is the last document that saw f, stamp[2f + 1] its CSR slot there: side
    by side, one cache line). With `hit_slot` (not empty), hit t's slot goes to
    hit_slot[h + t]."""
    record = hit_slot.shape[0] > 0
    for t in range(m):
        f = work[t]
        if stamp[2 * f] != d:
            stamp[2 * f] = d
            stamp[2 * f + 1] = nnz
            out_indices[nnz] = f
            out_counts[nnz] = 0
            nnz += 1
        s = stamp[2 * f + 1]
        out_counts[s] += 1
        if record:
            hit_slot[h + t] = s
    return nnz


@nb.njit(cache=True, nogil=True, inline="always")
def _emit(work, m, d, stamp, out_indices, out_counts, nnz, hit_slot, h):  # type: ignore
    """A document's hits -> CSR entries: sorted (scikit-learn's order) when `stamp` is
    empty, else in first-seen order (no sort; the scorer does not need the order)."""
    if stamp.shape[0] == 0:
        return _flush(work, m, out_indices, out_counts, nnz)
    return _distinct(work, m, d, stamp, out_indices, out_counts, nnz, hit_slot, h)


#: A hit's words: first << SPAN_BITS | how many (fewer than 2**SPAN_BITS).
SPAN_BITS = 3


@nb.njit(cache=True, nogil=True, inline="always")
def _collect(digits, a, b, base, lo, hi, slots, mask, shift, closed, work, m, hit_words,
             h, mode, pos0, clip_a, clip_b, char_words, one):  # type: ignore
    """Append to work[m:] the vocabulary index of every lo..hi-gram of digits[a:b] that
    is in the vocabulary; return the new fill. `closed`: a miss ends the extension.

    With `hit_words` (not empty) also the words each lies in, at hit_words[h + m],
    packed as first << SPAN_BITS | how many. mode 1 (word n-grams): the tokens pos0 + p
    .. pos0 + p + n. mode 2 (char_wb n-grams of a chunk that is one word): `one` (that
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
                            hit_words[h + m] = ((pos0 + p) << SPAN_BITS) | n
                        elif mode == 2:  # a pad alone is no word's
                            hit_words[h + m] = one if n > 1 or a < p < b - 1 else 0
                        else:
                            s = pos0 + p
                            e = s + n
                            if s < clip_a:
                                s = clip_a
                            if e > clip_b:
                                e = clip_b
                            if e <= s:
                                hit_words[h + m] = 0
                            else:
                                first = char_words[0, s]
                                many = char_words[1, e - 1] - first + 1
                                hit_words[h + m] = ((first << SPAN_BITS) | many
                                                    if many > 0 else 0)
                    m += 1
                elif closed:
                    break
    return m


@nb.njit(cache=True, nogil=True)
def char_wb_counts(cp, offsets, table, space_digit, unknown, base, lo, hi, slots, mask,
                   shift, closed, out_indices, out_counts, out_indptr, work, buf, stamp,
                   char_words, hit_slot, hit_words, hit_ptr):  # type: ignore
    """char_wb n-grams of each document (cp[offsets[d]:offsets[d+1]]).

    table maps a code point to its digit (0 = whitespace); code points past the table
    are outside the vocabulary's alphabet (`unknown`). `closed`: every vocabulary term
    longer than lo has its prefix in the vocabulary too, so a miss ends the extension.
    With `hit_slot` and `hit_words` (not empty; first-seen mode only): every
    occurrence's CSR slot and the words it lies in (packed, see `_collect`; char_words
    from `token_spans`), document d's at hit_ptr[d]:hit_ptr[d+1].
    """
    n_docs = offsets.shape[0] - 1
    tsize = table.shape[0]
    record = hit_words.shape[0] > 0
    nnz = 0
    h = 0
    out_indptr[0] = 0
    if record:
        hit_ptr[0] = 0
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
                if (char_words[1, i] == w and char_words[0, j - 1] == w
                        and char_words[1, j - 1] == w):
                    mode = 2
                    one = (w << SPAN_BITS) | 1
            m = _collect(buf, 0, length, base, lo, hi, slots, mask, shift, closed,
                         work, m, hit_words, h, mode, i - 1, i, j, char_words, one)
            i = j
        nnz = _emit(work, m, d, stamp, out_indices, out_counts, nnz, hit_slot, h)
        out_indptr[d + 1] = nnz
        if record:
            h += m
            hit_ptr[d + 1] = h
    return nnz


@nb.njit(cache=True, nogil=True)
def word_counts(ids, offsets, base, lo, hi, slots, mask, shift, closed, out_indices,
                out_counts, out_indptr, work, stamp, hit_slot, hit_words,
                hit_ptr):  # type: ignore[no-untyped-def]
    """Word n-grams of each document's token digits (ids[offsets[d]:offsets[d+1]]);
    hits as in `char_wb_counts`, a hit's words its tokens (numbered across the batch)."""
    n_docs = offsets.shape[0] - 1
    record = hit_words.shape[0] > 0
    nnz = 0
    h = 0
    out_indptr[0] = 0
    if record:
        hit_ptr[0] = 0
    empty = np.zeros((2, 0), dtype=np.int32)
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        m = 0
        m = _collect(ids, a, b, base, lo, hi, slots, mask, shift, closed, work, m,
                     hit_words, h, 1, 0, a, b, empty, -1)
        nnz = _emit(work, m, d, stamp, out_indices, out_counts, nnz, hit_slot, h)
        out_indptr[d + 1] = nnz
        if record:
            h += m
            hit_ptr[d + 1] = h
    return nnz


@nb.njit(cache=True, nogil=True, inline="always")
def _hand_out(hw, d, scratch, acc, n_out, tok_map, word_out, rest_out):  # type: ignore
    """Add scratch[acc:acc + n_out] to the words packed in hw (see `_collect`), or to
    rest_out[d] when none, then zero it."""
    first = hw >> SPAN_BITS
    ntok = hw & ((1 << SPAN_BITS) - 1)
    mapped = tok_map.shape[0] > 0
    if ntok == 0:
        for k in range(n_out):
            rest_out[d, k] += scratch[acc + k]
    elif ntok == 1 and not mapped:
        for k in range(n_out):
            word_out[first, k] += scratch[acc + k]
    else:
        for q in range(first, first + ntok):
            w = tok_map[q] if mapped else q
            for k in range(n_out):
                if w >= 0:
                    word_out[w, k] += scratch[acc + k] / ntok
                else:
                    rest_out[d, k] += scratch[acc + k] / ntok
    for k in range(n_out):
        scratch[acc + k] = 0.0


@nb.njit(cache=True, nogil=True)
def tfidf_dot(indptr, indices, counts, weights, sublinear, l2, values,
              dots):  # type: ignore[no-untyped-def]
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
def tfidf_dot_words(indptr, indices, counts, weights, sublinear, binary, l2, values, dots,
                    hit_slot, hit_words, hit_ptr, tok_map, word_out, rest_out,
                    scratch):  # type: ignore[no-untyped-def]
    """`tfidf_dot` of raw counts (`binary`: counted as 1), and each product values[j] *
    coef[indices[j], k] handed to the words its occurrences lie in (hit_words, see
    `_collect`): per occurrence an equal share (1 / counts[j]), split equally among the
    words it covers (a char_wb n-gram never crosses whitespace, so these are
    consecutive); added to word_out[word, k], or to rest_out[d, k] when it covers none.
    tok_map (not empty: word n-grams of a tokenizer other than the words'): the word
    each of its tokens lies in (-1: none), an occurrence split equally among its tokens.
    scratch: n_out x (the longest row's entries + 1).
    """
    n_docs = indptr.shape[0] - 1
    n_out = dots.shape[1]
    acc = scratch.shape[0] - n_out
    for k in range(n_out):
        scratch[acc + k] = 0.0
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
        for j in range(a, b):
            v = values[j] / norm
            values[j] = v
            f = indices[j]
            share = v / counts[j]
            for k in range(n_out):
                dots[d, k] += v * weights[f, k + 1]
                scratch[(j - a) * n_out + k] = share * weights[f, k + 1]
        # hits in a row with the same words (a chunk's n-grams, most often) are summed
        # first (in registers for 3 outputs, the usual tone head), handed out once
        cur = -1
        if n_out == 3:
            a0 = a1 = a2 = 0.0
            for h in range(hit_ptr[d], hit_ptr[d + 1]):
                hw = hit_words[h]
                if hw != cur:
                    if cur >= 0:
                        scratch[acc] = a0
                        scratch[acc + 1] = a1
                        scratch[acc + 2] = a2
                        _hand_out(cur, d, scratch, acc, n_out, tok_map, word_out, rest_out)
                        a0 = a1 = a2 = 0.0
                    cur = hw
                s = (hit_slot[h] - a) * 3
                a0 += scratch[s]
                a1 += scratch[s + 1]
                a2 += scratch[s + 2]
            if cur >= 0:
                scratch[acc] = a0
                scratch[acc + 1] = a1
                scratch[acc + 2] = a2
                _hand_out(cur, d, scratch, acc, n_out, tok_map, word_out, rest_out)
            continue
        for h in range(hit_ptr[d], hit_ptr[d + 1]):
            hw = hit_words[h]
            if hw != cur:
                if cur >= 0:
                    _hand_out(cur, d, scratch, acc, n_out, tok_map, word_out, rest_out)
                cur = hw
            s = (hit_slot[h] - a) * n_out
            for k in range(n_out):
                scratch[acc + k] += scratch[s + k]
        if cur >= 0:
            _hand_out(cur, d, scratch, acc, n_out, tok_map, word_out, rest_out)


@nb.njit(cache=True, nogil=True)
def top_k_rows(indptr, cols, vals, rows, weights, set_id, out_col,
               out_val):  # type: ignore[no-untyped-def]
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
            col = cols[j]
            t = filled  # insertion into the sorted list (better moves ahead)
            while t > 0 and (out_val[i, t - 1] < c or (
                    out_val[i, t - 1] == c and out_col[i, t - 1] > col)):
                t -= 1
            if t >= k:
                continue
            last = filled if filled < k else k - 1
            for q in range(last, t, -1):
                out_col[i, q] = out_col[i, q - 1]
                out_val[i, q] = out_val[i, q - 1]
            out_col[i, t] = col
            out_val[i, t] = c
            if filled < k:
                filled += 1


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
def tokenize_ids(cp, offsets, is_word, min_len, tags, slots, mask, shift, tok_cp, tok_off,
                 unknown, out_ids, out_counts):  # type: ignore[no-untyped-def]
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
def token_spans(cp, offsets, is_word, min_len, tags, out_start, out_end, out_form,
                out_split, out_counts, char_words):  # type: ignore[no-untyped-def]
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
    filled = 0  # char_words[0, :filled] is set
    char_words[1, :] = -1
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
            while filled < i:  # positions up to the word's end: it is the next to end
                char_words[0, filled] = n
                filled += 1
            for q in range(s, i):
                char_words[1, q] = n
            n += 1
        out_counts[d] = n - start_n
    while filled < cp.shape[0]:
        char_words[0, filled] = n  # past the last word: an empty range
        filled += 1
    last = -1
    for q in range(cp.shape[0]):  # between words: the last word that started
        if char_words[1, q] >= 0:
            last = char_words[1, q]
        else:
            char_words[1, q] = last
    return n


@nb.njit(cache=True, nogil=True)
def top_words(tok_ptr, rows, form, contrib, out_tok, out_val):  # type: ignore
    """Per i (document rows[i], its words tok_ptr[r]:tok_ptr[r+1]): the sums of contrib
    over the words of each form (out_tok[i, :]: the form's first word, -1 = empty;
    out_val: its sum), the k largest positive ones, best first (ties: earlier word
    first)."""
    k = out_tok.shape[1]
    for i in range(rows.shape[0]):
        r = rows[i]
        a = tok_ptr[r]
        b = tok_ptr[r + 1]
        if b <= a:
            continue
        order = np.argsort(form[a:b], kind="mergesort")  # stable: first word first
        filled = 0
        g = 0
        while g < b - a:
            rep = a + order[g]
            total = 0.0
            e = g
            while e < b - a and form[a + order[e]] == form[rep]:
                total += contrib[a + order[e]]
                e += 1
            g = e
            if total <= 0:
                continue
            t = filled
            while t > 0 and (out_val[i, t - 1] < total or (
                    out_val[i, t - 1] == total and out_tok[i, t - 1] > rep)):
                t -= 1
            if t >= k:
                continue
            last = filled if filled < k else k - 1
            for q in range(last, t, -1):
                out_tok[i, q] = out_tok[i, q - 1]
                out_val[i, q] = out_val[i, q - 1]
            out_tok[i, t] = rep
            out_val[i, t] = total
            if filled < k:
                filled += 1
