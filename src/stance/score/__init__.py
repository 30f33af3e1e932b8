"""Stage 5, batch scoring: comment files in, one scored row per input row out.

    stance score MODEL INPUT... [--out OUT]

Each row comes out once, in input order, with its own columns plus `stance`,
`stance_p_<label>`..., `tone`, `tone_p_<label>`..., `action` and `reasons` (and, with
`spans=True`, `tone_spans`).

    inputs.py      inputs, chunks of rows, the check of every row
    scorer.py      the compiled model and the Scorer: probabilities, action, reasons
    words.py       the words behind a score: reasons and tone spans
    explanation.py one comment explained; word weights; tone spans of many texts
    run.py         a run: the fork pool, part files, resume, the joined output
    cache.py       the compiled-model disk cache
    dask_engine.py the same scoring on a Dask cluster (`--engine dask`; imports dask
                   lazily, so it is not imported here either)
    fit_policy.py  policy thresholds fitted for a model (imports scikit-learn, so it is
                   not imported here: `from stance.score.fit_policy import ...`)
"""

from stance.score.explanation import explain, tone_spans, word_weights
from stance.score.inputs import ScoreOptions
from stance.score.run import EXIT_MARKED, ScoreResult, score_files, score_stream
from stance.score.scorer import Scorer, ScoringModel, load_scorer

__all__ = [
    "EXIT_MARKED",
    "ScoreOptions",
    "ScoreResult",
    "Scorer",
    "ScoringModel",
    "explain",
    "load_scorer",
    "score_files",
    "score_stream",
    "tone_spans",
    "word_weights",
]
