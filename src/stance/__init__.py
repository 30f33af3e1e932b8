"""stance: reader-comment stance and tone classification, owned and local.

The public API is imported lazily so that `import stance` stays cheap (no scikit-learn,
pandas or model loading at import time).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "InputError",
    "LabelError",
    "ModelError",
    "StanceError",
    "__version__",
    "evaluate",
    "explain",
    "load_model",
    "score_dataframe",
    "split_paths",
    "split_text",
    "train",
]

# public name -> module that defines it
_LAZY = {
    "StanceError": "stance.errors",
    "InputError": "stance.errors",
    "LabelError": "stance.errors",
    "ConfigError": "stance.errors",
    "ModelError": "stance.errors",
    "load_model": "stance.persist",
    "train": "stance.training",
    "evaluate": "stance.evaluation",
    "explain": "stance.score.explanation",
    "score_dataframe": "stance.score.dask_engine",  # dask itself only when called
    "split_text": "stance.split.text",
    "split_paths": "stance.split.files",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'stance' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
