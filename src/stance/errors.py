"""The exception tree: every error a user can cause is a `StanceError`.

Messages say what went wrong, where (file, row) and how to fix it, in one line, so the
CLI can print them as they are.
"""

from __future__ import annotations

from pathlib import Path


class StanceError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 1


class InputError(StanceError):
    """A file or value given by the user cannot be read or used."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.row = row
        self.fix = fix
        where = ""
        if self.path is not None:
            where = self.path if row is None else f"{self.path}, row {row}"
            where += ": "
        text = f"{where}{message}"
        if fix:
            text += f" ({fix})"
        super().__init__(text)


class LabelError(InputError):
    """A labelling file breaks the schema: unknown label, duplicate id, empty text..."""


class LabelProblems(LabelError):
    """Several problems in one labelling file. Reads as the first (its path, row and fix)
    plus how many more there are; `problems` holds them (up to a cap) and `count` says
    how many there are in all, so `stance labels check` can list them in one pass."""

    def __init__(self, problems: list[LabelError], count: int | None = None) -> None:
        first = problems[0]
        self.problems = list(problems)
        self.count = count if count is not None else len(problems)
        self.path, self.row, self.fix = first.path, first.row, first.fix
        more = self.count - 1
        text = str(first)
        if more:
            text += f" (and {more} more problem{'s' if more > 1 else ''}"
            if first.path and not first.path.startswith("<"):
                text += f": `stance labels check {first.path}` lists them all"
            text += ")"
        StanceError.__init__(self, text)


class ConfigError(InputError):
    """A configuration or policy file is malformed or has out-of-range values."""


class ModelError(StanceError):
    """A model directory is missing, corrupt, or was saved by an incompatible version."""

    exit_code = 3
