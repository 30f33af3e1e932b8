"""The compiled scoring engine of `stance score`: scikit-learn's n-gram features and
linear model, computed by numba kernels.

batch.py: texts preprocessed once, as code points; vectorizer.py: a fitted vectorizer's
vocabulary as code tables, the kernels' counts; compiled.py: `CompiledPipeline`, what the
scorer runs; words.py: the words of a text and the n-grams' contributions to them;
_kernels/: the kernels (numba), imported on first use.
"""
