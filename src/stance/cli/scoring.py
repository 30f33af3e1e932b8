"""`stance score` and `stance explain`: comments scored with a model."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, Literal

import typer

from stance.cli.app import AllowMismatch, app, is_terminal, warn
from stance.errors import InputError
from stance.tables import table_text

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
    chunksize: int = typer.Option(
        10_000,
        "--chunksize",
        min=1,
        help="Rows per chunk (--engine dask: at most per partition; a Parquet file is "
        "split between its row groups).",
    ),
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
        False,
        "--resume",
        help="Continue an interrupted run into the same --out. A run started with "
        "--resume keeps its finished rows when interrupted (Ctrl-C), so that the same "
        "command continues it.",
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
        "(log-odds) is at least this (default: the library's SPAN_THRESHOLD) and at "
        "least SPAN_RELATIVE (0.65) of the push of the comment's strongest word.",
    ),
    engine: Literal["local", "dask"] = typer.Option(
        "local",
        "--engine",
        help="local: worker processes on this machine; dask: a dask cluster, Parquet or "
        "CSV inputs, --out a Parquet dataset folder, local or a URL such as "
        "s3://bucket/scored/ (needs pip install '.[dask]').",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="--engine dask: the scheduler's address (default: a local cluster).",
    ),
    workers: int | None = typer.Option(
        None,
        "--workers",
        min=1,
        help="--engine dask without --scheduler: worker processes (default: one per core).",
    ),
    allow_version_mismatch: AllowMismatch = False,
) -> None:
    """Score comments: stance, tone, action (approve/review/reject) and reasons.

    Every input row comes out once, in order, with its own columns added to; `reasons`
    names the words that pushed the decision, with their weights. Exit codes:
    0 every row scored; 2 bad input or options (the row is named; nothing written);
    3 model error; 4 finished, but rows that could not be scored were kept unscored
    (--on-error mark, see the `error` column); 130 interrupted (Ctrl-C).
    """
    from stance.score.inputs import ScoreOptions
    from stance.score.run import EXIT_MARKED
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
    if resume and out is None:
        raise typer.BadParameter("--resume needs --out")
    if engine == "dask":
        dask_opts = {
            "scheduler": scheduler,
            "workers": workers,
            "policy": policy,
            "allow_version_mismatch": allow_version_mismatch,
        }
        _score_dask(model, inputs, out, opts, resume, dask_opts, spans, span_threshold)
        return
    total: list[int | None] = []  # the estimated rows, once counted
    try:
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
            result = _score_into(scorer, inputs, out, opts, resume, model, total)
        else:
            mode = show if show != "auto" else ("table" if is_terminal() else "csv")
            result = _score_out(scorer, inputs, opts, _stdout(mode, id_col, text_col, raw_cells))
    except KeyboardInterrupt as exc:
        typer.echo(_interrupted_line(exc, inputs, total), err=True)
        raise typer.Exit(130) from None
    for w in result.warnings:
        warn(w)
    into = f" into {out}" if out is not None else ""
    resumed = result.resumed if resume else None
    typer.echo(_scored_line(result.rows, result.actions, result.marked, into, resumed), err=True)
    if result.marked:
        warn(f"{result.marked} rows could not be scored; they are marked in the error column")
        raise typer.Exit(EXIT_MARKED)


def _score_dask(
    model: str,
    inputs: list[str],
    out: str | None,
    opts: Any,
    resume: bool,
    dask_opts: dict[str, Any],
    spans: bool,
    span_threshold: float | None,
) -> None:
    """`stance score --engine dask`: the run on a dask cluster, then its last line."""
    from stance.score.words import SPAN_THRESHOLD

    if out is None:
        raise typer.BadParameter(
            "--engine dask needs --out (a Parquet dataset folder, or a .parquet or .csv file)"
        )
    from stance.score.dask_engine import score_with_dask

    result = score_with_dask(
        model,
        inputs,
        out,
        opts,
        spans=spans,
        span_threshold=SPAN_THRESHOLD if span_threshold is None else span_threshold,
        resume=resume,
        **dask_opts,
    )
    for w in result.warnings:
        warn(w)
    resumed = result.resumed if resume else None
    line = _scored_line(result.rows, result.actions, result.marked, f" into {out}", resumed)
    typer.echo(line, err=True)
    if result.marked:
        from stance.score.run import EXIT_MARKED

        warn(f"{result.marked} rows could not be scored; they are marked in the error column")
        raise typer.Exit(EXIT_MARKED)


def _score_into(
    scorer: Any,
    inputs: list[str],
    out: str,
    opts: Any,
    resume: bool,
    model: str,
    total: list[int | None],
) -> Any:
    """`score_files` with a progress bar in rows on a terminal (`total` gets the rows
    estimated for it)."""
    from stance.score.inputs import estimate_rows
    from stance.score.run import score_files

    if is_terminal(sys.stderr):
        total.append(estimate_rows(inputs))
    with _progress(total[0] if total else None, is_terminal(sys.stderr)) as advance:
        return score_files(
            scorer, inputs, out, opts, resume=resume, model_path=model, progress=advance
        )


def _score_out(scorer: Any, inputs: list[str], opts: Any, emit: Callable[[Any], None]) -> Any:
    from stance.score.run import score_stream

    try:
        return score_stream(scorer, inputs, opts, emit)
    finally:
        sys.stdout.flush()


def _interrupted_line(exc: BaseException, inputs: list[str], total: list[int | None]) -> str:
    """`interrupted after 3000 of 200000 rows; rerun with --resume to continue` (the
    total when it can be counted; the advice when the finished rows were kept)."""
    from stance.score.run import ScoreInterrupted

    if not isinstance(exc, ScoreInterrupted):
        return "interrupted before any row was scored"
    if not total:
        from stance.score.inputs import estimate_rows

        try:  # a second Ctrl-C skips the count
            total.append(estimate_rows(inputs))
        except KeyboardInterrupt:
            total.append(None)
    of = f" of {total[0]}" if total[0] is not None and total[0] >= exc.rows else ""
    line = f"interrupted after {exc.rows}{of} rows"
    return line + ("; rerun with --resume to continue" if exc.kept else "")


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


def _scored_line(
    rows: int, actions: dict[str, int], errors: int, into: str = "", resumed: int | None = None
) -> str:
    """`scored 20 rows into OUT (approve 14, review 5, reject 0; 1 with errors)`; a run
    with --resume: `scored 20 rows (12 resumed) into OUT (...)`, all rows counted."""
    counts = ", ".join(f"{a} {n}" for a, n in actions.items())
    done = f"scored {rows} rows" + (f" ({resumed} resumed)" if resumed is not None else "")
    return f"{done}{into} ({counts}" + (f"; {errors} with errors" if errors else "") + ")"


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
    allow_version_mismatch: AllowMismatch = False,
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
