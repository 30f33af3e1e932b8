"""The `stance` command line: a thin shell over the library.

Each command parses its options, calls one library function and renders the result.
Errors the user can fix (`StanceError`) become one line on stderr and a non-zero exit.

The modules that import pandas or scikit-learn (labels, convert, model, persist,
evaluation, score, audit) are imported inside the commands that use them, so that
`stance --help` and `stance split` start fast.
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable
from typing import Annotated, Any, Literal

import typer
from typer.core import TyperGroup

from stance import __version__
from stance.errors import InputError, LabelError, StanceError
from stance.io import atomic_write, table_text, write_table
from stance.split.document import format_for, render
from stance.split.files import split_paths


class _Group(TyperGroup):
    """Turns every `StanceError` raised below into `stance: error: ...` and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except StanceError as exc:
            typer.echo(f"stance: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except typer.BadParameter as exc:  # an option out of range or not one of its choices
            typer.echo(f"stance: error: {exc.format_message()}", err=True)
            raise typer.Exit(2) from None

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _plain_flags(params)
        return params

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None:
            _plain_flags_below(cmd, ctx)
        return cmd


def _plain_flags(params: list[Any]) -> None:
    """A boolean flag takes no value: show it without Typer's `<bool>` type in --help."""
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""


def _plain_flags_below(cmd: Any, ctx: Any) -> None:
    _plain_flags(cmd.get_params(ctx))
    for sub in getattr(cmd, "commands", {}).values():
        _plain_flags_below(sub, ctx)


app = typer.Typer(
    cls=_Group,
    help="Separate news pages from their reader comments, then label, train, evaluate "
    "and score comments for stance and tone.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"stance {__version__}")
        raise typer.Exit()


@app.callback()
def _app_options(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    pass


def warn(message: str) -> None:
    """Print a warning line on stderr.

    A library warning about one head starts with the head's name ("stance: too few
    rows ..."); it is printed as "stance head: ..." so that it cannot read as a second
    `stance:` program prefix.
    """
    for head in ("stance", "tone"):
        if message.startswith(f"{head}: "):
            message = f"{head} head: {message[len(head) + 2 :]}"
    typer.echo(f"stance: warning: {message}", err=True)


def is_terminal(stream: Any = None) -> bool:
    """True when output goes to an interactive terminal (progress bars, colour)."""
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


# ---- commands: split (split/) ---------------------------------------------------


@app.command("split")
def split_cmd(
    paths: list[str] = typer.Argument(
        ...,
        metavar="PATH",
        help="Text dumps or HTML pages (.gz too), folders of them, or - for stdin.",
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="summary (readable), jsonl "
        "(one record per document) or csv (one row per comment, "
        "ready to label). Default: from -o's extension, else "
        "summary.",
    ),
    out: str | None = typer.Option(
        None, "--out", "-o", help="Write here (atomically) instead of stdout."
    ),
) -> None:
    """Split pages into title, editorial text, boilerplate and single reader comments."""
    kind = format_for(out, fmt)
    docs, warnings = split_paths(paths)
    for w in warnings:
        warn(w)
    text = render(docs, kind)
    if out:
        with atomic_write(out, newline="") as f:
            f.write(text)
        n = sum(len(d.comments) for d in docs)
        typer.echo(f"wrote {len(docs)} documents, {n} comments to {out}", err=True)
    else:
        typer.echo(text, nl=False)


# ---- commands: labels check, convert, train, evaluate (labels.py, model.py, ...) -----

labels_app = typer.Typer(
    help="Check labelling files against labels/schema.toml.", no_args_is_help=True
)
app.add_typer(labels_app, name="labels")

_SCHEMA_HELP = "Label schema TOML (default: labels/schema.toml if present, else built-in)."
_COL_HELP = "Column holding the {}, for files not in the labelling shape."
# Options shared by `labels check`, `train` and `evaluate`.
_Schema = Annotated[str | None, typer.Option("--schema", help=_SCHEMA_HELP)]
_IdCol = Annotated[str | None, typer.Option("--id-col", help=_COL_HELP.format("id"))]
_TextCol = Annotated[str | None, typer.Option("--text-col", help=_COL_HELP.format("text"))]
_TargetCol = Annotated[str | None, typer.Option("--target-col", help=_COL_HELP.format("target"))]
_StanceCol = Annotated[str | None, typer.Option("--stance-col", help=_COL_HELP.format("stance"))]
_ToneCol = Annotated[str | None, typer.Option("--tone-col", help=_COL_HELP.format("tone"))]
# Every command that loads a model takes it (the version-mismatch error advises it).
_AllowMismatch = Annotated[
    bool,
    typer.Option(
        "--allow-version-mismatch",
        help="Load a model saved with another scikit-learn version anyway (predictions may "
        "differ or fail).",
    ),
]


def _schema(path: str | None) -> Any:
    from stance.labels import find_schema, load_schema

    return load_schema(path) if path else find_schema()


#: The options `_label_options` adds, in the order --help lists them.
_LABEL_OPTIONS = {
    "schema": _Schema,
    "id_col": _IdCol,
    "text_col": _TextCol,
    "target_col": _TargetCol,
    "stance_col": _StanceCol,
    "tone_col": _ToneCol,
}


def _label_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command that reads labelled files the --schema and --*-col options (after
    its own). It receives them as `schema` (the path or None: `_schema` reads it when the
    command is ready to) and `columns` (a `stance.labels.Columns`)."""
    own = [
        p
        for p in inspect.signature(command, eval_str=True).parameters.values()
        if p.name not in ("schema", "columns")
    ]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in _LABEL_OPTIONS.items()
    ]

    @functools.wraps(command)
    def run(**options: Any) -> None:
        from stance.labels import Columns

        names = {k: options.pop(k) for k in _LABEL_OPTIONS}
        columns = Columns.from_options(
            **{k.removesuffix("_col"): v for k, v in names.items() if k != "schema"}
        )
        command(**options, schema=names["schema"], columns=columns)

    run.__signature__ = inspect.Signature([*own, *added])  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in [*own, *added]}
    return run


@labels_app.command("check")
@_label_options
def labels_check(
    files: list[str] = typer.Argument(..., help="Labelling files (CSV/TSV/JSONL/Parquet)."),
    *,
    schema: str | None,
    columns: Any,
) -> None:
    """Validate labelling files: columns, ids, texts, labels and targets.

    Every problem of every file is listed (up to 20 a file, then their count), one line
    each, naming the file and the data row (row 1 = the first row below the header).
    """
    from stance.labels import check_files

    failed = False
    for s in check_files(files, columns=columns, schema=_schema(schema)):
        if s.problems:
            failed = True
            for problem in s.problems:
                typer.echo(f"stance: error: {problem}", err=True)
            if s.problem_count > 1:
                hidden = s.problem_count - len(s.problems)
                typer.echo(
                    f"stance: error: {s.path}: {s.problem_count} problems"
                    + (f", {hidden} more not shown (fix these and check again)" if hidden else ""),
                    err=True,
                )
            continue
        typer.echo(f"{s.path}: ok, {s.rows} rows ({s.unlabelled} unlabelled)")
        for head, counts in (("stance", s.stance_counts), ("tone", s.tone_counts)):
            typer.echo(f"  {head}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        for target, n in s.targets.items():
            typer.echo(f"  target {target}: {n} stance rows")
    if failed:
        raise typer.Exit(LabelError.exit_code)


@app.command("convert")
def convert_cmd(
    fmt: str = typer.Argument(
        ...,
        metavar="FORMAT",
        help="semeval2016, olid, davidson, foxnews, ucc, civilspans, "
        "redditincivility, twitcivility, hatexplain, wikitox, "
        "uncivilcongress, multitarget or gwsd.",
    ),
    src: str = typer.Argument(..., help="The data set's file, as its authors published it."),
    out: str = typer.Option(..., "--out", "-o", help="Output labelling file (.csv, ...)."),
) -> None:
    """Convert a public data set into the labelling format (see labels/SOURCES.md)."""
    from stance.convert import convert

    df = convert(fmt, src)
    write_table(df, out, raw_cells=True)  # a labelling file: stance reads its texts back
    counts = {h: df.loc[df[h] != "", h].value_counts() for h in ("stance", "tone")}
    parts = [
        f"{h} " + ", ".join(f"{k} {v}" for k, v in c.items()) for h, c in counts.items() if len(c)
    ]
    dropped = df.attrs.get("dropped_empty", 0)
    typer.echo(
        f"wrote {len(df)} rows to {out} ({'; '.join(parts)})"
        + (f"; dropped {dropped} rows with empty text" if dropped else "")
    )


@app.command("train")
@_label_options
def train_cmd(
    files: list[str] | None = typer.Argument(
        None, help="Labelling files (default: every labels/*.csv)."
    ),
    out: str = typer.Option("models/default", "--out", "-o", help="Model directory."),
    config: str | None = typer.Option(
        None, "--config", help="TOML overriding n-grams, min_df, C grid, folds."
    ),
    fmt: str = typer.Option(
        "joblib",
        "--format",
        help="joblib, or skops to also write model.skops (needs the skops extra).",
    ),
    *,
    schema: str | None,
    columns: Any,
) -> None:
    """Train the stance and tone pipelines and save a model directory."""

    from stance.persist import check_save, save_model
    from stance.training import default_training_inputs, train

    check_save(out, fmt)  # a missing extra or a bad --out fails now, not after training
    if not files:
        files, config = default_training_inputs(config)
    progress = (
        (lambda msg: typer.echo(f"stance: {msg}", err=True)) if is_terminal(sys.stderr) else None
    )
    result = train(
        files,
        config=config,
        progress=progress,
        schema=_schema(schema),
        columns=columns,
    )
    for w in result.warnings:
        warn(w)
    path = save_model(result, out, format=fmt)
    typer.echo(f"saved {path}")
    for line in result.summary_lines():
        typer.echo(f"  {line}")


@app.command("evaluate")
@_label_options
def evaluate_cmd(
    model: str = typer.Argument(..., help="Model directory."),
    files: list[str] = typer.Argument(..., help="Labelled files to evaluate on."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    plots: str | None = typer.Option(
        None, "--plots", help="Write confusion-matrix and reliability PNGs here (needs matplotlib)."
    ),
    allow_version_mismatch: _AllowMismatch = False,
    *,
    schema: str | None,
    columns: Any,
) -> None:
    """Evaluate a model on labelled files: per-class P/R/F1, macro-F1, F_avg, AUC, ECE."""
    from stance.evaluation import evaluate, format_report

    report = evaluate(
        model,
        files,
        plots=plots,
        schema=_schema(schema),
        allow_version_mismatch=allow_version_mismatch,
        columns=columns,
    )
    for w in report["warnings"]:
        warn(w)
    typer.echo(json.dumps(report, indent=2) if as_json else format_report(report))


# ---- commands: score, explain, audit, policy fit (score/, audit.py, policy.py) ----------

_ACTION_COLOURS = {"approve": "green", "review": "yellow", "reject": "red"}


def _render_scored(
    frame: Any, id_col: str | None, text_col: str, first_row: int, colour: bool
) -> int:
    """Print scored rows as readable blocks; return the number printed."""
    heads = [h for h in ("stance", "tone") if h in frame.columns]
    for i, row in enumerate(frame.to_dict("records")):
        ident = row.get(id_col) if id_col and id_col in row else f"row {first_row + i}"
        action = str(row["action"])
        shown = (
            typer.style(f"{action:<7}", fg=_ACTION_COLOURS.get(action), bold=True)
            if colour
            else f"{action:<7}"
        )
        parts = []
        for h in heads:
            label = row[h]
            p = row.get(f"{h}_p_{label}") if label else None
            parts.append(f"{h} {label} {p:.2f}" if label else f"{h} -")
        typer.echo(f"{ident}  {shown}  " + "  ".join(parts))
        if row.get("error"):
            typer.echo(f"    error: {row['error']}")
        typer.echo(f"    reasons: {row['reasons']}")
        if "tone_spans" in row:
            typer.echo(f"    spans: {_span_list(str(row.get(text_col, '')), row['tone_spans'])}")
        text = " ".join(str(row.get(text_col, "")).split())
        typer.echo(f"    text: {text if len(text) <= 100 else text[:97] + '...'}")
    return len(frame)


@app.command("score")
def score_cmd(
    model: str = typer.Argument(..., help="Model directory (models/NAME)."),
    inputs: list[str] = typer.Argument(
        ..., help="CSV/TSV/JSONL/Parquet tables, text or HTML pages, folders, - for stdin."
    ),
    out: str | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Output file; its extension picks the format "
        "(.csv .tsv .jsonl .parquet). Default: stdout (a readable table on a terminal, "
        "CSV when piped).",
    ),
    policy: str | None = typer.Option(
        None, "--policy", help="Moderation policy TOML (default: the model's policy.toml)."
    ),
    text_col: str = typer.Option("text", "--text-col", help="Column holding the comment."),
    id_col: str | None = typer.Option(
        None, "--id-col", help="Column naming rows in messages (default: id)."
    ),
    target: str | None = typer.Option(None, "--target", help="Stance target for all rows."),
    target_col: str | None = typer.Option(
        None, "--target-col", help="Column with each row's stance target (default: target)."
    ),
    on_error: Literal["fail", "mark"] = typer.Option(
        "fail",
        "--on-error",
        help="fail: stop at the first row that cannot be scored; "
        "mark: keep it unscored with an `error` column (exit code 4).",
    ),
    max_chars: int = typer.Option(
        100_000, "--max-chars", min=1, help="Longer comments are errors, not scored."
    ),
    chunksize: int = typer.Option(10_000, "--chunksize", min=1, help="Rows per chunk."),
    jobs: int = typer.Option(
        2, "--jobs", "-j", min=1, help="Worker processes (at most one per CPU core)."
    ),
    raw_cells: bool = typer.Option(
        False,
        "--raw-cells",
        help="CSV/TSV output: keep text cells that start with = + - "
        "@, a tab or a carriage return as they are (default: prefix a ' so a spreadsheet "
        "does not run them as formulas).",
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Continue an interrupted run into the same --out."
    ),
    show: Literal["auto", "table", "csv", "jsonl"] = typer.Option(
        "auto",
        "--show",
        help="Without --out: table, csv or jsonl (auto: table on a terminal, CSV when piped).",
    ),
    stdin_format: Literal["csv", "tsv", "jsonl", "parquet", "page"] | None = typer.Option(
        None,
        "--stdin-format",
        help="Format of - : csv, tsv, jsonl, parquet or page (default: guessed).",
    ),
    spans: bool = typer.Option(
        False,
        "--spans",
        help="Add `tone_spans`: a JSON list of [start, end) character "
        "offsets of the words that push the comment away from civil.",
    ),
    span_threshold: float | None = typer.Option(
        None,
        "--span-threshold",
        help="A word joins a span when its push away from civil "
        "(log-odds) is at least this (default: the library's SPAN_THRESHOLD).",
    ),
    allow_version_mismatch: _AllowMismatch = False,
) -> None:
    """Score comments: stance, tone, action (approve/review/reject) and reasons.

    Every input row comes out once, in order, with its own columns added to; `reasons`
    names the words that pushed the decision, with their weights. Exit codes:
    0 every row scored; 2 bad input or options (the row is named; nothing written);
    3 model error; 4 finished, but rows that could not be scored were kept unscored
    (--on-error mark, see the `error` column).
    """
    from stance.score.inputs import ScoreOptions, estimate_rows
    from stance.score.run import EXIT_MARKED, score_files, score_stream
    from stance.score.scorer import load_scorer
    from stance.score.words import SPAN_THRESHOLD

    opts = ScoreOptions(
        text_col=text_col,
        id_col=id_col,
        target=target,
        target_col=target_col,
        on_error=on_error,
        max_chars=max_chars,
        chunksize=chunksize,
        jobs=jobs,
        stdin_format=stdin_format,
        raw_cells=raw_cells,
    )
    scorer = load_scorer(
        model,
        policy,
        spans=spans,
        span_threshold=SPAN_THRESHOLD if span_threshold is None else span_threshold,
        allow_version_mismatch=allow_version_mismatch,
    )
    for w in scorer.warnings:
        warn(w)
    if out is not None:
        total = estimate_rows(inputs) if is_terminal(sys.stderr) else None
        with _progress(total, is_terminal(sys.stderr)) as advance:
            result = score_files(
                scorer, inputs, out, opts, resume=resume, model_path=model, progress=advance
            )
    else:
        if resume:
            raise typer.BadParameter("--resume needs --out")
        mode = show if show != "auto" else ("table" if is_terminal() else "csv")
        result = score_stream(scorer, inputs, opts, _stdout(mode, id_col, text_col, raw_cells))
        sys.stdout.flush()
    for w in result.warnings:
        warn(w)
    into = f" into {out}" if out is not None else ""
    typer.echo(_scored_line(result.rows, result.actions, result.marked, into), err=True)
    if result.marked:
        warn(f"{result.marked} rows could not be scored; they are marked in the error column")
        raise typer.Exit(EXIT_MARKED)


def _stdout(mode: str, id_col: str | None, text_col: str, raw_cells: bool) -> Callable[[Any], None]:
    """What writes each scored chunk to stdout: readable blocks ("table"), CSV or JSONL."""
    row = 1  # the data row that the next chunk starts at
    header = True

    def write(frame: Any) -> None:
        nonlocal row, header
        if mode == "table":
            ident = id_col or ("id" if "id" in frame.columns else None)
            row += _render_scored(frame, ident, text_col, row, is_terminal())
        else:
            sys.stdout.write(table_text(frame, mode, header=header, raw_cells=raw_cells))
        header = False

    return write


def _scored_line(rows: int, actions: dict[str, int], errors: int, into: str = "") -> str:
    """`scored 20 rows into OUT (approve 14, review 5, reject 0; 1 with errors)`."""
    counts = ", ".join(f"{a} {n}" for a, n in actions.items())
    return (
        f"scored {rows} rows{into} ({counts}" + (f"; {errors} with errors" if errors else "") + ")"
    )


class _progress:
    """A rich progress bar (rate, ETA) on a terminal; a no-op callback otherwise."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.total, self.enabled, self.bar = total, enabled, None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("scoring"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[progress.percentage]{task.percentage:>3.0f}%"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            transient=True,
            console=None,
        )
        self.bar.__enter__()
        task = self.bar.add_task("score", total=self.total, rate="")

        def advance(n: int) -> None:
            self.bar.advance(task, n)
            speed = self.bar.tasks[0].speed
            if speed:
                self.bar.update(task, rate=f"{speed:,.0f} rows/s")

        return advance

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _span_list(text: str, spans: Any) -> str:
    """`"stupid idiot", "liar"` (JSON-quoted span texts), or `(none)`."""
    if isinstance(spans, str):
        spans = json.loads(spans) if spans else []
    quoted = [json.dumps(text[a:b], ensure_ascii=False) for a, b in spans]
    return ", ".join(quoted) or "(none)"


def _highlight(text: str, spans: Any) -> str:
    """The text with its spans styled (for a terminal)."""
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(typer.style(text[a:b], fg="red", bold=True, underline=True))
        pos = b
    out.append(text[pos:])
    return "".join(out)


@app.command("explain")
def explain_cmd(
    model: str = typer.Argument(..., help="Model directory (models/NAME)."),
    text: str = typer.Argument(..., help="The comment to explain."),
    target: str | None = typer.Option(None, "--target", help="Stance target."),
    k: int = typer.Option(10, "-k", min=1, help="Words (and n-grams) to show per head."),
    policy: str | None = typer.Option(None, "--policy", help="Moderation policy TOML."),
    label: list[str] = typer.Option(
        [],
        "--label",
        help="Explain this label instead of the predicted one: LABEL or "
        "HEAD:LABEL (e.g. abusive, tone:uncivil); repeatable.",
    ),
    span_threshold: float | None = typer.Option(
        None,
        "--span-threshold",
        help="A word joins a tone span when its push away from civil (log-odds) is at least this.",
    ),
    allow_version_mismatch: _AllowMismatch = False,
) -> None:
    """Show the decision for one comment and the words that pushed it, with weights.

    A word's weight is its share of the label's score: each n-gram's tf-idf value times
    the linear model's coefficient, handed to the words it lies in, added up per word.
    `spans:` lists the words that push the comment away from civil. Coloured on a
    terminal.
    """
    from stance.score.explanation import explain, parse_labels
    from stance.score.inputs import ScoreOptions, row_errors
    from stance.score.scorer import load_scorer
    from stance.score.words import SPAN_THRESHOLD, format_grams

    # the scorer's own row check: what `score` refuses, `explain` refuses too
    error = row_errors([text], ScoreOptions().max_chars)[0]
    if error:
        raise InputError(error, fix="give the comment's text")
    scorer = load_scorer(model, policy, allow_version_mismatch=allow_version_mismatch)
    asked = parse_labels(scorer.labels, label)
    res = explain(
        scorer.model,
        text,
        target=target,
        k=k,
        policy=scorer.policy,
        labels=asked,
        span_threshold=SPAN_THRESHOLD if span_threshold is None else span_threshold,
    )
    colour = is_terminal()

    def style(s: str, **kw: Any) -> str:
        return typer.style(s, **kw) if colour else s

    action = res["action"]
    typer.echo(
        f"action: {style(action, fg=_ACTION_COLOURS.get(action), bold=True)}"
        f" ({res['reasons'].split(': ', 1)[0]})"
    )
    for head, info in res["heads"].items():
        line = f"{head}: {style(info['label'], bold=True)} {info['probability']:.2f}"
        if info["label"] != info["predicted"]:
            p = res["scores"][f"{head}_p_{info['predicted']}"]
            line += f" (predicted {info['predicted']} {p:.2f})"
        typer.echo(line)
        items = info["words"] if info["words"] is not None else info["grams"]
        if not colour:
            typer.echo(f"  {format_grams(items) or '(nothing pushed toward it)'}")
            continue
        for gram, weight in items:
            typer.echo(
                f"  {style(gram, fg='cyan', bold=True)} "
                f"{style(f'{weight:+.3f}', fg='red' if weight > 0 else 'green')}"
            )
    if res["spans"] is not None:
        shown = _highlight(text, res["spans"]) if colour else _span_list(text, res["spans"])
        typer.echo(f"spans: {shown}")


@app.command("audit")
def audit_cmd(
    model: str = typer.Argument(..., help="Model directory."),
    suite: str = typer.Option(
        "madlibs",
        "--suite",
        help="`madlibs` (Dixon et al.'s 77k "
        "template sentences) or a table with the columns text, label "
        "(toxic / non-toxic) and group, e.g. "
        "labels/audit/madlibs-cambodia.csv.",
    ),
    data_dir: str | None = typer.Option(
        None,
        "--data-dir",
        help="Folder of the madlibs "
        "suite (default: $STANCE_MADLIBS_DIR, else "
        "../shared/data/bias-madlibs).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    plot_path: str | None = typer.Option(
        None,
        "--plot",
        help="Write a PNG of flagged share and BPSN AUC per group (needs matplotlib).",
    ),
    allow_version_mismatch: _AllowMismatch = False,
) -> None:
    """Identity-term bias audit: per group, non-toxic sentences flagged, subgroup/BPSN/BNSP AUC."""
    from stance.audit import audit, plot, render_table
    from stance.score.scorer import load_scorer

    result = audit(
        load_scorer(model, allow_version_mismatch=allow_version_mismatch)
        if allow_version_mismatch
        else model,
        suite,
        data_dir=data_dir,
    )
    if plot_path:
        result["plot"] = plot(result, plot_path)
    typer.echo(json.dumps(result, indent=2) if as_json else render_table(result))


policy_app = typer.Typer(
    help="Moderation policies: thresholds that map scores to actions.", no_args_is_help=True
)
app.add_typer(policy_app, name="policy")


@policy_app.command("fit")
def policy_fit_cmd(
    model: str = typer.Argument(..., help="Model directory (models/NAME)."),
    file: str = typer.Argument(..., help="Labelled file (labelling shape, tone labels)."),
    out: str = typer.Option(..., "--out", "-o", help="Policy TOML to write."),
    reject_precision: float = typer.Option(
        0.95, "--reject-precision", help="Share of rejected comments that must truly be abusive."
    ),
    approve_precision: float | None = typer.Option(
        None,
        "--approve-precision",
        help="Share of approved comments that must truly be civil (approve when P(civil) is high).",
    ),
    approve_npv: float | None = typer.Option(
        None,
        "--approve-npv",
        help="Share of approved comments that must truly not be "
        "abusive (approve when P(abusive) is low).",
    ),
    cv: int = typer.Option(
        0,
        "--cv",
        help="K > 1: refit the tone pipeline K times on FILE "
        "and use out-of-fold probabilities (FILE may be training data); "
        "0: score FILE with the model (FILE must be held out).",
    ),
    text_col: str | None = typer.Option(None, "--text-col", help="Text column."),
    tone_col: str | None = typer.Option(None, "--tone-col", help="Tone label column."),
    allow_version_mismatch: _AllowMismatch = False,
) -> None:
    """Pick policy thresholds on labelled data; report the share of each action."""
    from stance.score.fit_policy import fit_policy_file

    fit = fit_policy_file(
        model,
        file,
        cv=cv,
        text_col=text_col,
        tone_col=tone_col,
        reject_precision=reject_precision,
        approve_precision=approve_precision,
        approve_npv=approve_npv,
        allow_version_mismatch=allow_version_mismatch,
    )
    for w in fit.warnings:
        warn(w)
    header = (
        f"Fitted by `stance policy fit` on {file} ({fit.rows} rows, {fit.source}).\n"
        + "".join(f"{k}: {v:.3f}\n" for k, v in fit.achieved.items())
        + "shares: "
        + ", ".join(f"{a} {s:.1%}" for a, s in fit.shares.items())
    )
    with atomic_write(out) as f:
        f.write(fit.policy.to_toml(header=header))
    typer.echo(f"wrote {out} ({fit.rows} rows, {fit.source})")
    for rule in fit.policy.rules:
        bound = f">= {rule.min:.4f}" if rule.max is None else f"< {rule.max:.4f}"
        typer.echo(f"  {rule.action}: {rule.head} {'+'.join(rule.labels)} {bound}")
    typer.echo(f"  otherwise: {fit.policy.otherwise}")
    for key, value in fit.achieved.items():
        typer.echo(f"  {key.replace('_', ' ')}: {value:.3f}")
    typer.echo("  actions: " + ", ".join(f"{a} {s:.1%}" for a, s in fit.shares.items()))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="stance")
