"""What `stance score` runs: a fitted word/char TF-IDF -> LogisticRegression pipeline as
plain arrays, scored by compiled kernels.

Profiling a fitted word+char_wb pipeline shows most of the time in scikit-learn's
Python-level analyzers: `_char_wb_ngrams` slices every character n-gram into a new
string and `_count_vocab` looks each one up in a dict. `CompiledPipeline` counts the
same n-grams with the kernels (`stance.fast.vectorizer`), then computes tf-idf and the
linear model in one compiled pass in float64 over float32 weights. Its probabilities
equal `pipeline.predict_proba` to about 1e-6 (scikit-learn computes the features in
float32); a process that loads it from the scorer's cache never imports scikit-learn.
The saved model stays a plain scikit-learn pipeline.

Words (the reasons and spans of `stance score`): `CompiledPipeline.score(words=True)`
also records where each n-gram occurred, and `word_contributions` hands each feature's
contribution (tf-idf value x coefficient) to the words of the text it lies in (the word
analyzer's tokens), exactly: the words' sums plus what lies in no word (punctuation-only
char n-grams) equal the logit minus the intercept (see `stance.fast.words`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import Any

import numpy as np

from stance.fast.batch import Prep, TextBatch, as_batch
from stance.fast.vectorizer import (
    SAFE_TOKEN_PATTERNS,
    CompiledVectorizer,
    Features,
    VecSpec,
    kernels,
    tokenizer,
)
from stance.fast.words import (
    WordHits,
    Words,
    find_words,
    reference_contributions,
    reference_words,
    token_map,
)

# scikit-learn is imported where a fitted pipeline is checked and compiled: a process
# that loads compiled pipelines from the scorer's cache never imports it (1.5 s).

#: Version of the pickled `CompiledPipeline` layout, part of the scorer cache's key:
#: bump it when the compiled arrays (or the classes pickled) change, so no process
#: loads an older layout.
COMPILED_LAYOUT = 4

#: A compiled part: (its vectorizer, its first column in the whole feature space, per
#: feature [idf, coefficients...], sublinear tf, l2 norm).
Part = tuple[CompiledVectorizer, int, np.ndarray, bool, bool]


def union_vectorizers(pipe: Any) -> list[Any] | None:
    """The vectorizers of a fitted `features` (FeatureUnion) -> classifier pipeline;
    None for a pipeline of another shape."""
    from sklearn.pipeline import FeatureUnion

    union = dict(pipe.steps).get("features")
    if (
        len(pipe.steps) == 2
        and isinstance(union, FeatureUnion)
        and union.transformer_weights is None
        and all(t not in ("drop", "passthrough") for _, t in union.transformer_list)
    ):
        return [t for _, t in union.transformer_list]
    return None


def compile_reason(clf: Any, parts: list[CompiledVectorizer] | None) -> str | None:
    """Why `CompiledPipeline` cannot take a pipeline (its classifier, its vectorizers
    compiled) over (None if it can)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if parts is None or not all(p.fast for p in parts):
        return "not a FeatureUnion of supported vectorizers -> classifier"
    if type(clf) is not LogisticRegression:
        return f"classifier {type(clf).__name__}"
    for part in parts:
        vec = part.vec
        if isinstance(vec, TfidfVectorizer) and vec.norm not in ("l2", None):
            return f"tf-idf norm {vec.norm!r}"
        if vec.analyzer == "word" and vec.token_pattern not in SAFE_TOKEN_PATTERNS:
            return f"token_pattern {vec.token_pattern!r}"
    return None


class Names:
    """Feature names as one UTF-8 blob and offsets (plain arrays: a cached model maps
    them from disk instead of unpickling a million strings); `names[cols]` decodes
    only the columns asked for."""

    def __init__(self, names: list[str]) -> None:
        joined = "".join(names)
        self.blob = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        # each name's UTF-8 bytes: its code points' (a lone surrogate's are 3), summed
        cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        size = 1 + (cp >= 0x80).astype(np.int64) + (cp >= 0x800) + (cp >= 0x10000)
        ends = np.cumsum(np.fromiter(map(len, names), np.int64, len(names)))
        self.offsets = np.zeros(len(names) + 1, dtype=np.int64)
        self.offsets[1:] = np.concatenate([[0], np.cumsum(size)])[ends]

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, cols: Any) -> np.ndarray:
        """The names of columns `cols` (an index array or a slice), an object array."""
        idx = np.arange(len(self))[cols] if isinstance(cols, slice) else np.asarray(cols)
        raw = self.blob.tobytes() if idx.size > 64 else None
        out = np.empty(idx.shape, dtype=object)
        flat = out.reshape(-1)
        for i, c in enumerate(idx.reshape(-1).tolist()):
            a, b = int(self.offsets[c]), int(self.offsets[c + 1])
            chunk = raw[a:b] if raw is not None else self.blob[a:b].tobytes()
            flat[i] = chunk.decode("utf-8", "surrogatepass")
        return out


def _feature_names(pipe: Any) -> Names:
    """Column -> its name for people: word n-grams as they are, character n-grams in
    double quotes (JSON-escaped) so their spaces show."""
    names: list[str] = []
    for _, vec in getattr(pipe.steps[0][1], "transformer_list", []):
        vocab = getattr(vec, "vocabulary_", None)
        if vocab is None:
            continue
        terms = list(vocab)
        if vec.analyzer != "word":  # json.dumps(t, ensure_ascii=False)'s own C function
            terms = list(map(encode_basestring, terms))
        arr = np.empty(len(vocab), dtype=object)
        arr[np.fromiter(vocab.values(), dtype=np.int64, count=len(vocab))] = terms
        names.extend(arr.tolist())
    return Names(names)


def _probabilities(decision: np.ndarray) -> np.ndarray:
    """LogisticRegression's probabilities of its decision function (in place)."""
    if decision.shape[1] == 1:  # binary LogisticRegression: sklearn's expit
        p = 1.0 / (1.0 + np.exp(-decision[:, 0]))
        return np.column_stack([1.0 - p, p])
    # multinomial: sklearn's softmax
    decision -= decision.max(axis=1, keepdims=True)
    np.exp(decision, out=decision)
    return decision / decision.sum(axis=1, keepdims=True)


class CompiledPipeline:
    """A fitted word/char TF-IDF -> LogisticRegression pipeline as plain arrays.

    The n-gram counts are scikit-learn's exactly (each row's features unsorted), tf-idf
    and the linear model are computed in one compiled pass in float64 over float32
    weights: probabilities equal `pipe.predict_proba` to about 1e-6 (scikit-learn
    computes the features in float32; the tests bound the difference at 2e-6).
    Pickled, it holds no scikit-learn object, so a process that loads it from the
    scorer's cache never imports scikit-learn. Pipelines of another shape are kept and
    scored by scikit-learn itself (`self.pipe`).
    """

    def __init__(self, pipe: Any) -> None:
        clf = pipe.steps[-1][1]
        self.classes = [str(c) for c in clf.classes_]
        self.coef_t: np.ndarray | None = None
        self._weights: dict[tuple[str, ...], Any] = {}  # class/contrast weights, by labels
        vecs = union_vectorizers(pipe)
        # the vectorizers' lookup tables are built once, here
        compiled = [CompiledVectorizer(v) for v in vecs] if vecs is not None else None
        self.reason = compile_reason(clf, compiled)
        self.pipe = pipe if self.reason is not None else None
        if hasattr(clf, "coef_"):
            self.coef_t = np.ascontiguousarray(np.asarray(clf.coef_, dtype=np.float64).T)
            self.intercept = np.asarray(clf.intercept_, dtype=np.float64)
        self._names = _feature_names(pipe)  # built once
        if self.pipe is not None:
            return
        assert vecs is not None and compiled is not None and self.coef_t is not None
        self.parts: list[Part] = []
        offset = 0
        for vec, fv in zip(vecs, compiled, strict=True):
            tf = getattr(vec, "_tfidf", None)
            idf = (
                np.asarray(tf.idf_, dtype=np.float64)
                if tf is not None and tf.use_idf
                else np.zeros(0)
            )
            sublinear = bool(tf is not None and tf.sublinear_tf)
            l2 = bool(tf is not None and tf.norm == "l2")
            fv.vec = VecSpec(
                vec.analyzer,
                tuple(vec.ngram_range),
                fv.prep,
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
        if self.words_reason is None:
            self._word_rule()

    def score(self, docs: Sequence[str] | TextBatch, *, words: bool = False) -> Any:
        """(probabilities in `classes` order, the tf-idf features of each part as CSR
        arrays (indptr, columns of the whole feature space, values), each row's columns
        in no particular order).

        `words=True` adds a third item for `word_contributions`: the batch's words and
        where each n-gram occurred (a `WordHits`), or None when this pipeline cannot
        attribute n-grams to words (`words_reason`)."""
        batch = as_batch(docs)
        if self.pipe is not None:
            X = self.pipe[:-1].transform(batch.docs).tocsr()
            proba = self.pipe.predict_proba(batch.docs)
            feats0 = [
                (X.indptr.astype(np.int64), X.indices.astype(np.int64), X.data.astype(np.float64))
            ]
            return (proba, feats0, None) if words else (proba, feats0)
        assert self.coef_t is not None
        n, n_out = len(batch), self.coef_t.shape[1]
        dots = np.zeros((n, n_out))
        # words: found first, then each part's occurrences handed to them as it is scored
        found = None
        if words and self.words_reason is None:
            found = find_words(batch, *self._word_spec(), rule=self._word_rule())
        word_out = np.zeros((len(found.form) if found else 0, n_out))
        rest_out = np.zeros((n if found else 0, n_out))
        feats: list[Features] = []
        for part in self.parts:
            f, handed = self._score_part(batch, part, dots, found, word_out, rest_out)
            feats.append(f)
            if not handed:
                found = None  # the words of this batch come from the reference
        proba = _probabilities(dots + self.intercept)
        if not words:
            return proba, feats
        if self.words_reason is not None:
            return proba, feats, None
        if found is not None:
            return proba, feats, WordHits(batch, found, word_out, rest_out)
        return proba, feats, self.reference_word_hits(batch, feats)

    @staticmethod
    def _score_part(
        batch: TextBatch,
        part: Part,
        dots: np.ndarray,
        found: Words | None,
        word_out: np.ndarray,
        rest_out: np.ndarray,
    ) -> tuple[Features, bool]:
        """Add a part's tf-idf values x coefficients to dots and, given the batch's
        words (`found`), hand them to the words (word_out, rest_out, see
        `tfidf_dot_words`). Returns (its features, whether it handed them: not when the
        batch is too long to pack)."""
        fv, offset, weights, sublinear, l2 = part
        k = kernels()
        arrays = fv.kernel_arrays(batch, None if found is None else found.char_words)
        if arrays is None and found is not None:  # a batch too long to pack
            found = None
            arrays = fv.kernel_arrays(batch)
        assert arrays is not None  # only a token holding a space (never SAFE patterns')
        indptr, indices, counts = arrays[:3]
        values = np.empty(len(indices))
        if found is not None:
            longest = int(np.diff(indptr).max()) if len(batch) else 0
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
                token_map(batch, found, fv.vec),
                word_out,
                rest_out,
                np.empty(longest * dots.shape[1] + 1),
            )
        else:
            if fv.vec.binary:
                counts = np.minimum(counts, 1)
            k.tfidf_dot(indptr, indices, counts, weights, sublinear, l2, values, dots)
        if offset:  # columns of the whole feature space (a fresh array: in place)
            indices += offset
        return (indptr, indices, values), found is not None

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

    def _word_rule(self) -> tuple[np.ndarray, int, bool]:
        """The tokenizer of the words (`tokenizer`), built once and kept (pickled: its
        table of word characters takes a fresh process 0.2 s to build)."""
        rule = getattr(self, "_rule", None)
        if rule is None:
            rule = self._rule = tokenizer(self._word_spec()[1])
        return rule

    def _word_spec(self) -> tuple[Prep, str]:
        """(preprocessing, token regex) of the words: the word part's, else the project's
        default pattern."""
        prep: Prep = self.parts[0][0].prep if self.parts else (True, False)
        for fv, *_ in self.parts:
            if fv.vec.analyzer == "word":
                return fv.prep, str(fv.vec.token_pattern)
        return prep, SAFE_TOKEN_PATTERNS[1]

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
        reference the kernels are tested against, and the words of a batch too long for
        the kernels to pack."""
        assert self.coef_t is not None
        words = reference_words(batch, *self._word_spec())
        parts = [
            (fv.vec, terms)
            for (fv, *_), terms in zip(self.parts, self._term_columns(), strict=True)
        ]
        word_out, rest_out = reference_contributions(batch, words, feats, parts, self.coef_t)
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

    # ---- the model's outputs as weight vectors ----------------------------------------

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
