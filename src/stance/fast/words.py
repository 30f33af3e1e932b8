"""The words of a batch and the n-grams' contributions to them; their offsets in the text.

Words (the reasons and spans of `stance score`) are the word analyzer's tokens of each
preprocessed text. `find_words` finds them with the `tokenize` kernel, and the counting
kernels note where each n-gram occurred (`CompiledPipeline.score(words=True)`);
`reference_words` / `reference_contributions` compute the same in plain Python, straight
from scikit-learn's analyzers: the reference the kernels are tested against, and the
words of a batch too long for the kernels to pack. `prep_map` / `original_spans` map a
word back to the text as given (before lowercasing and unescaping).
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from stance.fast.batch import Prep, TextBatch
from stance.fast.vectorizer import Features, VecSpec, kernels, tokenizer


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
    char_words: np.ndarray  # kernels: per code point of batch.joined(prep), see tokenize
    pattern: str  # the token regex

    def doc(self) -> np.ndarray:
        """The document of each word."""
        return np.repeat(np.arange(len(self.ptr) - 1), np.diff(self.ptr))


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


def token_words(batch: TextBatch, prep: Prep, rule: tuple) -> tuple[np.ndarray, ...]:
    """The tokens of the batch as words, by the `tokenize` kernel (rule: a `tokenizer`):
    (start, end (positions in batch.joined(prep)), form, split, char_words, words per
    document); see `tokenize`."""
    cp, offsets = batch.joined(prep)
    n_max = len(cp) // rule[1] + 1
    start = np.empty(n_max, dtype=np.int64)
    end = np.empty(n_max, dtype=np.int64)
    form = np.empty(n_max, dtype=np.uint64)
    split = np.empty(n_max, dtype=np.bool_)
    char_words = np.empty((2, len(cp)), dtype=np.int32)
    per_doc = np.empty(len(batch), dtype=np.int64)
    u64, zero = np.zeros(0, dtype=np.uint64), np.uint64(0)
    no_vocab = (u64, zero, zero, np.zeros(0, np.uint32), np.zeros(0, np.int64), zero)
    words = (start, end, form, split, char_words)
    n = kernels().tokenize(cp, offsets, rule, no_vocab, u64, words, per_doc)
    return start[:n], end[:n], form[:n], split[:n], char_words, per_doc


def find_words(batch: TextBatch, prep: Prep, pattern: str, rule: tuple | None = None) -> Words:
    """The batch's words (tokens of a SAFE token pattern) by the kernels (`rule`: the
    pattern's `tokenizer`, when the caller keeps it)."""
    rule = tokenizer(pattern) if rule is None else rule
    start, end, form, split, char_words, per_doc = token_words(batch, prep, rule)
    ptr = np.zeros(len(batch) + 1, dtype=np.int64)
    np.cumsum(per_doc, out=ptr[1:])
    base = np.repeat(batch.joined(prep)[1][:-1], per_doc)
    return Words(
        start - base, end - base, ptr, form.copy(), split.copy(), prep, char_words, pattern
    )


def token_map(batch: TextBatch, words: Words, spec: VecSpec) -> np.ndarray:
    """For a word part whose tokenizer is not the words' (a lexicon part with its own
    pattern): per token of the part (numbered across the batch), the word it lies in
    (-1: none); empty when the part's tokens are the words."""
    pattern = str(spec.token_pattern)
    if spec.analyzer != "word" or pattern == words.pattern:
        return np.zeros(0, dtype=np.int32)
    _, end, *_ = token_words(batch, spec.prep, tokenizer(pattern))
    last = end - 1  # a token's last character is a word character
    w = words.char_words[0, last]
    return np.where(words.char_words[1, last] == w, w, -1).astype(np.int32)


def reference_words(batch: TextBatch, prep: Prep, pattern: str) -> Words:
    """The batch's words by Python's `re` (the word analyzer's own tokenizer)."""
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


#: A compiled part as `reference_contributions` reads it: its settings and, per
#: vocabulary term, its column of the whole feature space.
RefPart = tuple[VecSpec, dict[str, int]]

#: An occurrence of a vocabulary term: (its column, the words it lies in: one per
#: token of a word n-gram (-1: a token in no word), those a char_wb n-gram overlaps).
Occurrence = tuple[int, list[int]]


def reference_contributions(
    batch: TextBatch,
    words: Words,
    feats: list[Features],
    parts: list[RefPart],
    coef_t: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(per word and output of the model (a column of coef_t), its shares of the
    features' contributions; per document and output, what lies in no word), as
    `CompiledPipeline.word_contributions` defines them, in plain Python."""
    weights = coef_t.T
    word_out = np.zeros((len(words.form), weights.shape[0]))
    rest_out = np.zeros((len(batch), weights.shape[0]))
    for d, text in enumerate(batch.texts(words.prep)):
        a, b = int(words.ptr[d]), int(words.ptr[d + 1])
        owner = [-1] * len(text)
        for t, (s, e) in enumerate(
            zip(words.start[a:b].tolist(), words.end[a:b].tolist(), strict=True)
        ):
            owner[s:e] = [t] * (e - s)
        occurrences = [o for spec, terms in parts for o in _occurrences(text, owner, spec, terms)]
        value: dict[int, float] = {}
        for indptr, indices, values in feats:
            lo, hi = int(indptr[d]), int(indptr[d + 1])
            value.update(zip(indices[lo:hi].tolist(), values[lo:hi].tolist(), strict=True))
        count = Counter(col for col, _ in occurrences)
        for col, owners in occurrences:  # each occurrence: an equal share of the feature's
            c = value[col] * weights[:, col] / count[col]
            if not owners:
                rest_out[d] += c
            for t in owners:  # split equally among its words
                if t < 0:
                    rest_out[d] += c / len(owners)
                else:
                    word_out[a + t] += c / len(owners)
    return word_out, rest_out


def _occurrences(
    text: str, owner: list[int], spec: VecSpec, terms: dict[str, int]
) -> list[Occurrence]:
    """The occurrences of the part's vocabulary terms in `text` (owner: per character,
    the word it lies in, -1: none), by scikit-learn's analyzer."""
    lo, hi = spec.ngram_range
    if spec.analyzer != "word":
        return _char_wb_occurrences(text, owner, lo, hi, terms)
    # the part's own tokens: the words, or a lexicon's
    own = [(m.start(), m.end()) for m in re.finditer(str(spec.token_pattern), text)]
    toks = [text[s:e] for s, e in own]
    word_of = [owner[e - 1] for _, e in own]
    found = []
    for n in range(lo, hi + 1):
        for j in range(len(toks) - n + 1):
            col = terms.get(" ".join(toks[j : j + n]))
            if col is not None:
                found.append((col, word_of[j : j + n]))
    return found


def _char_wb_occurrences(
    text: str, owner: list[int], lo: int, hi: int, terms: dict[str, int]
) -> list[Occurrence]:
    """`_occurrences` of a char_wb part: scikit-learn's `_char_wb_ngrams`, chunk by
    chunk of non-whitespace, each padded with a space on both sides."""
    found = []
    for m in re.finditer(r"\S+", text):
        w = " " + m.group() + " "
        for n in range(lo, hi + 1):
            grams = [(0, w[0:n])]
            offset = 0
            while offset + n < len(w):
                offset += 1
                grams.append((offset, w[offset : offset + n]))
            for off, gram in grams:
                col = terms.get(gram)
                if col is None:
                    continue
                s = max(m.start() + off - 1, m.start())  # the pads lie in no word
                e = min(m.start() + off - 1 + len(gram), m.end())
                found.append((col, sorted({owner[q] for q in range(s, e) if owner[q] >= 0})))
            if offset == 0:  # a short chunk counts once (as scikit-learn does)
                break
    return found


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
    got = spans_in_text(text, prep, start.tolist(), end.tolist())
    if got is None:
        return start, end
    return np.asarray(got[0], dtype=np.int64), np.asarray(got[1], dtype=np.int64)


def spans_in_text(
    text: str, prep: Prep, start: list[int], end: list[int]
) -> tuple[list[int], list[int]] | None:
    """`original_spans` of plain lists (not empty), None when the spans are the same
    in the text (a batch's reasons map a few words of many texts: numpy per text
    would cost more than the mapping)."""
    lowered = text.lower() if prep[0] else text
    if len(lowered) != len(text):  # "İ": the whole map
        m = prep_map(text, prep)
        if m is None:
            return None
        s, e = np.asarray(start, dtype=np.int64), np.asarray(end, dtype=np.int64)
        return m[0][s].tolist(), m[1][np.maximum(e - 1, s)].tolist()
    amp = lowered.find("&") if prep[1] else -1
    if amp < 0 or max(end) <= amp:  # nothing unescaped before these spans end
        return None
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
        return None

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
    a = [min(where(q, False), n) for q in start]
    b = [min(max(where(max(e - 1, q), True), x), n) for q, e, x in zip(start, end, a, strict=True)]
    return a, b
