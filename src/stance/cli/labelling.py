"""`stance suggest`: the comments to label next (active learning)."""

from __future__ import annotations

from typing import Literal

import typer

from stance.cli.app import AllowMismatch, app, warn


@app.command("suggest")
def suggest_cmd(
    model: str = typer.Argument(..., help="Model directory (models/NAME)."),
    pool: list[str] = typer.Argument(
        ..., help="Comments to choose from: tables, text or HTML pages, folders, - for stdin."
    ),
    n: int = typer.Option(20, "-n", min=1, help="Comments to suggest."),
    out: str = typer.Option(
        ..., "--out", "-o", help="The batch to label (.csv .tsv .jsonl .parquet)."
    ),
    fmt: Literal["csv", "labelstudio", "doccano"] = typer.Option(
        "csv",
        "--format",
        help="csv: the labelling table (its format from -o's extension); labelstudio: "
        "Label Studio tasks (JSON) with the suggestions as pre-annotations; doccano: "
        "doccano JSONL. See stance.labeltools for the label names.",
    ),
    exclude: list[str] = typer.Option(
        [],
        "--exclude",
        help="Labelled files: their ids and texts are skipped, and their labels say which "
        "classes are rare (repeat the option for more files).",
    ),
    head: Literal["stance", "tone", "both"] = typer.Option(
        "both", "--head", help="The head(s) whose uncertainty picks the comments."
    ),
    seed: int = typer.Option(0, "--seed", help="Breaks ties: the same seed, the same batch."),
    text_col: str = typer.Option("text", "--text-col", help="Column holding the comment."),
    id_col: str | None = typer.Option(None, "--id-col", help="Column naming rows (default: id)."),
    target: str | None = typer.Option(None, "--target", help="Stance target for all rows."),
    allow_version_mismatch: AllowMismatch = False,
) -> None:
    """Suggest the N comments whose labels would teach the model most.

    Picks the comments the model is least sure of, no two near-duplicates, with a share
    for likely members of classes that have almost no labelled rows; writes them in the
    labelling format with the model's suggested labels, their probabilities and why
    each was picked. Fill in the stance and tone columns.
    """
    from stance.labeltools import write_tasks
    from stance.score.inputs import ScoreOptions
    from stance.suggest import suggest
    from stance.tables import write_table

    opts = ScoreOptions(text_col=text_col, id_col=id_col, target=target)
    result = suggest(
        model,
        pool,
        n,
        options=opts,
        exclude=exclude,
        heads=head,
        seed=seed,
        allow_version_mismatch=allow_version_mismatch,
    )
    for w in result.warnings:
        warn(w)
    if fmt == "csv":
        write_table(result.batch, out)
    else:
        write_tasks(result.batch, out, fmt)
    typer.echo(
        f"{len(result.batch)} comments suggested from {result.candidates:,} candidates "
        f"({result.pool_rows:,} rows read, {result.excluded:,} already labelled) -> {out}"
    )
