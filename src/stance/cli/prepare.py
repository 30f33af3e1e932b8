"""`stance split`, `stance labels check` and `stance convert`: stage 1 and the labelling files."""

from __future__ import annotations

from typing import Any

import typer

from stance.cli.app import SchemaOption, app, label_options, schema_of, warn
from stance.errors import LabelError
from stance.io import atomic_write
from stance.tables import write_table


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
    # here: the splitter's patterns take 20 ms to import, which other commands need not pay
    from stance.split.document import format_for, render
    from stance.split.files import split_paths

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


labels_app = typer.Typer(
    help="Check labelling files against labels/schema.toml.", no_args_is_help=True
)
app.add_typer(labels_app, name="labels")


@labels_app.command("check")
@label_options
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
    for s in check_files(files, columns=columns, schema=schema_of(schema)):
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
        "uncivilcongress, multitarget, gwsd; or a label tool's export: "
        "labelstudio (JSON), doccano (JSONL).",
    ),
    src: str = typer.Argument(
        ..., help="The data set's file, as its authors published it (or the tool exported it)."
    ),
    out: str = typer.Option(..., "--out", "-o", help="Output labelling file (.csv, ...)."),
    schema: SchemaOption = None,
) -> None:
    """Convert a public data set or a label tool's export into the labelling format.

    The public sets' mappings are in labels/SOURCES.md; a label tool's choices must be
    labels of the schema, and its texts are kept exactly as exported.
    """
    from stance.convert import convert

    df = convert(fmt, src, schema_of(schema))
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
