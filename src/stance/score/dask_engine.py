"""Scoring on a dask cluster: Parquet or CSV files in, a Parquet dataset folder out.

    stance score MODEL INPUT... --out OUT --engine dask [--scheduler ADDRESS] [--workers N]

Each input file is one partition; each partition is scored by a worker with the local
engine's own per-chunk function (`stance.score.run.score_chunk`: the same columns, values
and `on_error` handling) and written by that worker as one part of OUT
(`part.000012.parquet`), so every input row comes out once, in input order (file order,
then row order). The model travels as a path, never pickled into the tasks: each worker
process loads it once (`load_scorer`, from the compiled-model cache when it can) and
keeps it (`_SCORERS`). Every worker must see the model and the inputs at the same
paths as the client (a shared file system), or read the inputs from URLs fsspec
reads (`s3://bucket/comments/`, with s3fs installed). An OUT named like a table
(`scored.parquet`, `scored.csv`) is one file instead, written by the client from the
computed result: for outputs that fit in its memory.

dask is an optional extra (`pip install '.[dask]'`): it is imported inside the functions
that need it, never when `stance` or `stance.score` is imported.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import InputError, StanceError
from stance.io import PAGE_SUFFIXES
from stance.policy import ACTIONS
from stance.score.inputs import (
    Chunk,
    ScoreOptions,
    Source,
    check_columns,
    expand_inputs,
    fail_on_bad_rows,
    resolve_options,
)
from stance.score.run import ON_ERROR, ScoreResult, score_chunk
from stance.score.scorer import Scorer, load_scorer
from stance.score.words import SPAN_THRESHOLD
from stance.tables import TABLE_SUFFIXES, arrow_table, table_format, write_table

#: What `--engine dask` reads: one partition per file.
DASK_FORMATS = ("parquet", "csv")
#: The one-line error when dask is not installed.
NO_DASK = "--engine dask needs dask and distributed: pip install '.[dask]'"

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


def _import_dask() -> Any:
    try:
        import dask.dataframe as dd  # lazily: an optional extra (`pip install '.[dask]'`)
    except ImportError:
        raise StanceError(NO_DASK) from None
    return dd


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
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """One partition scored as the local engine scores a chunk (runs on a worker)."""
    number = partition_info["number"] if partition_info else 0
    source = sources[number] if number < len(sources) else f"partition {number}"
    chunk = Chunk(number, source, 1, _as_read(frame).reset_index(drop=True))
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
) -> Any:
    """A dask DataFrame of comments scored with the model directory `model`, lazily:
    its own columns, then the local engine's score columns, row for row.

        ddf = dd.read_parquet("comments/")
        scored = stance.score_dataframe(ddf, "models/news")
        scored.to_parquet("scored/")

    The model is loaded here (for its columns and checks) and once in each worker
    process, from its path. `sources`: a name per partition for error messages.
    """
    _import_dask()
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
        meta=meta,
        align_dataframes=False,
    )


def read_inputs(paths: Sequence[str]) -> tuple[Any, list[str]]:
    """The inputs (files, folders, globs) as a dask DataFrame of one partition per
    file, in the local engine's order, and the files."""
    dd = _import_dask()
    sources = [s for p in paths for s in _sources(p)]
    fmts = {s.fmt for s in sources}
    bad = [s.path for s in sources if s.kind != "table" or s.fmt not in DASK_FORMATS]
    if bad:
        raise InputError(
            "--engine dask reads Parquet or CSV files only",
            path=bad[0],
            fix="convert it, or score it with the local engine",
        )
    if len(fmts) > 1:
        raise InputError(
            "--engine dask reads inputs of one format at a time (Parquet and CSV given)",
            fix="score them separately",
        )
    files = [s.path for s in sources]
    if fmts == {"parquet"}:
        ddf = dd.read_parquet(files, split_row_groups=False, index=False)
    else:  # every cell a string, as the local engine reads CSV
        ddf = dd.read_csv(files, blocksize=None, dtype=object, keep_default_na=False)
    return ddf, files


def _sources(path: str) -> list[Source]:
    """The files of one input: a local path (`expand_inputs`), or a URL's files."""
    if "://" not in path:
        return expand_inputs(_globbed([path]))
    return [Source("table" if table_format(u) else "file", u, table_format(u)) for u in _urls(path)]


def _url_fs(url: str) -> tuple[Any, str]:
    """The fsspec file system of a URL and the path on it; InputError when no
    installed package reads the URL's protocol."""
    _import_dask()
    import fsspec  # comes with dask

    proto = url.split("://", 1)[0].split("::")[-1]
    if proto not in fsspec.available_protocols():
        raise InputError(
            f"no file system reads {proto}:// URLs",
            path=url,
            fix="give a local path, or a URL of a protocol fsspec knows (s3:// with s3fs)",
        )
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:
        pkg = getattr(exc.__cause__, "name", None) or str(exc)
        raise InputError(
            f"reading {proto}:// URLs needs {pkg}", path=url, fix=f"pip install {pkg}"
        ) from None


def _urls(url: str) -> list[str]:
    """The files a URL names, as URLs: a file, a folder's tables and pages (walked, as
    a local folder is) or a glob's matches, sorted."""
    fs, path = _url_fs(url)
    try:
        if glob.has_magic(path) and not fs.exists(path):
            found = sorted(fs.glob(path))
            if not found:
                raise InputError("no file matches", path=url, fix="check the pattern")
        elif fs.isdir(path):
            found = sorted(f for f in fs.find(path) if _wanted(f))
            if not found:
                raise InputError("folder has no tables or pages", path=url, fix=_EMPTY_FIX)
        elif fs.isfile(path):
            found = [path]
        else:
            raise InputError("no such file or folder", path=url, fix="check the URL")
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=url, fix="check the URL") from None
    return [fs.unstrip_protocol(f) for f in found]


_EMPTY_FIX = "add .csv/.tsv/.jsonl/.parquet or .txt/.html files"


def _wanted(path: str) -> bool:
    """A folder's file that local inputs read too: a table or page name, not hidden."""
    name = path.rsplit("/", 1)[-1]
    suffixes = tuple(s.lower() for s in (*TABLE_SUFFIXES, *PAGE_SUFFIXES))
    return not name.startswith(".") and name.lower().removesuffix(".gz").endswith(suffixes)


def _globbed(paths: Sequence[str]) -> list[str]:
    """The paths with each glob (`comments/*.parquet`) replaced by its files, sorted."""
    out = []
    for p in paths:
        if glob.has_magic(p) and not Path(p).exists():
            found = sorted(glob.glob(p))
            if not found:
                raise InputError("no file matches", path=p, fix="check the pattern")
            out.extend(found)
        else:
            out.append(p)
    return out


def _check_out(out: Path) -> None:
    """OUT is a table file name (not a folder), a new folder, or a folder that holds
    only the parts of an earlier run."""
    if out.suffix.lower() == ".gz":
        raise InputError(
            "--engine dask writes a Parquet dataset folder or one uncompressed table",
            path=out,
            fix="give a folder name, such as scored/, or a file name, such as scored.parquet",
        )
    if table_format(out) is not None:
        if out.is_dir():
            raise InputError("is a folder", path=out, fix="remove it or give another --out")
        return
    if out.is_file() or (
        out.is_dir()
        and any(not (p.name.startswith("part.") and p.suffix == ".parquet") for p in out.iterdir())
    ):
        raise InputError(
            "already exists and is not the output of a dask run",
            path=out,
            fix="remove it or give another --out",
        )


def _part_name(i: int) -> str:
    return f"part.{i:06d}.parquet"


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
) -> ScoreResult:
    """Score every input row into the Parquet dataset folder `out` on the dask cluster
    at `scheduler`, else on a local cluster of `workers` processes (default: one per
    core); each worker writes the parts it scores. An `out` with a table suffix
    (`scored.parquet`, `scored.csv`) is one file, written here from the computed rows."""
    if "-" in paths:
        raise InputError("--engine dask cannot read stdin", fix="score files instead of -")
    out = Path(out)
    _check_out(out)
    ddf, files = read_inputs(paths)
    scored = score_dataframe(
        ddf,
        model,
        options.text_col,
        policy=policy,
        id_col=options.id_col,
        target=options.target,
        target_col=options.target_col,
        on_error=options.on_error,
        max_chars=options.max_chars,
        spans=spans,
        span_threshold=span_threshold,
        allow_version_mismatch=allow_version_mismatch,
        sources=files,
    )
    if table_format(out) is not None:
        with _client(scheduler, workers):
            frame = scored.compute().reset_index(drop=True)
        write_table(frame, out, raw_cells=options.raw_cells)  # atomically
        result = _counted(ScoreResult(out=str(out)), frame)
    else:
        _write_parts(scored, out, scheduler, workers)
        result = _result(out)
    ref = _model_ref(model, policy, spans, span_threshold, allow_version_mismatch)
    result.warnings.extend(ref.scorer().warnings)  # loaded already: the client's copy
    return result


def _write_parts(scored: Any, out: Path, scheduler: str | None, workers: int | None) -> None:
    """The scored rows as the Parquet dataset folder `out`, a part per partition,
    written by the workers; a failed run leaves no partial output behind."""
    existed = out.is_dir()
    try:
        with _client(scheduler, workers):
            scored.to_parquet(
                str(out), write_index=False, overwrite=existed, name_function=_part_name
            )
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise


class _client:
    """A dask client of the scheduler at `address`, else of a local cluster of worker
    processes (not threads: tokenising holds the GIL), one thread each."""

    def __init__(self, address: str | None, workers: int | None) -> None:
        self.address, self.workers = address, workers
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        _import_dask()
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


def _result(out: Path) -> ScoreResult:
    """The rows, actions and marked rows of a finished output folder."""
    import pyarrow.parquet as pq  # lazily: only Parquet output needs it

    result = ScoreResult(out=str(out))
    for part in sorted(out.glob("part.*.parquet")):
        names = pq.read_schema(part).names
        table = pq.read_table(part, columns=[c for c in ("action", "error") if c in names])
        _counted(result, table.to_pandas())
    return result


def _counted(result: ScoreResult, frame: pd.DataFrame) -> ScoreResult:
    """`result` with the rows, actions and marked rows of `frame` added."""
    result.rows += len(frame)
    if "action" in frame.columns:
        for a, n in frame["action"].value_counts().items():
            result.actions[str(a)] = result.actions.get(str(a), 0) + int(n)
    if "error" in frame.columns:
        result.marked += int((frame["error"] != "").sum())
    for a in ACTIONS:
        result.actions.setdefault(a, 0)
    return result


__all__ = ["ModelRef", "read_inputs", "score_dataframe", "score_partition", "score_with_dask"]
