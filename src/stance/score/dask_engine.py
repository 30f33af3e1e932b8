"""Scoring on a dask cluster: Parquet or CSV files in, a Parquet dataset folder out.

    stance score MODEL INPUT... --out OUT --engine dask [--scheduler ADDRESS] [--workers N]

The inputs are read as pieces (`stance.score.dask_inputs`): a file, or a run of at most
`--chunksize` of its rows (Parquet: whole row groups), one partition each, in input
order. Each partition is scored by a worker with the local engine's own per-chunk
function (`stance.score.run.score_chunk`: the same columns, values and `on_error`
handling) and written by that worker as one part of OUT (`part.000012.parquet`), so
every input row comes out once, in input order (file order, then row order). OUT is a
folder or a URL that fsspec writes (`s3://bucket/scored/`, with s3fs installed). The
model travels as a path, never pickled into the tasks: each worker process loads it
once (`load_scorer`, from the compiled-model cache when it can) and keeps it
(`_SCORERS`). Every worker must see the model at the same path as the client (a shared
file system), and the inputs and OUT at the same paths, or as URLs. An OUT named like a
table (`scored.parquet`, `scored.csv`) is one file instead, written by the client from
the computed result: for outputs that fit in its memory.

A folder OUT also holds the run's signature (`_stance_run.json`: the model, inputs,
pieces and options; Parquet readers skip files named `_*`). `resume=True` (`--resume`)
continues the run of that signature: its parts that were written whole are kept, the
others scored; a run started with it keeps its finished parts when it fails or is
interrupted (else OUT is removed).

dask is an optional extra (`pip install '.[dask]'`): it is imported inside the functions
that need it, never when `stance` or `stance.score` is imported.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError, StanceError
from stance.score.dask_inputs import (
    DASK_FORMATS,
    NO_DASK,
    Piece,
    import_dask,
    pieces_frame,
    plan_pieces,
)
from stance.score.dask_out import (
    PartNames,
    check_out,
    counted,
    open_out,
    out_fs,
    result_of,
    signature,
    write_one,
)
from stance.score.inputs import (
    Chunk,
    ScoreOptions,
    check_columns,
    fail_on_bad_rows,
    resolve_options,
)
from stance.score.run import ON_ERROR, ScoreResult, score_chunk
from stance.score.scorer import Scorer, load_scorer
from stance.score.words import SPAN_THRESHOLD
from stance.tables import arrow_table, table_format

#: The scorers this process has loaded, by model path and scoring settings: a worker
#: loads and compiles a model once and keeps it for every partition it scores.
_SCORERS: dict[ModelRef, Scorer] = {}


@dataclass(frozen=True)
class ModelRef:
    """A model as the tasks carry it: its path and the scoring settings, not the model."""

    path: str
    policy: str | None = None
    spans: bool = False
    span_threshold: float = SPAN_THRESHOLD
    allow_version_mismatch: bool = False

    def scorer(self) -> Scorer:
        """This process's scorer for the model (loaded on first use, then kept)."""
        scorer = _SCORERS.get(self)
        if scorer is None:
            scorer = _SCORERS[self] = load_scorer(
                self.path,
                self.policy,
                spans=self.spans,
                span_threshold=self.span_threshold,
                allow_version_mismatch=self.allow_version_mismatch,
            )
        return scorer


def _as_read(frame: pd.DataFrame) -> pd.DataFrame:
    """A partition's text columns as the local engine reads them: Python strings in
    object columns, missing cells None (dask may hand them over as Arrow strings)."""
    text = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
    text += [
        c
        for c in frame.columns
        if isinstance(frame[c].dtype, pd.ArrowDtype) and frame[c].dtype.kind in "OSU"
    ]
    if not text:
        return frame
    frame = frame.copy()
    for c in text:
        col = frame[c].astype(object)
        frame[c] = col.where(col.notna(), None)
    return frame


def score_partition(
    frame: pd.DataFrame,
    model: ModelRef,
    options: ScoreOptions,
    columns: list[str],
    sources: Sequence[str] = (),
    first_rows: Sequence[int] = (),
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """One partition scored as the local engine scores a chunk (runs on a worker);
    `sources` and `first_rows`: each partition's file and the number of its first row
    in it, for error messages."""
    number = partition_info["number"] if partition_info else 0
    source = sources[number] if number < len(sources) else f"partition {number}"
    first = first_rows[number] if number < len(first_rows) else 1
    chunk = Chunk(number, source, first, _as_read(frame).reset_index(drop=True))
    if options.on_error == "fail":
        fail_on_bad_rows(chunk, options)
    out = _as_written(score_chunk(chunk.frame, options, model.scorer()))
    out.index = frame.index
    return out[columns]


#: The dtype of every text column of a scored frame (Arrow strings, as Parquet holds them).
TEXT = pd.StringDtype("pyarrow")


def _as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the local engine writes Parquet parts (`stance.tables.arrow_table`,
    what `write_part` writes): numbers as they are, every other column strings, a
    missing cell ""."""
    table = arrow_table(frame)
    out = {
        c: frame[c]
        if frame[c].dtype.kind in "fiub"
        else pd.Series(pd.arrays.ArrowStringArray(table[str(c)]), index=frame.index)
        for c in frame.columns
    }
    return pd.DataFrame(out, index=frame.index)


def _meta(meta: pd.DataFrame, scorer: Scorer, options: ScoreOptions) -> pd.DataFrame:
    """The scored frame's columns and dtypes, stated (no inference): the input's
    columns, then the scores; numbers as they are, the rest Arrow strings."""
    frame = _as_read(meta)
    taken = set(scorer.columns()) | {"error"}
    frame = frame.rename(columns={c: f"input_{c}" for c in frame.columns if c in taken})
    cols = scorer.columns() + (["error"] if options.on_error == "mark" else [])
    out = {c: frame[c] if frame[c].dtype.kind in "fiub" else frame[c].astype(TEXT) for c in frame}
    for c in cols:
        out[c] = pd.Series(dtype=np.float64 if "_p_" in c else TEXT)
    return pd.DataFrame(out, index=meta.index[:0])


def _model_ref(
    model: str | Path,
    policy: str | Path | None,
    spans: bool,
    span_threshold: float,
    allow_version_mismatch: bool,
) -> ModelRef:
    """The model as tasks carry it: absolute paths (a worker's folder may differ)."""
    return ModelRef(
        str(Path(model).resolve()),
        None if policy is None else str(Path(policy).resolve()),
        spans,
        span_threshold,
        allow_version_mismatch,
    )


def score_dataframe(
    ddf: Any,
    model: str | Path,
    text_col: str = "text",
    *,
    policy: str | Path | None = None,
    id_col: str | None = None,
    target: str | None = None,
    target_col: str | None = None,
    on_error: str = "fail",
    max_chars: int = 100_000,
    spans: bool = False,
    span_threshold: float = SPAN_THRESHOLD,
    allow_version_mismatch: bool = False,
    sources: Sequence[str] = (),
    first_rows: Sequence[int] = (),
) -> Any:
    """A dask DataFrame of comments scored with the model directory `model`, lazily:
    its own columns, then the local engine's score columns, row for row.

        ddf = dd.read_parquet("comments/")
        scored = stance.score_dataframe(ddf, "models/news")
        scored.to_parquet("scored/")

    The model is loaded here (for its columns and checks) and once in each worker
    process, from its path. `sources` and `first_rows`: each partition's name and the
    number of its first row, for error messages (default: `partition N`, row 1).
    """
    import_dask()
    if on_error not in ON_ERROR:
        raise InputError(f"--on-error {on_error!r}", fix="use fail or mark")
    ref = _model_ref(model, policy, spans, span_threshold, allow_version_mismatch)
    scorer = ref.scorer()
    opts = ScoreOptions(
        text_col=text_col,
        id_col=id_col,
        target=target,
        target_col=target_col,
        on_error=on_error,
        max_chars=max_chars,
    )
    empty = ddf._meta
    head = Chunk(0, sources[0] if sources else "the data frame", 1, empty)
    opts = resolve_options(opts, head)
    check_columns(head, opts)
    meta = _meta(empty, scorer, opts)
    return ddf.map_partitions(
        score_partition,
        ref,
        opts,
        list(meta.columns),
        list(sources),
        list(first_rows),
        meta=meta,
        align_dataframes=False,
    )


def score_with_dask(
    model: str | Path,
    paths: Sequence[str],
    out: str | Path,
    options: ScoreOptions,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    policy: str | Path | None = None,
    spans: bool = False,
    span_threshold: float = SPAN_THRESHOLD,
    allow_version_mismatch: bool = False,
    resume: bool = False,
) -> ScoreResult:
    """Score every input row into the Parquet dataset folder `out` (a path or a URL) on
    the dask cluster at `scheduler`, else on a local cluster of `workers` processes
    (default: one per core); each worker writes the parts it scores, a part per piece of
    at most `options.chunksize` rows. An `out` with a table suffix (`scored.parquet`,
    `scored.csv`) is one file, written here from the computed rows. `resume`: keep the
    finished parts of an earlier run of the same command that stopped."""
    if "-" in paths:
        raise InputError("--engine dask cannot read stdin", fix="score files instead of -")
    out = str(out)
    fs, root = out_fs(out)
    check_out(out, fs, root)
    if resume and table_format(out) is not None:
        raise InputError(
            "--engine dask resumes into a Parquet dataset folder only",
            path=out,
            fix="give a folder --out, such as scored/, or leave out --resume",
        )
    pieces = plan_pieces(paths, options.chunksize)
    ref = _model_ref(model, policy, spans, span_threshold, allow_version_mismatch)
    scored = _scored(pieces, ref, options)  # the model and columns checked here
    if table_format(out) is not None:
        with _client(scheduler, workers):
            frame = scored(range(len(pieces))).compute().reset_index(drop=True)
        write_one(frame, out, fs, root, options.raw_cells)
        result = counted(ScoreResult(out=out), frame)
    else:
        sig = signature(asdict(ref), ref.scorer().policy.to_toml(), pieces, options)
        done = open_out(fs, root, out, sig, [p.rows for p in pieces] if resume else None)
        todo = [i for i in range(len(pieces)) if i not in done]
        if todo:
            _write_parts(scored(todo), out, fs, root, todo, scheduler, workers, resume)
        result = result_of(fs, root, out)
        result.resumed = sum(done.values())
    result.warnings.extend(ref.scorer().warnings)  # loaded already: the client's copy
    result.warnings.extend(ref.scorer().target_warnings([options.target]))
    return result


def _scored(pieces: Sequence[Piece], ref: ModelRef, options: ScoreOptions) -> Any:
    """A function of piece numbers to the lazy dask DataFrame that scores those pieces,
    a partition each, in that order; the model is loaded and the columns are checked
    before it is returned."""
    kwargs = {
        "policy": ref.policy,
        "id_col": options.id_col,
        "target": options.target,
        "target_col": options.target_col,
        "on_error": options.on_error,
        "max_chars": options.max_chars,
        "spans": ref.spans,
        "span_threshold": ref.span_threshold,
        "allow_version_mismatch": ref.allow_version_mismatch,
    }

    def scored(numbers: Sequence[int]) -> Any:
        some = [pieces[i] for i in numbers]
        return score_dataframe(
            pieces_frame(some),
            ref.path,
            options.text_col,
            sources=[p.path for p in some],
            first_rows=[p.first_row for p in some],
            **kwargs,
        )

    scored([0])  # the checks, on the first file's columns (every file has the same)
    return scored


def _write_parts(
    scored: Any,
    out: str,
    fs: Any,
    root: str,
    numbers: Sequence[int],
    scheduler: str | None,
    workers: int | None,
    resume: bool,
) -> None:
    """The scored rows as parts of the Parquet dataset folder `out`, a part per piece,
    written by the workers; a failed run leaves no partial output behind, unless it
    was started with `resume` (its finished parts are kept, for the same command)."""
    try:
        with _client(scheduler, workers):
            scored.to_parquet(
                out if "://" in out else root,
                write_index=False,
                overwrite=False,
                name_function=PartNames(numbers),
                write_metadata_file=False,
            )
    except BaseException:
        if not resume:
            fs.rm(root, recursive=True)
        raise


class _client:
    """A dask client of the scheduler at `address`, else of a local cluster of worker
    processes (not threads: tokenising holds the GIL), one thread each."""

    def __init__(self, address: str | None, workers: int | None) -> None:
        self.address, self.workers = address, workers
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        import_dask()
        from distributed import Client, LocalCluster  # lazily: the optional extra

        if self.address is None:
            n = self.workers or os.cpu_count() or 1
            self.cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,  # not the workers' start and stop chatter
            )
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.address, timeout="20s")
            except OSError as exc:
                raise StanceError(
                    f"cannot reach the dask scheduler at {self.address}: {exc} (start one "
                    "with `dask scheduler`, or leave out --scheduler for a local cluster)"
                ) from None
        return self.client

    def __exit__(self, *exc: Any) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


__all__ = [
    "DASK_FORMATS",
    "NO_DASK",
    "ModelRef",
    "score_dataframe",
    "score_partition",
    "score_with_dask",
]
