"""Labelling files: the label schema, reading and validating labelled comments.

A labelling file has one row per comment with the columns `id`, `text`, `target`,
`stance`, `tone` (optionally `article`, `annotator`, `note`). Other tables (CSV, TSV,
JSONL, Parquet) are read by naming their columns (`Columns(text="tweet", ...)`).

Rows in error messages are *data rows counted from 1*: row 1 is the first row below the
header (line 2 of a CSV file).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import ConfigError, InputError, LabelError, LabelProblems
from stance.io import read_table

#: The heads a model can have, in output order.
HEADS = ("stance", "tone")
#: The key of a head's pooled pipeline (all targets; the only one tone has).
POOLED = "*"

DEFAULT_STANCE = ("favor", "against", "none")
DEFAULT_TONE = ("civil", "uncivil", "abusive")
DEFAULT_TARGET = "Cambodian government (Hun Sen / CPP)"

#: Canonical columns of a labelling file, in order.
LABEL_COLUMNS = ("id", "text", "target", "stance", "tone")
OPTIONAL_COLUMNS = ("article", "annotator", "note")

_ROWS = "rows count from 1 below the header"

#: Problems of one file kept (and listed by `stance labels check`); the rest are counted.
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Schema:
    """The label vocabularies and the default stance target."""

    stance: tuple[str, ...] = DEFAULT_STANCE
    tone: tuple[str, ...] = DEFAULT_TONE
    default_target: str = DEFAULT_TARGET

    def labels(self, head: str) -> tuple[str, ...]:
        """The allowed labels of a head ("stance" or "tone")."""
        return self.stance if head == "stance" else self.tone

    def to_dict(self) -> dict[str, Any]:
        return {
            "stance": list(self.stance),
            "tone": list(self.tone),
            "default_target": self.default_target,
        }


def load_schema(path: str | Path | None = None) -> Schema:
    """Read a `schema.toml`; None gives the built-in default (the DESIGN.md vocabulary)."""
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
            labels = section["labels"]
            if (
                not isinstance(labels, list)
                or len(labels) < 2
                or not all(isinstance(x, str) and x.strip() for x in labels)
            ):
                raise ConfigError(
                    f"[{head}] labels must be a list of at least two names",
                    path=p,
                    fix='e.g. labels = ["favor", "against", "none"]',
                )
            norm = tuple(x.strip().lower() for x in labels)
            if len(set(norm)) != len(norm):
                raise ConfigError(f"[{head}] labels repeat a name", path=p)
            kwargs[head] = norm
    target = data.get("stance", {}).get("default_target")
    if target is not None:
        if not isinstance(target, str) or not target.strip():
            raise ConfigError("[stance] default_target must be a non-empty string", path=p)
        kwargs["default_target"] = target.strip()
    return Schema(**kwargs)


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
    cols = columns or Columns()
    schema = schema or Schema()
    present = {str(c) for c in raw.columns}
    out = pd.DataFrame(index=range(len(raw)))

    def column(canon: str, required: bool) -> pd.Series | None:
        name = getattr(cols, canon)
        if name in present:
            s = raw[name].reset_index(drop=True)
            return s.where(s.notna(), "").astype(str)
        if required:
            fix = f"add a '{name}' column (cells may be empty) or name it with --{canon}-col"
            if canon in ("id", "text"):
                fix = f"add a '{name}' column or name it with --{canon}-col"
            raise LabelError(
                f"missing column '{name}' (columns: {', '.join(sorted(present))})",
                path=path,
                fix=fix,
            )
        return None

    ids = column("id", True)
    text = column("text", True)
    target = column("target", not cols.mapped)
    heads = {h: column(h, not cols.mapped) for h in HEADS}
    if all(v is None for v in heads.values()):
        raise LabelError(
            "no stance or tone column", path=path, fix="name one with --stance-col or --tone-col"
        )
    article = column("article", False)

    out["id"] = ids.str.strip()
    out["text"] = text
    out["target"] = target.str.strip() if target is not None else ""
    for h in HEADS:
        out[h] = heads[h].str.strip().str.lower() if heads[h] is not None else ""
    out["article"] = article.str.strip() if article is not None else ""

    # Row checks in file order: every problem is collected (the first MAX_PROBLEMS kept,
    # the rest counted), so a labeller can fix a whole file in one pass.
    problems: list[LabelError] = []
    count = 0

    def problem(message: str, row: int, fix: str) -> None:
        nonlocal count
        count += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(LabelError(message, path=path, row=row, fix=f"{fix}; {_ROWS}"))

    seen: dict[str, int] = {}
    allowed = {h: set(schema.labels(h)) for h in HEADS}
    # A target named in the file must have stance rows, or nothing can learn it.
    has_stance = set(out.loc[(out["target"] != "") & (out["stance"] != ""), "target"])
    known = ", ".join(sorted(has_stance)) or "none"
    for i, (rid, txt, tg, st, tn) in enumerate(
        zip(out["id"], out["text"], out["target"], out["stance"], out["tone"], strict=True), start=1
    ):
        if not rid:
            problem("empty id", i, "give every row an id")
        elif rid in seen:
            problem(
                f"duplicate id '{rid}' (first at row {seen[rid]})",
                i,
                "ids must be unique in a file",
            )
        else:
            seen[rid] = i
        if not txt.strip():
            problem("empty text", i, "fill in the comment or delete the row")
        for head, value in (("stance", st), ("tone", tn)):
            if value and value not in allowed[head]:
                problem(
                    f"unknown {head} '{value}'",
                    i,
                    f"allowed: {', '.join(schema.labels(head))} or empty",
                )
        if tg and tg not in has_stance:
            problem(
                f"target '{tg}' has no rows with a stance label",
                i,
                f"label its stance, or fix the target's spelling (targets with stance "
                f"rows: {known})",
            )
    if problems:
        raise LabelProblems(problems, count)
    out["target"] = out["target"].where(out["target"] != "", schema.default_target)
    out.attrs["path"] = path
    return out


def read_many(
    paths: Sequence[str | Path], *, columns: Columns | None = None, schema: Schema | None = None
) -> pd.DataFrame:
    """Read several labelling files into one frame (a `source` column names the file).

    Ids are unique per file; when two files share an id, every id gets its file's path
    as a prefix so the combined frame stays unique.
    """
    if not paths:
        raise LabelError("no labelling files given", fix="pass one or more CSV files")
    frames = []
    for p in paths:
        df = read_labels(p, columns=columns, schema=schema)
        df["source"] = str(p)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    if out["id"].duplicated().any():
        out["id"] = out["source"] + ":" + out["id"]
    return out


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
