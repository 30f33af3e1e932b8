"""`stance train`, `stance evaluate`, `stance audit`, `stance policy fit`: a model, measured."""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import typer

from stance.cli.app import AllowMismatch, app, is_terminal, label_options, schema_of, warn
from stance.io import atomic_write


@app.command("train")
@label_options
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
    add: list[str] | None = typer.Option(
        None,
        "--add",
        help="Your own labelled comments (repeatable): they carry add_share (default 0.5) "
        "of the training weight, and CV is judged on them.",
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
    with _TrainLines(live=is_terminal(sys.stderr)) as lines:
        result = train(
            files,
            config=config,
            progress=lines.step if lines.live else None,
            head_progress=lines.head,
            schema=schema_of(schema),
            columns=columns,
            add=add or None,
        )
    for w in result.warnings:
        warn(w)
    path = save_model(result, out, format=fmt)
    typer.echo(f"saved {path}")
    for line in result.summary_lines():
        typer.echo(f"  {line}")


class _TrainLines:
    """`stance train`'s progress on stderr: one line per head, `stance: training tone on
    26,316 rows ... done in 1m25s`. On a terminal the line is live until the head is
    done: the time so far, ticking each second, and the latest fold or final fit with
    the time left (`train`'s `progress` messages). Use it as a context manager: it ticks
    inside, and ends an open line on the way out (before an error's message)."""

    def __init__(self, live: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.live, self.clock = live, clock
        self.head_name, self.latest = "", ""  # the head training and its latest step
        self.started = ""  # the open line's start ("" when no line is open)
        self.t0 = 0.0  # when the head started
        self.width = 0  # characters of the live line on screen
        self.lock = threading.Lock()  # the ticker thread draws too
        self.stop = threading.Event()

    def __enter__(self) -> _TrainLines:
        if self.live:
            threading.Thread(target=self._tick, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        with self.lock:
            self._end()

    def _tick(self) -> None:
        while not self.stop.wait(1.0):
            self.redraw()

    def head(self, head: str, rows: int, seconds: float | None) -> None:
        """`train`'s `head_progress`: a head starts (seconds None) or is done."""
        with self.lock:
            if seconds is None:
                self.head_name, self.latest, self.t0 = head, "", self.clock()
                self.started = f"stance: training {head} on {rows:,} rows ..."
                if self.live:
                    self._draw()
                else:
                    typer.echo(f"{self.started} ", nl=False, err=True)
            elif self.live:
                self._draw(f"{self.started} done in {clock_time(seconds)}")
                self._end()
            else:
                typer.echo(f"done in {clock_time(seconds)}", err=True)
                self.started = ""

    def step(self, message: str) -> None:
        """`train`'s `progress`: "tone: fold 2/3 done at 41 s; about 1 min left"."""
        for prefix in (f"{self.head_name}: ", f"{self.head_name} "):
            message = message.removeprefix(prefix)
        with self.lock:
            self.latest = message
            if self.live and self.started:
                self._draw()

    def redraw(self) -> None:
        """Draw the live line again, with the time so far."""
        with self.lock:
            if self.live and self.started:
                self._draw()

    def _draw(self, text: str | None = None) -> None:
        """Overwrite the live line, cut to the terminal's width (a wrapped line would not
        be overwritten): the latest step loses its middle first, so that the head, the
        time so far and the time left stay."""
        width = max(20, shutil.get_terminal_size().columns - 1)
        if text is None:
            text = f"{self.started} {clock_time(self.clock() - self.t0)}"
            room = width - len(text) - 2
            if self.latest and room >= 12:
                text += f": {_cut(self.latest, room)}"
        text = _cut(text, width)
        typer.echo("\r" + text.ljust(self.width), nl=False, err=True)
        self.width = len(text)

    def _end(self) -> None:
        """End the open line (the head is done, or an error is on its way)."""
        if self.started:
            typer.echo("", err=True)
        self.started, self.width = "", 0


def _cut(text: str, width: int) -> str:
    """`text`, its middle replaced by `...` when it is wider than `width`."""
    if len(text) <= width:
        return text
    keep = width - 3
    return text[: keep // 2] + "..." + text[len(text) - (keep - keep // 2) :]


def clock_time(seconds: float) -> str:
    """`42s`, `1m25s`, `2h05m`: the time a step took."""
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


@app.command("evaluate")
@label_options
def evaluate_cmd(
    model: str = typer.Argument(..., help="Model directory."),
    files: list[str] = typer.Argument(..., help="Labelled files to evaluate on."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    plots: str | None = typer.Option(
        None, "--plots", help="Write confusion-matrix and reliability PNGs here (needs matplotlib)."
    ),
    allow_version_mismatch: AllowMismatch = False,
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
        schema=schema_of(schema),
        allow_version_mismatch=allow_version_mismatch,
        columns=columns,
    )
    for w in report["warnings"]:
        warn(w)
    typer.echo(json.dumps(report, indent=2) if as_json else format_report(report))


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
    allow_version_mismatch: AllowMismatch = False,
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
        0.95,
        "--reject-precision",
        min=0.0,
        max=1.0,
        help="Share of rejected comments that must truly be abusive.",
    ),
    approve_precision: float | None = typer.Option(
        None,
        "--approve-precision",
        min=0.0,
        max=1.0,
        help="Share of approved comments that must truly be civil (approve when P(civil) is high).",
    ),
    approve_npv: float | None = typer.Option(
        None,
        "--approve-npv",
        min=0.0,
        max=1.0,
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
    allow_version_mismatch: AllowMismatch = False,
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
    base = "the default policy" if fit.base == "<default policy>" else fit.base
    header = (
        f"Fitted by `stance policy fit` on {file} ({fit.rows} rows, {fit.source}).\n"
        + "".join(f"{k}: {v:.3f}\n" for k, v in fit.achieved.items())
        + "shares: "
        + ", ".join(f"{a} {s:.1%}" for a, s in fit.shares.items())
        + "".join(f"\nkept from {base}: {_rule_text(r)}" for r in fit.kept)
    )
    with atomic_write(out) as f:
        f.write(fit.policy.to_toml(header=header))
    typer.echo(f"wrote {out} ({fit.rows} rows, {fit.source})")
    for rule in fit.policy.rules:
        kept = f" (kept from {base})" if any(rule is r for r in fit.kept) else ""
        typer.echo(f"  {_rule_text(rule)}{kept}")
    typer.echo(f"  otherwise: {fit.policy.otherwise}")
    for key, value in fit.achieved.items():
        typer.echo(f"  {key.replace('_', ' ')}: {value:.3f}")
    typer.echo("  actions: " + ", ".join(f"{a} {s:.1%}" for a, s in fit.shares.items()))


def _rule_text(rule: Any) -> str:
    """`review: tone abusive >= 0.4000`: a rule on one line, thresholds to 4 decimals."""
    return f"{rule.action}: {rule.head} {'+'.join(rule.labels)} {rule.condition(4)}"
