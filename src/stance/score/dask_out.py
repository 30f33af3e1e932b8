"""Where `--engine dask` writes: OUT, a Parquet dataset folder of parts (a local path or
a URL that fsspec writes) or one table file, and the run's signature for `--resume`.

A folder OUT holds `part.000012.parquet` (a part per piece, in piece order) and the
run's signature, `_stance_run.json` (the model, the input files, their pieces and the
options; Parquet readers skip files named `_*`). A resumed run keeps the parts of the
run of its own signature that were written whole (their Parquet footer read, their
rows the piece's) and scores the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import InputError
from stance.policy import ACTIONS
from stance.score.dask_inputs import Piece, url_fs
from stance.score.inputs import ScoreOptions
from stance.score.run import ScoreResult
from stance.tables import table_format, write_table

#: A folder OUT's run signature (hidden from Parquet readers by its leading underscore)
SIGNATURE = "_stance_run.json"


def part_name(i: int) -> str:
    return f"part.{i:06d}.parquet"


class PartNames:
    """The part file names of the partitions scored, by their piece numbers."""

    def __init__(self, numbers: Sequence[int]) -> None:
        self.numbers = list(numbers)

    def __call__(self, i: int) -> str:
        return part_name(self.numbers[i])


def out_fs(out: str) -> tuple[Any, str]:
    """OUT's fsspec file system and its path on it (a local path or a URL)."""
    if "://" in out:
        return url_fs(out)
    from fsspec.implementations.local import LocalFileSystem  # comes with dask

    return LocalFileSystem(), str(Path(out).absolute())


def check_out(out: str, fs: Any, path: str) -> None:
    """OUT is a table file name (not a folder), a new folder, or a folder that holds
    only the parts of an earlier run."""
    if out.lower().endswith(".gz"):
        raise InputError(
            "--engine dask writes a Parquet dataset folder or one uncompressed table",
            path=out,
            fix="give a folder name, such as scored/, or a file name, such as scored.parquet",
        )
    if table_format(out) is not None:
        if fs.isdir(path):
            raise InputError("is a folder", path=out, fix="remove it or give another --out")
        return
    if fs.isfile(path) or (fs.isdir(path) and any(not _ours(f) for f in fs.ls(path, detail=False))):
        raise InputError(
            "already exists and is not the output of a dask run",
            path=out,
            fix="remove it or give another --out",
        )


def _ours(path: str) -> bool:
    """A file a dask run writes into OUT: a part or the run's signature."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name == SIGNATURE or (name.startswith("part.") and name.endswith(".parquet"))


def write_one(frame: pd.DataFrame, out: str, fs: Any, path: str, raw_cells: bool) -> None:
    """The scored rows as one table file, atomically (a URL: written here, then put)."""
    if "://" not in out:
        write_table(frame, Path(path), raw_cells=raw_cells)
        return
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / Path(path).name
        write_table(frame, local, raw_cells=raw_cells)
        fs.put_file(str(local), path)


def signature(
    model: dict[str, Any], policy: str, pieces: Sequence[Piece], options: ScoreOptions
) -> str:
    """What a resumed run must share with the run it continues: the model (its path and
    scoring settings), the input files (path, size, modification time) and their
    pieces, the options, the policy (as TOML)."""
    files = {}
    for p in pieces:
        if p.path not in files:
            info = url_fs(p.path)[0].info(p.path) if "://" in p.path else os.stat(p.path)
            files[p.path] = (
                [info.get(k) for k in ("size", "mtime", "LastModified", "ETag")]
                if isinstance(info, dict)
                else [info.st_size, info.st_mtime_ns]
            )
    opts = {k: v for k, v in options.__dict__.items() if k != "jobs"}
    blob = json.dumps(
        [model, files, [asdict(p) for p in pieces], opts, policy],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def open_out(
    fs: Any, root: str, out: str, sig: str, rows: Sequence[int | None] | None
) -> dict[int, int]:
    """Make the folder ready and write the run's signature `sig` in it. `rows` (a
    resumed run: each piece's rows, None when unknown): return the parts of the run the
    folder holds (piece number: rows) that were written whole, when it is a run of the
    same signature; else start the folder empty."""
    sig_path = f"{root}/{SIGNATURE}"
    done: dict[int, int] = {}
    if rows is not None and fs.isfile(sig_path):
        with fs.open(sig_path, "r") as f:
            if f.read() != json.dumps({"signature": sig}):
                raise InputError(
                    "the unfinished run used other inputs, model or options",
                    path=out,
                    fix="rerun without --resume to start over",
                )
        found = _finished(fs, root)
        done = {i: n for i, n in found.items() if i < len(rows) and rows[i] in (None, n)}
    elif fs.exists(root):
        fs.rm(root, recursive=True)
    fs.makedirs(root, exist_ok=True)
    with fs.open(sig_path, "w") as f:
        f.write(json.dumps({"signature": sig}))
    return done


def _finished(fs: Any, root: str) -> dict[int, int]:
    """The parts in the folder that were written whole (a Parquet footer read): their
    piece numbers and rows; any other part is removed, to be written again."""
    import pyarrow.parquet as pq  # lazily: only Parquet output needs it

    done = {}
    for part in fs.ls(root, detail=False):
        name = part.rstrip("/").rsplit("/", 1)[-1]
        if not (name.startswith("part.") and name.endswith(".parquet")):
            continue
        try:
            with fs.open(part, "rb") as f:
                done[int(name.split(".")[1])] = pq.read_metadata(f).num_rows
        except (OSError, ValueError):
            fs.rm_file(part)
    return done


def result_of(fs: Any, root: str, out: str) -> ScoreResult:
    """The rows, actions and marked rows of a finished output folder."""
    import pyarrow.parquet as pq  # lazily: only Parquet output needs it

    result = ScoreResult(out=out)
    parts = sorted(p for p in fs.ls(root, detail=False) if _ours(p) and SIGNATURE not in p)
    for part in parts:
        with fs.open(part, "rb") as f:
            pf = pq.ParquetFile(f)
            names = pf.schema_arrow.names
            table = pf.read(columns=[c for c in ("action", "error") if c in names])
        counted(result, table.to_pandas())
    return result


def counted(result: ScoreResult, frame: pd.DataFrame) -> ScoreResult:
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


__all__ = [
    "SIGNATURE",
    "PartNames",
    "check_out",
    "counted",
    "open_out",
    "out_fs",
    "result_of",
    "signature",
    "write_one",
]
