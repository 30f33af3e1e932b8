"""The compiled-model disk cache.

`joblib.load` unpickles with a pure-Python unpickler (seconds for large vocabularies)
and the scorer then compiles the pipelines into plain arrays. The compiled model is
cached, after the first full (checked) load, as one pickle in the folder `cache_dir`
names, keyed by the sha256 of the model's files and the library versions, so a cached
load imports neither scikit-learn nor scipy. The `CACHE_KEEP` most recently used are
kept. The cache only saves time: a folder that cannot be read or written (or
`STANCE_CACHE=off`) means full loads, never a failed run.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from stance import __version__
from stance.fast.compiled import COMPILED_LAYOUT
from stance.io import atomic_write, file_sha256
from stance.persist import META_FILE, MODEL_FILE

#: Compiled models kept in the cache folder (the most recently used; about 64 MB each
#: for a model trained on all of labels/, over five times its model.joblib).
CACHE_KEEP = 4
#: Version of the pickled `ScoringModel`'s own attributes (part of the cache key).
SCORING_LAYOUT = 2
#: `STANCE_CACHE` values (any case) that turn the cache off.
CACHE_OFF = frozenset({"off", "0", "false", "no", "none"})


def cache_dir() -> Path | None:
    """The folder of the compiled-model cache, or None when it is off.

    `$STANCE_CACHE` (`off`, `0`, `false`, `no` or `none`: no cache), else
    `$XDG_CACHE_HOME/stance`, else `~/.cache/stance`. An
    empty variable counts as unset, and so does a relative `XDG_CACHE_HOME` (the XDG
    spec's rule); no home folder means no cache.
    """
    override = os.environ.get("STANCE_CACHE")
    if override:
        if override.strip().lower() in CACHE_OFF:
            return None
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "stance"
    try:
        return Path.home() / ".cache" / "stance"
    except (RuntimeError, KeyError):  # no $HOME and no password entry
        return None


def cache_file(model_dir: Path) -> Path | None:
    """The cache file of a model directory, or None when it has no model files or the
    cache is off."""
    root = cache_dir()
    files = [model_dir / MODEL_FILE, model_dir / META_FILE]
    if root is None or not all(f.is_file() for f in files):
        return None
    # scikit-learn's version from its metadata: importing it costs 1.5 s
    digest = file_sha256(
        *files,
        extra=f"{__version__} {version('scikit-learn')} "
        f"{np.__version__} {sys.version_info[:2]} "
        f"{COMPILED_LAYOUT} {SCORING_LAYOUT}".encode(),
    )
    return root / f"scorer-{digest[:32]}.pkl"


def read_cached(file: Path, kind: type) -> Any | None:
    """The `kind` object cached in `file`, or None: a missing, stale or truncated cache
    is rebuilt, never trusted; so is one that cannot be read. A hit marks the file
    recently used."""
    try:
        with open(file, "rb") as f:
            obj = pickle.load(f)
    except Exception:  # missing, unreadable (OSError), or unpickling failed in any way
        return None
    if not isinstance(obj, kind):
        return None
    with contextlib.suppress(OSError):
        os.utime(file)  # recently used: kept by the pruning in `write_cached`
    return obj


def write_cached(file: Path, obj: Any) -> None:
    """Cache `obj` in `file` (atomically; a failure only costs the next load time) and
    delete all but the `CACHE_KEEP` most recently used files of the folder."""
    with contextlib.suppress(OSError), atomic_write(file, "wb") as f:
        pickle.dump(obj, f, protocol=5)
    with contextlib.suppress(OSError):
        files = sorted(
            file.parent.glob("scorer-*.pkl"), key=lambda f: f.stat().st_mtime, reverse=True
        )
        for old in files[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
