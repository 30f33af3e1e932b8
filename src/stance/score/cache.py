"""The compiled-model disk cache.

`joblib.load` unpickles with a pure-Python unpickler (seconds for large vocabularies)
and the scorer then compiles the pipelines into plain arrays. The compiled model is
cached, after the first full (checked) load or by `stance train` itself, keyed by the
sha256 of the model's files and the library versions, so a cached load imports neither
scikit-learn nor scipy. An entry is two files in the folder `stance.io.cache_dir` names:

    scorer-KEY.npy  every array of the compiled model, back to back (a uint8 .npy)
    scorer-KEY.pkl  the rest (a small pickle whose arrays point into the .npy)

The .npy is opened with `np.load(mmap_mode="r")`: a load reads no array, the pages are
read on first use and shared, read-only, by every process that scores with the model
(the forked workers, and other runs at the same time), never copied.

The `CACHE_KEEP` most recently used entries are kept, so the folder holds at most
`CACHE_KEEP` (4) models' entries. An entry is about 7x its model's `model.joblib`
(hash tables at half load, float32 weights, float64 coefficients, the n-gram names):
66 MB for the default model of labels/, 63 MB for the benchmark's OLID + SemEval model,
so about 270 MB for four models of that size. The cache only
saves time: a folder that cannot be read or written (or `STANCE_CACHE=off`) means full
loads, never a failed run.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from stance import __version__
from stance.fast.compiled import COMPILED_LAYOUT
from stance.io import atomic_write, cache_dir, file_sha256
from stance.persist import META_FILE, MODEL_FILE

#: Compiled models kept in the cache folder (the most recently used).
CACHE_KEEP = 4
#: Version of the cache entry and the pickled `ScoringModel`'s own attributes (part of
#: the cache key).
SCORING_LAYOUT = 3
#: Seconds after which a .npy without its .pkl is taken for a failed write's.
ORPHAN_AGE = 600
#: Each array's offset in the .npy file is a multiple of this (cache lines, SIMD loads).
ALIGN = 64


def cache_file(model_dir: Path) -> Path | None:
    """The cache entry's .pkl file of a model directory, or None when it has no model
    files or the cache is off."""
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


def arrays_file(file: Path) -> Path:
    """The .npy file beside an entry's .pkl file."""
    return file.with_suffix(".npy")


def read_cached(file: Path, kind: type) -> Any | None:
    """The `kind` object cached in `file` (its arrays memory-mapped from the .npy beside
    it), or None: a missing, stale or truncated entry is rebuilt, never trusted; so is
    one that cannot be read. A hit marks the entry recently used."""
    try:
        with open(file, "rb") as f:
            head = pickle.load(f)
        data = np.load(arrays_file(file), mmap_mode="r", allow_pickle=False)
        if data.dtype != np.uint8 or data.ndim != 1 or len(data) != head["size"]:
            return None
        buffers = [data[a : a + n] for a, n in head["spans"]]
        obj = pickle.loads(head["skeleton"], buffers=buffers)
    except Exception:  # missing, unreadable (OSError), or unpickling failed in any way
        return None
    if not isinstance(obj, kind):
        return None
    with contextlib.suppress(OSError):
        os.utime(file)  # recently used: kept by the pruning in `write_cached`
    return obj


def write_cached(file: Path, obj: Any) -> None:
    """Cache `obj` as `file` (.pkl) and its arrays beside it (.npy), atomically (the
    .pkl last: it is what makes the entry; a failure only costs the next load time),
    then delete all but the `CACHE_KEEP` most recently used entries of the folder."""
    buffers: list[pickle.PickleBuffer] = []
    skeleton = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    spans, size = [], 0
    views = [b.raw() for b in buffers]
    for v in views:
        size = -(-size // ALIGN) * ALIGN
        spans.append((size, v.nbytes))
        size += v.nbytes
    head = {"size": size, "spans": spans, "skeleton": skeleton}
    with contextlib.suppress(OSError):
        with atomic_write(arrays_file(file), "wb") as f:
            # a .npy header (numpy pads it to a multiple of 64 bytes), then the bytes
            np.lib.format.write_array_header_1_0(
                f, {"descr": "|u1", "fortran_order": False, "shape": (size,)}
            )
            pos = 0
            for (at, n), v in zip(spans, views, strict=True):
                f.write(b"\0" * (at - pos))
                f.write(v)
                pos = at + n
        with atomic_write(file, "wb") as f:
            pickle.dump(head, f, protocol=5)
    prune(file.parent)


def prune(folder: Path) -> None:
    """Delete all but the `CACHE_KEEP` most recently used entries (.pkl and .npy) of a
    cache folder, and .npy files left without their .pkl."""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("scorer-*.pkl"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in files[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
            arrays_file(old).unlink(missing_ok=True)
        kept = {f.stem for f in files[:CACHE_KEEP]}
        for npy in folder.glob("scorer-*.npy"):  # (not one that a writer is about to use)
            if npy.stem not in kept and time.time() - npy.stat().st_mtime > ORPHAN_AGE:
                npy.unlink(missing_ok=True)
