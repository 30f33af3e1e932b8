"""A scoring run: every input row once, in input order, into a file or a stream.

    stance score MODEL INPUT... [--out OUT]

Each chunk of rows (`stance.score.inputs`) is scored by a worker process (fork, the
model shared copy-on-write) and written as one part file beside the output
(`.OUT.parts/000012.csv`, then its counts `000012.done`); when all parts exist they
are joined into OUT by an atomic rename. `resume=True` scores only the parts missing
(the same inputs, model and options, checked by a signature), so no row is lost or
doubled. The parts of a run that fails or is interrupted (Ctrl-C: `ScoreInterrupted`,
the workers ignore it) are kept only when it was started with `resume=True`.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import json
import multiprocessing
import multiprocessing.connection as mp_connection
import os
import shutil
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError, StanceError
from stance.fast.vectorizer import compiled_kernels
from stance.io import atomic_write
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
    no_rows_warnings,
    resolve_options,
    row_errors,
    row_targets,
)
from stance.score.scorer import Scorer
from stance.tables import join_parts, output_format, write_part

ON_ERROR = ("fail", "mark")
#: Exit code of `stance score` when it finished but marked rows it could not score.
EXIT_MARKED = 4


@dataclass
class ScoreResult:
    """What a run did (nothing is printed by the library)."""

    rows: int = 0  # every row of the output, resumed ones too
    marked: int = 0
    resumed: int = 0  # rows of parts that an earlier run had finished
    out: str | None = None
    warnings: list[str] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTIONS, 0))
    # stance targets the model knows nothing of, in the order first met
    unknown_targets: list[str] = field(default_factory=list)


class ScoreInterrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C after `rows` rows were finished; `kept`: their parts are
    kept for a rerun with `resume=True` (else removed)."""

    def __init__(self, rows: int, kept: bool) -> None:
        super().__init__(rows, kept)
        self.rows, self.kept = rows, kept


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
    unknown_targets: list[str] = field(default_factory=list)  # see Scorer.unknown_targets


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
    done = _open_parts(parts, sig, resume, out)
    result = ScoreResult(out=str(out))
    _tally(result, done.values())
    result.resumed = result.rows
    empty: list[tuple[str, str]] = []
    try:
        run = _run(
            scorer, paths, options, parts, set(done), stdin, result.warnings, progress, empty
        )
        with contextlib.closing(run):  # the pool ends here, whatever happens
            _tally(result, run)
        result.warnings.extend(no_rows_warnings(result.rows, empty))
        result.warnings.extend(scorer.target_warnings(result.unknown_targets))
        columns_file = parts.folder / "columns.json"
        columns = json.loads(columns_file.read_text()) if columns_file.is_file() else []
        join_parts(_part_files(parts), out, parts.fmt, columns)
    except KeyboardInterrupt:
        rows = sum(d.rows for d in _finished(parts).values())
        if not resume:
            shutil.rmtree(parts.folder, ignore_errors=True)
        raise ScoreInterrupted(rows, kept=resume) from None
    except BaseException:
        if not resume:
            shutil.rmtree(parts.folder, ignore_errors=True)
        raise
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
    empty: list[tuple[str, str]] = []
    try:
        run = _run(scorer, paths, options, None, set(), stdin, result.warnings, None, empty)
        with contextlib.closing(run):
            _tally(result, run, emit)
    except KeyboardInterrupt:
        raise ScoreInterrupted(result.rows, kept=False) from None
    result.warnings.extend(no_rows_warnings(result.rows, empty))
    result.warnings.extend(scorer.target_warnings(result.unknown_targets))
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
        result.unknown_targets += [t for t in d.unknown_targets if t not in result.unknown_targets]
        if emit is not None and d.frame is not None and len(d.frame):
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


def _open_parts(parts: _Parts, sig: str, resume: bool, out: Path) -> dict[int, _Done]:
    """Make the parts folder ready; return the chunks already done (`resume` of a run
    with the same signature), else start it empty."""
    folder = parts.folder
    sig_file = folder / "signature"
    done: dict[int, _Done] = {}
    if resume and folder.is_dir() and sig_file.is_file():
        if sig_file.read_text().strip() != sig:
            raise InputError(
                "the unfinished run used other inputs, model or options",
                path=out,
                fix="rerun without --resume to start over",
            )
        done = _finished(parts)
    else:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    sig_file.write_text(sig + "\n")
    return done


def _part_files(parts: _Parts) -> list[Path]:
    """The part files (`000012.csv`...), in chunk order."""
    files = [p for p in parts.folder.iterdir() if p.stem.isdigit() and p.suffix == f".{parts.fmt}"]
    return sorted(files, key=lambda p: int(p.stem))


def _finished(parts: _Parts) -> dict[int, _Done]:
    """The finished chunks: a part file and its counts (`000012.done`, written after it;
    a part without them is scored again)."""
    done = {}
    for p in _part_files(parts):
        counts = p.with_suffix(".done")
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            c = json.loads(counts.read_text())
            done[int(p.stem)] = _Done(
                int(p.stem), c["rows"], c["marked"], None, c["actions"], c.get("unknown", [])
            )
    return done


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
    empty: list[tuple[str, str]] | None = None,
) -> Iterator[_Done]:
    """Read, validate and score chunks (in worker processes when there are several)."""
    _check_on_error(options)
    chunks = iter_chunks(paths, options, stdin=stdin, warnings=warnings, empty=empty)
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
        if not len(chunk.frame):  # an input without rows adds no row and no columns
            continue
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


def _serve(conn: Connection, scorer: Scorer) -> None:
    """A worker process (forked: the scorer is inherited copy-on-write, not pickled):
    score the jobs the parent sends, one at a time, until None."""
    # Ctrl-C reaches the whole process group: the parent handles it and ends the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    with contextlib.suppress(EOFError):  # EOF: the parent is gone
        while (job := conn.recv()) is not None:
            try:
                reply: tuple[bool, Any] = (True, _score_job(job, scorer))
            except Exception as exc:  # raised again in the parent
                reply = (False, exc)
            try:
                conn.send(reply)
            except Exception:  # an exception that does not pickle
                conn.send((False, RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))


class _Workers:
    """Forked worker processes, each sent one job at a time over its own pipe. No
    threads: a `multiprocessing.Pool` can hang in `terminate()` when its task thread is
    halfway through sending a chunk to workers that Ctrl-C has ended."""

    def __init__(self) -> None:
        self.procs: dict[Connection, Any] = {}
        self.idle: list[Connection] = []
        self.busy: dict[Connection, int] = {}  # the job each busy worker scores

    def start(self, scorer: Scorer, n: int) -> None:
        ctx = multiprocessing.get_context("fork")
        for _ in range(n):
            here, there = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(there, scorer), daemon=True)
            proc.start()
            there.close()
            self.procs[here] = proc
            self.idle.append(here)

    def send(self, seq: int, job: _Job) -> None:
        conn = self.idle.pop()
        conn.send(job)
        self.busy[conn] = seq

    def receive(self) -> Iterator[tuple[int, _Done]]:
        """The jobs finished, once at least one is."""
        for conn in mp_connection.wait(list(self.busy)):
            seq = self.busy.pop(conn)
            try:
                ok, value = conn.recv()
            except EOFError:
                proc = self.procs[conn]
                proc.join()
                raise StanceError(
                    f"a scoring worker process died (exit code {proc.exitcode}); rerun "
                    "with --resume, with fewer --jobs or a smaller --chunksize if it ran "
                    "out of memory"
                ) from None
            if not ok:
                raise value
            self.idle.append(conn)
            yield seq, value

    def close(self, kill: bool) -> None:
        """End the workers: at once (`kill`), else once they finish their job."""
        for conn, proc in self.procs.items():
            if kill:
                proc.terminate()
            else:
                with contextlib.suppress(OSError):
                    conn.send(None)
            conn.close()
        for proc in self.procs.values():
            proc.join()


def _pooled(
    scorer: Scorer,
    jobs: Iterator[_Job],
    n_workers: int,
    progress: Callable[[int], None] | None,
) -> Iterator[_Done]:
    # the compiled kernels load (about 0.4 s) once, here, and the workers inherit them
    compiled_kernels()
    scorer.score(["warm up"])
    gc.freeze()  # the children share the model's pages; keep the collector off them
    workers = _Workers()
    # SIGINT blocked while the workers fork (they ignore it from then on), then delivered
    # to the parent, which ends them
    unblocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        workers.start(scorer, n_workers)
        # Ctrl-C reaches the parent even when it was started with SIGINT blocked (a mask
        # inherited from the process that launched it); the mask is restored at the end
        signal.pthread_sigmask(signal.SIG_SETMASK, unblocked - {signal.SIGINT})
        yield from _in_order(workers, jobs, n_workers, progress)
    except BaseException:  # Ctrl-C, an error, or the generator closed early
        workers.close(kill=True)
        raise
    else:
        workers.close(kill=False)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
        gc.unfreeze()


def _in_order(
    workers: _Workers,
    jobs: Iterator[_Job],
    n_workers: int,
    progress: Callable[[int], None] | None,
) -> Iterator[_Done]:
    """The jobs' results in job order. The next job is read while the workers score, so
    that none waits for it; at most 2 x workers + 1 jobs are scored ahead of the one
    the output waits for."""
    ready: dict[int, _Done] = {}
    sent = done = 0
    job = next(jobs, None)
    while job is not None or workers.busy:
        while job is not None and workers.idle and sent - done <= 2 * n_workers:
            workers.send(sent, job)
            sent += 1
            job = next(jobs, None)
        if workers.busy:
            ready.update(workers.receive())
        while done in ready:
            yield _finish(ready.pop(done), progress)
            done += 1


def _finish(d: _Done, progress: Callable[[int], None] | None) -> _Done:
    if progress:
        progress(d.rows)
    return d


# ---- one chunk ------------------------------------------------------------------------


def _score_job(job: _Job, scorer: Scorer) -> _Done:
    out = score_chunk(job.chunk.frame, job.options, scorer)
    marked = int((out["error"] != "").sum()) if "error" in out.columns else 0
    unknown = scorer.unknown_targets(row_targets(job.chunk.frame, job.options))
    done = _Done(job.chunk.index, len(out), marked, out, action_counts(out), unknown)
    if job.part is not None:
        write_part(out, job.part, job.fmt, raw_cells=job.options.raw_cells)
        with atomic_write(Path(job.part).with_suffix(".done")) as f:  # the part is finished
            counts = {"rows": done.rows, "marked": done.marked, "actions": done.actions}
            json.dump({**counts, "unknown": unknown}, f)
        done.frame = None
    return done


def score_chunk(frame: pd.DataFrame, opts: ScoreOptions, scorer: Scorer) -> pd.DataFrame:
    """A chunk's rows, its own columns first, then the scores (empty for bad rows): what
    every engine writes (the local workers here, `dask_engine` on a cluster)."""
    texts = frame[opts.text_col].tolist()
    # on_error "fail": the reading process checked every row before sending the chunk
    errors = [""] * len(texts) if opts.on_error == "fail" else row_errors(texts, opts.max_chars)
    ok = np.array([e == "" for e in errors], dtype=bool)
    targets = row_targets(frame, opts)
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
