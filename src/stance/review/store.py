"""The two files a review writes: the labels file and the decisions file.

Both are CSV files that grow by atomic appends: each decision's rows are encoded first,
then handed to one `write` on a file opened for appending, then `fsync`ed, so a crash
leaves either the whole row or none of it (a new file is created whole, header and row,
by `io.atomic_write`). Undo takes a row out by rewriting the file atomically
(`tables.write_table`, which goes through `io.atomic_write`): a reader sees the old file
or the new one, never half of either. Cells are made formula-safe the way every table we
write is (`tables.neutralise_cells`).

The labels file keeps the labelling shape (`labels.REQUIRED_COLUMNS`, then `article`),
or the columns of the file it appends to; the decisions file is
`id, action, stance, tone, decided_at` (UTC, ISO 8601), one row per decision in the
order they were taken, for a CMS to import.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from stance.errors import InputError
from stance.io import atomic_write
from stance.labels import FRAME_COLUMNS, REQUIRED_COLUMNS, Schema, read_labels
from stance.tables import neutralise_cells, read_table, write_table

#: The columns of a decisions file, in order.
DECISION_COLUMNS = ("id", "action", "stance", "tone", "decided_at")
#: The columns of a labels file the review creates.
LABEL_COLUMNS = FRAME_COLUMNS


class CsvLog:
    """A CSV file of rows that grows by atomic appends and shrinks by atomic rewrites."""

    def __init__(self, path: str | Path, columns: Sequence[str], required: Sequence[str]) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() != ".csv":
            raise InputError(
                "the review writes CSV files only", path=self.path, fix="name it FILE.csv"
            )
        if self.path.is_dir():
            raise InputError("is a folder, expected a file", path=self.path)
        self.header = list(columns)
        if self._exists():
            self.header = [str(c) for c in read_table(self.path).columns]
            missing = [c for c in required if c not in self.header]
            if missing:
                raise InputError(
                    f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                    f"(columns: {', '.join(self.header)})",
                    path=self.path,
                    fix=f"give a file with the columns {', '.join(required)}, or a new name",
                )

    def _exists(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0

    def rows(self) -> list[dict[str, str]]:
        """Every row, as strings (the cells as stored)."""
        if not self._exists():
            return []
        frame = read_table(self.path)
        return [{str(k): str(v) for k, v in r.items()} for r in frame.to_dict("records")]

    def append(self, rows: Sequence[dict[str, str]]) -> None:
        """Append rows (missing columns blank) in one write, then fsync."""
        frame = pd.DataFrame(
            [[r.get(c, "") for c in self.header] for r in rows], columns=self.header, dtype=object
        )
        frame = neutralise_cells(frame)
        if not self._exists():
            with atomic_write(self.path, newline="") as f:
                f.write(frame.to_csv(index=False, lineterminator="\n"))
            return
        data = frame.to_csv(index=False, header=False, lineterminator="\n").encode("utf-8")
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":  # a file saved without one
                data = b"\n" + data
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    def drop_last(self, column: str, value: str) -> dict[str, str] | None:
        """Take out the last row whose `column` is `value` (rewriting the file
        atomically); return it, or None when there is none."""
        if not self._exists():
            return None
        frame = read_table(self.path)
        hits = [i for i, v in enumerate(frame[column].tolist()) if str(v).strip() == value]
        if not hits:
            return None
        row = {str(k): str(v) for k, v in frame.iloc[hits[-1]].items()}
        write_table(frame.drop(index=frame.index[hits[-1]]), self.path, "csv", raw_cells=True)
        return row


def labels_log(path: str | Path, schema: Schema) -> CsvLog:
    """The labels file to append to; an existing one must be a valid labelling file
    (`stance labels check`), so that what the review adds keeps it valid."""
    log = CsvLog(path, LABEL_COLUMNS, REQUIRED_COLUMNS)
    if log._exists():
        read_labels(log.path, schema=schema)
    return log


def decisions_log(path: str | Path) -> CsvLog:
    """The decisions file to append to."""
    return CsvLog(path, DECISION_COLUMNS, DECISION_COLUMNS)
