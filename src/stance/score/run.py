"""A scoring run: every input row once, in input order, into a file or a stream.

    stance score MODEL INPUT... [--out OUT]

Each chunk of rows (`stance.score.inputs`) is scored by a worker process (fork, the
model shared copy-on-write) and written as one part file beside the output
(`.OUT.parts/`); when all parts exist they are joined into OUT by an atomic rename. A
run that dies leaves its finished parts, and `resume=True` scores only the missing ones
(the same inputs, model and options, checked by a signature), so no row is lost or
doubled.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError
from stance.policy import ACTIONS, Policy
from stance.score.inputs import (
    Chunk,
    ScoreOptions,
    check_columns,
    clean_cell,
    expand_inputs,
    fail_on_bad_rows,
    has_surrogates,
    iter_chunks,
    resolve_options,
    row_errors,
)
from stance.score.scorer import Scorer
from stance.tables import join_parts, output_format, write_part

ON_ERROR = ("fail", "mark")
#: Exit code of `stance score` when it finished but marked rows it could not score.
EXIT_MARKED = 4


@dataclass
class ScoreResult:
    """What a run did (nothing is printed by the library)."""

    rows: int = 0
    marked: int = 0
    out: str | None = None
    warnings: list[str] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTIONS, 0))


@dataclass
class _Job:
    chunk: Chunk
    part: str | None  # part file to write, or None to return the frame
    fmt: str
    options: ScoreOptions


@dataclass
class _Done:
    index: int
    rows: int
    marked: int
    frame: pd.DataFrame | None
    actions: dict[str, int] = field(default_factory=dict)  # rows per action


@dataclass
class _Parts:
    """Where a run writes its parts: the folder and the output format."""

    folder: Path
    fmt: str


def action_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Rows per action of a scored frame (approve, review, reject first, then any other)."""
    counts = dict.fromkeys(ACTIONS, 0)
    if "action" in frame.columns:
        for a, n in frame["action"].value_counts().items():
            counts[str(a)] = counts.get(str(a), 0) + int(n)
    return counts


def score_files(
    scorer: Scorer,
    paths: Sequence[str],
    out: str | Path,
    options: ScoreOptions,
    *,
    resume: bool = False,
    stdin: Any = None,
    model_path: str = "",
    progress: Callable[[int], None] | None = None,
) -> ScoreResult:
    """Score every input row into `out` (format by extension), atomically, resumably."""
    out = Path(out)
    parts = _Parts(out.parent / f".{out.name}.parts", output_format(out))
    _check_on_error(options)
    if "-" in paths and resume:
        raise InputError("--resume cannot re-read stdin", fix="score a file instead of -")
    sig = _signature(
        model_path, [p for p in paths if p != "-"], options, scorer.policy, scorer.columns()
    )
    done = _open_parts(parts.folder, sig, resume, out)
    result = ScoreResult(out=str(out))
    _tally(result, _run(scorer, paths, options, parts, done, stdin, result.warnings, progress))
    columns_file = parts.folder / "columns.json"
    columns = json.loads(columns_file.read_text()) if columns_file.is_file() else []
    join_parts(_part_files(parts.folder), out, parts.fmt, columns)
    shutil.rmtree(parts.folder, ignore_errors=True)
    return result


def score_stream(
    scorer: Scorer,
    paths: Sequence[str],
    options: ScoreOptions,
    emit: Callable[[pd.DataFrame], Any],
    *,
    stdin: Any = None,
) -> ScoreResult:
    """Score every input row, handing each scored chunk to `emit` in input order (for
    stdout and terminal tables)."""
    result = ScoreResult()
    _tally(result, _run(scorer, paths, options, None, set(), stdin, result.warnings), emit)
    return result


def _tally(
    result: ScoreResult,
    done: Iterable[_Done],
    emit: Callable[[pd.DataFrame], Any] | None = None,
) -> None:
    for d in done:
        result.rows += d.rows
        result.marked += d.marked
        for a, n in d.actions.items():
            result.actions[a] = result.actions.get(a, 0) + n
        if emit is not None and d.frame is not None:
            emit(d.frame)


def _signature(
    model_path: str, paths: Sequence[str], options: ScoreOptions, policy: Policy, columns: list[str]
) -> str:
    """What a resumed run must share with the run it continues: the model, the input
    files (path, size, modification time), the options and the policy."""
    files = []
    for src in expand_inputs(paths):
        st = os.stat(src.path)
        files.append([src.path, st.st_size, st.st_mtime_ns])
    opts = {k: v for k, v in options.__dict__.items() if k not in ("jobs", "on_error")}
    blob = json.dumps(
        [str(model_path), files, opts, policy.to_toml(), columns], sort_keys=True, default=str
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _open_parts(folder: Path, sig: str, resume: bool, out: Path) -> set[int]:
    """Make the parts folder ready; return the chunks already done (`resume` of a run
    with the same signature), else start it empty."""
    sig_file = folder / "signature"
    done: set[int] = set()
    if resume and folder.is_dir() and sig_file.is_file():
        if sig_file.read_text().strip() != sig:
            raise InputError(
                "the unfinished run used other inputs, model or options",
                path=out,
                fix="rerun without --resume to start over",
            )
        done = {int(p.name.split(".")[0]) for p in _part_files(folder)}
    else:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    sig_file.write_text(sig + "\n")
    return done


def _part_files(folder: Path) -> list[Path]:
    """The finished part files (`000012.csv`...), in chunk order."""
    files = [p for p in folder.iterdir() if p.name.split(".")[0].isdigit()]
    return sorted(files, key=lambda p: int(p.name.split(".")[0]))


def _check_on_error(options: ScoreOptions) -> None:
    if options.on_error not in ON_ERROR:
        raise InputError(f"--on-error {options.on_error!r}", fix="use fail or mark")


# ---- the run: read, check, score (in worker processes when there are several chunks) ---


def _run(
    scorer: Scorer,
    paths: Sequence[str],
    options: ScoreOptions,
    parts: _Parts | None,
    done: set[int],
    stdin: Any,
    warnings: list[str] | None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[_Done]:
    """Read, validate and score chunks (in worker processes when there are several)."""
    _check_on_error(options)
    chunks = iter_chunks(paths, options, stdin=stdin, warnings=warnings)
    jobs = _jobs(scorer, chunks, options, parts, done, progress)
    first = list(itertools.islice(jobs, 2))
    n_workers = max(1, min(options.jobs, os.cpu_count() or 1))
    if len(first) < 2 or n_workers == 1:  # small inputs need no pool
        for job in itertools.chain(first, jobs):
            yield _finish(_score_job(job, scorer), progress)
        return
    yield from _pooled(scorer, itertools.chain(first, jobs), n_workers, progress)


def _jobs(
    scorer: Scorer,
    chunks: Iterable[Chunk],
    options: ScoreOptions,
    parts: _Parts | None,
    done: set[int],
    progress: Callable[[int], None] | None,
) -> Iterator[_Job]:
    """A job per chunk still to score, once its columns and (on_error "fail") its rows
    are checked: every chunk must come out with the first one's columns."""
    columns: list[str] | None = None
    for chunk in chunks:
        opts = resolve_options(options, chunk)
        check_columns(chunk, opts)
        if opts.on_error == "fail":
            fail_on_bad_rows(chunk, opts)
        renames = _renames(list(chunk.frame.columns), scorer)
        cols = [renames.get(c, c) for c in chunk.frame.columns] + scorer.columns()
        if opts.on_error == "mark":
            cols.append("error")
        if columns is None:
            columns = cols
            if parts is not None:
                (parts.folder / "columns.json").write_text(json.dumps(cols))
        elif cols != columns:
            raise InputError(
                f"columns differ from the first input's ({', '.join(cols)}"
                f" vs {', '.join(columns)})",
                path=chunk.source,
                fix="score inputs with different columns separately",
            )
        if chunk.index in done:
            if progress:
                progress(len(chunk.frame))
            continue
        if parts is None:
            yield _Job(chunk, None, "csv", opts)
        else:
            yield _Job(chunk, str(parts.folder / f"{chunk.index:06d}.{parts.fmt}"), parts.fmt, opts)


#: The scorer inside a pool's worker process, set by the pool's initializer from its
#: arguments. A forked worker inherits those (copy-on-write, not pickled): a model of
#: hundreds of MB reaches every worker for free, which an argument of each task would
#: not. Only `_pooled` sets it, and only in the workers.
_WORKER_SCORER: Scorer | None = None


def _adopt(scorer: Scorer) -> None:
    global _WORKER_SCORER
    _WORKER_SCORER = scorer


def _worker_job(job: _Job) -> _Done:
    assert _WORKER_SCORER is not None, "a pool worker without a scorer"
    return _score_job(job, _WORKER_SCORER)


def _pooled(
    scorer: Scorer,
    jobs: Iterator[_Job],
    n_workers: int,
    progress: Callable[[int], None] | None,
) -> Iterator[_Done]:
    # the compiled kernels load (about 0.4 s) once, here, and the workers inherit them
    scorer.score(["warm up"])
    gc.freeze()  # the children share the model's pages; keep the collector off them
    try:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(n_workers, initializer=_adopt, initargs=(scorer,)) as pool:
            pending: deque[Any] = deque()
            for job in jobs:
                pending.append(pool.apply_async(_worker_job, (job,)))
                # bounded, a few chunks in flight: enough that a worker never waits while
                # the next chunk is read
                while len(pending) > 2 * n_workers:
                    yield _finish(pending.popleft(), progress)
            while pending:
                yield _finish(pending.popleft(), progress)
    finally:
        gc.unfreeze()


def _finish(res: Any, progress: Callable[[int], None] | None) -> _Done:
    d = res if isinstance(res, _Done) else res.get()
    if progress:
        progress(d.rows)
    return d


# ---- one chunk ------------------------------------------------------------------------


def _score_job(job: _Job, scorer: Scorer) -> _Done:
    out = _prepare(job, scorer)
    marked = int((out["error"] != "").sum()) if "error" in out.columns else 0
    if job.part is None:
        return _Done(job.chunk.index, len(out), marked, out, action_counts(out))
    write_part(out, job.part, job.fmt, raw_cells=job.options.raw_cells)
    return _Done(job.chunk.index, len(out), marked, None, action_counts(out))


def _targets(frame: pd.DataFrame, opts: ScoreOptions) -> list[str | None]:
    """Each row's stance target: the option's, the target column's (blank: none)."""
    if opts.target is not None:
        return [opts.target] * len(frame)
    if opts.target_col is not None:
        return [
            t if isinstance(t, str) and t.strip() else None for t in frame[opts.target_col].tolist()
        ]
    return [None] * len(frame)


def _prepare(job: _Job, scorer: Scorer) -> pd.DataFrame:
    """The chunk's rows, its own columns first, then the scores (empty for bad rows)."""
    opts, frame = job.options, job.chunk.frame
    texts = frame[opts.text_col].tolist()
    # on_error "fail": the reading process checked every row before sending the chunk
    errors = [""] * len(texts) if opts.on_error == "fail" else row_errors(texts, opts.max_chars)
    ok = np.array([e == "" for e in errors], dtype=bool)
    targets = _targets(frame, opts)
    good = np.flatnonzero(ok)
    scored = scorer.score([texts[i] for i in good], [targets[i] for i in good])
    out = frame.rename(columns=_renames(list(frame.columns), scorer)).copy()
    for c in out.columns:
        if out[c].dtype == object and has_surrogates(out[c].tolist()):
            out[c] = [clean_cell(v) for v in out[c]]
    for c in scorer.columns():
        if "_p_" in c:
            col = np.full(len(frame), np.nan)
            col[good] = scored[c].to_numpy()
        else:
            col = np.full(len(frame), "", dtype=object)
            col[good] = scored[c].to_numpy(dtype=object)
        out[c] = col
    if opts.on_error == "mark":
        out.loc[~ok, "action"] = "review"
        out.loc[~ok, "reasons"] = "not scored: " + pd.Series(errors)[~ok]
        out["error"] = errors
    return out


def _renames(columns: list[str], scorer: Scorer) -> dict[str, str]:
    """Input columns named like a score column: kept as `input_<name>`."""
    taken = set(scorer.columns()) | {"error"}
    return {c: f"input_{c}" for c in columns if c in taken}
