"""`stance train`, `stance evaluate`, `stance audit`, `stance policy fit`: a model, measured."""

from __future__ import annotations

import json
import sys
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
        schema=schema_of(schema),
        columns=columns,
    )
    for w in result.warnings:
        warn(w)
    path = save_model(result, out, format=fmt)
    typer.echo(f"saved {path}")
    for line in result.summary_lines():
        typer.echo(f"  {line}")


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
