"""The compiled inner loops of `stance score` (numba), one namespace for their callers.

Imported only through `stance.fast.vectorizer.kernels()` (numba's import is slow).
`counts`: n-grams to CSR counts; `tokens`: words by their FNV hash; `weights`: tf-idf x
coefficients, the words' shares, each row's top n-grams and words.
"""

from stance.fast._kernels.counts import HASH_MULT, SPAN_BITS, char_wb_counts, word_counts
from stance.fast._kernels.tokens import token_hashes, tokenize
from stance.fast._kernels.weights import tfidf_dot, tfidf_dot_words, top_k_rows, top_words

__all__ = [
    "HASH_MULT",
    "SPAN_BITS",
    "char_wb_counts",
    "tfidf_dot",
    "tfidf_dot_words",
    "token_hashes",
    "tokenize",
    "top_k_rows",
    "top_words",
    "word_counts",
]
