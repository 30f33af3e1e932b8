"""Labelling files: the label schema, the column lists, reading and validating labelled data.

A labelling file has one row per comment with the columns `id`, `text`, `target`,
`stance`, `tone` (optionally `article`; other columns, such as `annotator` and `note`,
are kept for the labellers and never read). Other tables (CSV, TSV, JSONL, Parquet) are
read by naming their columns (`Columns(text="tweet", ...)`).

Rows in error messages are *data rows counted from 1*: row 1 is the first row below the
header (line 2 of a CSV file).
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import ConfigError, InputError, LabelError, LabelProblems
from stance.io import expand_paths, read_bytes
from stance.tables import TABLE_SUFFIXES, read_table

#: The heads a model can have, in output order.
HEADS = ("stance", "tone")
#: The key of a head's pooled pipeline (all targets; the only one tone has).
POOLED = "*"

DEFAULT_STANCE = ("favor", "against", "none")
DEFAULT_TONE = ("civil", "uncivil", "abusive")
DEFAULT_TARGET = "Cambodian government (Hun Sen / CPP)"
#: The stance label that takes no side: SemEval-2016's F_avg averages the others.
DEFAULT_NEUTRAL = "none"

#: The columns of a labelling file, in order (a foreign table mapped with `Columns`
#: needs `id` and `text` only).
REQUIRED_COLUMNS = ("id", "text", "target", "stance", "tone")
#: The optional columns read: `article` keeps an article's comments in one CV fold.
OPTIONAL_COLUMNS = ("article",)
#: A validated frame's columns, in order (what `read_labels` returns, a converter writes).
FRAME_COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
#: The blank labelling table `stance split` writes: who posted each comment and when, the
#: id of the comment it answers and the text it quotes (for the labeller, never read)
#: after the article, then the text and empty labels.
SPLIT_COLUMNS = (
    "id",
    *OPTIONAL_COLUMNS,
    "author",
    "posted_at",
    "parent",
    "quoted",
    *REQUIRED_COLUMNS[1:],
)

_ROWS = "rows count from 1 below the header"

#: Problems of one file kept (and listed by `stance labels check`); the rest are counted.
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Schema:
    """The label vocabularies, the default stance target and the neutral stance label."""

    stance: tuple[str, ...] = DEFAULT_STANCE
    tone: tuple[str, ...] = DEFAULT_TONE
    default_target: str = DEFAULT_TARGET
    neutral: str = DEFAULT_NEUTRAL

    def labels(self, head: str) -> tuple[str, ...]:
        """The allowed labels of a head ("stance" or "tone")."""
        return self.stance if head == "stance" else self.tone

    @property
    def f_avg_labels(self) -> tuple[str, ...]:
        """The stance labels F_avg averages the F1 of: every one but the neutral one."""
        return tuple(x for x in self.stance if x != self.neutral)


def load_schema(path: str | Path | None = None) -> Schema:
    """Read a `schema.toml`; None gives the built-in default (the DESIGN.md vocabulary).

    `[stance]` and `[tone]` take `labels = [...]` (two or more names); `[stance]` also
    `default_target` and `neutral` (the stance label F_avg leaves out; default "none").
    """
    if path is None:
        return Schema()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such schema file", path=p, fix="check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=p) from None
    kwargs: dict[str, Any] = {}
    for head in HEADS:
        section = data.get(head, {})
        if not isinstance(section, dict):
            raise ConfigError(f"[{head}] must be a table", path=p)
        if "labels" in section:
            kwargs[head] = _schema_labels(section["labels"], head, p)
    stance = data.get("stance", {})
    for key in ("default_target", "neutral"):
        value = stance.get(key)
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"[stance] {key} must be a non-empty string", path=p)
            kwargs[key] = value.strip() if key == "default_target" else value.strip().lower()
    schema = Schema(**kwargs)
    if schema.neutral not in schema.stance and "neutral" in kwargs:
        raise ConfigError(
            f"[stance] neutral {schema.neutral!r} is not one of the stance labels",
            path=p,
            fix=f"one of: {', '.join(schema.stance)}",
        )
    return schema


def _schema_labels(labels: Any, head: str, path: Path) -> tuple[str, ...]:
    """A head's `labels` list, checked and lower-cased."""
    if (
        not isinstance(labels, list)
        or len(labels) < 2
        or not all(isinstance(x, str) and x.strip() for x in labels)
    ):
        raise ConfigError(
            f"[{head}] labels must be a list of at least two names",
            path=path,
            fix='e.g. labels = ["favor", "against", "none"]',
        )
    norm = tuple(x.strip().lower() for x in labels)
    if len(set(norm)) != len(norm):
        raise ConfigError(f"[{head}] labels repeat a name", path=path)
    return norm


def find_schema(start: str | Path = ".") -> Schema:
    """The project's `labels/schema.toml` below `start` if it exists, else the default."""
    p = Path(start) / "labels" / "schema.toml"
    return load_schema(p if p.is_file() else None)


@dataclass
class Columns:
    """Where the canonical columns are in a file (names of its columns).

    `mapped` is True when the user named columns for a foreign file: then `target`,
    `stance` and `tone` may be absent (a missing head, the default target).
    """

    id: str = "id"
    text: str = "text"
    target: str = "target"
    stance: str = "stance"
    tone: str = "tone"
    article: str = "article"
    mapped: bool = False

    @classmethod
    def from_options(cls, **names: str | None) -> Columns:
        """Build from CLI-style options (None = default name); any given name maps."""
        given = {k: v for k, v in names.items() if v}
        return cls(**given, mapped=bool(given))


@dataclass
class FileSummary:
    """What `check_files` found in one labelling file."""

    path: str
    rows: int
    stance_counts: dict[str, int] = field(default_factory=dict)
    tone_counts: dict[str, int] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)  # target -> stance rows
    unlabelled: int = 0
    # What is wrong with the file, if anything: the first MAX_PROBLEMS problems (each a
    # LabelError naming its row) and how many there are in all.
    problems: list[InputError] = field(default_factory=list)
    problem_count: int = 0


def read_labels(
    path: str | Path,
    *,
    columns: Columns | None = None,
    schema: Schema | None = None,
    fmt: str | None = None,
) -> pd.DataFrame:
    """Read and validate one labelling file; return the canonical frame.

    The frame has the columns id, text, target, stance, tone, article (strings; an empty
    label means the row does not carry that head). Labels come back lower-case. Any
    problem raises `LabelError` naming the file, the data row and the allowed values.
    """
    return validate_frame(read_table(path, fmt=fmt), str(path), columns=columns, schema=schema)


def validate_frame(
    raw: pd.DataFrame,
    path: str = "<frame>",
    *,
    columns: Columns | None = None,
    schema: Schema | None = None,
) -> pd.DataFrame:
    """Validate a table already in memory (see `read_labels`)."""
    schema = schema or Schema()
    out = _canonical(raw, columns or Columns(), path)
    # Every problem is collected (the first MAX_PROBLEMS kept, the rest counted), so a
    # labeller can fix a whole file in one pass.
    problems = _Problems(path)
    _check_rows(out, schema, problems)
    if problems.kept:
        raise LabelProblems(problems.kept, problems.count)
    out["target"] = out["target"].where(out["target"] != "", schema.default_target)
    out.attrs["path"] = path
    return out


def _column(
    raw: pd.DataFrame, cols: Columns, canon: str, required: bool, path: str
) -> pd.Series | None:
    """The raw column that holds `canon` as strings, or None when it is absent (an error
    when it is `required`)."""
    name = getattr(cols, canon)
    present = {str(c) for c in raw.columns}
    if name in present:
        s = raw[name].reset_index(drop=True)
        return s.where(s.notna(), "").astype(str)
    if not required:
        return None
    may_be_empty = "" if canon in ("id", "text") else " (cells may be empty)"
    raise LabelError(
        f"missing column '{name}' (columns: {', '.join(sorted(present))})",
        path=path,
        fix=f"add a '{name}' column{may_be_empty} or name it with --{canon}-col",
    )


def _canonical(raw: pd.DataFrame, cols: Columns, path: str) -> pd.DataFrame:
    """The frame's FRAME_COLUMNS, stripped (labels also lower-cased; texts as given)."""
    # A mapped foreign table may lack target and either head; id and text it must have.
    found = {
        c: _column(raw, cols, c, c in ("id", "text") or not cols.mapped, path)
        for c in REQUIRED_COLUMNS
    }
    if all(found[h] is None for h in HEADS):
        raise LabelError(
            "no stance or tone column", path=path, fix="name one with --stance-col or --tone-col"
        )
    found.update({c: _column(raw, cols, c, False, path) for c in OPTIONAL_COLUMNS})
    out = pd.DataFrame(index=range(len(raw)))
    for c in FRAME_COLUMNS:
        s = found[c]
        if s is None:
            out[c] = ""
        elif c == "text":
            out[c] = s
        else:
            out[c] = s.str.strip().str.lower() if c in HEADS else s.str.strip()
    return out


@dataclass
class _Problems:
    """A file's problems: the first MAX_PROBLEMS kept, all counted."""

    path: str
    kept: list[LabelError] = field(default_factory=list)
    count: int = 0

    def add(self, message: str, row: int, fix: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(LabelError(message, path=self.path, row=row, fix=f"{fix}; {_ROWS}"))


def _check_rows(out: pd.DataFrame, schema: Schema, problems: _Problems) -> None:
    """Row checks in file order: ids, texts, labels and targets."""
    seen: dict[str, int] = {}
    allowed = {h: set(schema.labels(h)) for h in HEADS}
    # A target named in the file must have stance rows, or nothing can learn it.
    has_stance = set(out.loc[(out["target"] != "") & (out["stance"] != ""), "target"])
    known = ", ".join(sorted(has_stance)) or "none"
    for i, (rid, txt, tg, st, tn) in enumerate(
        zip(out["id"], out["text"], out["target"], out["stance"], out["tone"], strict=True), start=1
    ):
        if not rid:
            problems.add("empty id", i, "give every row an id")
        elif rid in seen:
            problems.add(
                f"duplicate id '{rid}' (first at row {seen[rid]})",
                i,
                "ids must be unique in a file",
            )
        else:
            seen[rid] = i
        if not txt.strip():
            problems.add("empty text", i, "fill in the comment or delete the row")
        for head, value in (("stance", st), ("tone", tn)):
            if value and value not in allowed[head]:
                problems.add(
                    f"unknown {head} '{value}'",
                    i,
                    f"allowed: {', '.join(schema.labels(head))} or empty",
                )
        if tg and tg not in has_stance:
            problems.add(
                f"target '{tg}' has no rows with a stance label",
                i,
                f"label its stance, or fix the target's spelling (targets with stance "
                f"rows: {known})",
            )


def _table_files(path: str | Path) -> list[str]:
    """A file, or a folder's own table files (not its sub-folders'), sorted by name, so a
    folder always trains the same way."""
    return expand_paths([path], tuple(TABLE_SUFFIXES), empty=None, recursive=False, hidden=True)


def read_inputs(
    data: Any, *, columns: Columns | None = None, schema: Schema | None = None
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Labelled data -> one validated frame, plus a record of each source.

    `data` is a file, a folder (its labelling files), a frame, or a list of them. The
    frame gets `source` (the source's number) and `source_name` (a file's name without
    suffix, a frame's `attrs["name"]`: what training's `balance` and `source_weights` go
    by). A source's record: its path (relative to the working directory), rows, and
    sha256 (of a file's bytes, of a frame's validated rows).
    """
    items = [data] if isinstance(data, str | Path | pd.DataFrame) else list(data)
    items = [
        x
        for item in items
        for x in ([item] if isinstance(item, pd.DataFrame) else _table_files(item))
    ]
    if not items:
        raise InputError("no training data given", fix="pass labelling files or frames")
    frames, sources = [], []
    for n, item in enumerate(items):
        if isinstance(item, pd.DataFrame):
            df = validate_frame(
                item.astype(object).where(item.notna(), "").astype(str),
                f"<frame {n}>",
                columns=columns,
                schema=schema,
            )
            sources.append({"path": f"<frame {n}>", "rows": len(df), "sha256": _frame_sha256(df)})
            name = str(item.attrs.get("name", f"<frame {n}>"))
        else:
            df = read_labels(item, columns=columns, schema=schema)
            sha = hashlib.sha256(read_bytes(item)).hexdigest()
            sources.append({"path": _source_path(item), "rows": len(df), "sha256": sha})
            name = Path(item).stem
        df["source"] = str(n)
        df["source_name"] = name
        frames.append(df)
    return pd.concat(frames, ignore_index=True), sources


def _frame_sha256(df: pd.DataFrame) -> str:
    cols = [c for c in FRAME_COLUMNS if c in df]
    return hashlib.sha256(df[cols].to_csv(index=False).encode("utf-8")).hexdigest()


def _source_path(item: str | Path) -> str:
    """A data file's path as meta.json records it: relative to the working directory
    (the same in every checkout, no user's home folder), or only its name when the file
    lies outside the working directory."""
    path = Path(os.path.abspath(item))
    try:
        return path.relative_to(os.path.abspath(Path.cwd())).as_posix()
    except ValueError:
        return path.name


def summarise(df: pd.DataFrame, schema: Schema | None = None) -> FileSummary:
    """Counts per label and per target for a validated frame."""
    schema = schema or Schema()
    summary = FileSummary(path=str(df.attrs.get("path", "")), rows=len(df))
    for head, counts in (("stance", summary.stance_counts), ("tone", summary.tone_counts)):
        vc = df[head].value_counts()
        for label in schema.labels(head):
            counts[label] = int(vc.get(label, 0))
    st = df[df["stance"] != ""]
    summary.targets = {str(k): int(v) for k, v in st["target"].value_counts().sort_index().items()}
    summary.unlabelled = int(((df["stance"] == "") & (df["tone"] == "")).sum())
    return summary


def check_files(
    paths: Iterable[str | Path], *, columns: Columns | None = None, schema: Schema | None = None
) -> list[FileSummary]:
    """Validate labelling files; return one summary each, in order.

    Nothing is raised for a bad file: its summary carries the problems (the first
    `MAX_PROBLEMS`, each naming its row) and their count, so that every problem of every
    file is reported in one pass.
    """
    out = []
    for p in paths:
        try:
            out.append(summarise(read_labels(p, columns=columns, schema=schema), schema))
        except LabelProblems as exc:
            out.append(
                FileSummary(
                    path=str(p), rows=0, problems=list(exc.problems), problem_count=exc.count
                )
            )
        except InputError as exc:  # unreadable, or a missing column: one problem
            out.append(FileSummary(path=str(p), rows=0, problems=[exc], problem_count=1))
    return out


def head_rows(df: pd.DataFrame, head: str) -> pd.DataFrame:
    """The rows of a validated frame that carry a label for `head`."""
    return df[df[head] != ""].reset_index(drop=True)
