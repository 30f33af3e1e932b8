"""`stance review`: the local page where a moderator works the queue and labels as they go."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import typer

from stance.cli.app import AllowMismatch, SchemaOption, app, schema_of, warn


def default_decisions(labels: str) -> str:
    """The decisions file beside the labels file: mine/labels.csv -> mine/labels-decisions.csv."""
    p = Path(labels)
    return str(p.with_name(f"{p.stem}-decisions.csv"))


@app.command("review")
def review_cmd(
    file: str = typer.Argument(
        ..., help="A scored file (stance score, best with --spans) or a stance suggest batch."
    ),
    model: str | None = typer.Option(
        None, "--model", help="Score FILE with this model directory first (any table with text)."
    ),
    labels: str = typer.Option(
        "mine/labels.csv",
        "--labels",
        help="The labelling file each decision is appended to (CSV; kept valid for "
        "stance labels check; keep it outside labels/, which stance train reads whole).",
    ),
    decisions: str | None = typer.Option(
        None,
        "--decisions",
        help="The decisions file for a CMS: id, action, stance, tone, decided_at "
        "(default: beside --labels, NAME-decisions.csv).",
    ),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port (0: a free one)."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Interface to listen on (only this machine by default)."
    ),
    no_open: bool = typer.Option(False, "--no-open", help="Do not open the page in a browser."),
    schema: SchemaOption = None,
    allow_version_mismatch: AllowMismatch = False,
) -> None:
    """Work a queue in the browser: approve, reject, label stance and tone, with keys.

    Prints the page's address (with its access token) as the first line, opens it, and
    serves until Ctrl-C. Each decision goes at once to the labels file and the decisions
    file; a reload or a restart carries on where the queue was.
    """
    from stance.review import load_queue, open_session
    from stance.review.server import bind, import_web

    import_web()  # a missing extra fails before the queue is read
    queue = load_queue(file, model=model, allow_version_mismatch=allow_version_mismatch)
    session = open_session(queue, labels, decisions or default_decisions(labels), schema_of(schema))
    server = bind(session, host, port)
    typer.echo(server.url)
    for w in queue.warnings:
        warn(w)
    if session.restored:
        warn(
            f"{session.restored} labels rows restored from {session.decisions.path} "
            "(the last run stopped between its two writes)"
        )
    counts = session.counts()
    typer.echo(
        f"stance: reviewing {len(queue.items)} comments from {file} ({counts['open']} open, "
        f"{counts['skip']} skipped); labels -> {labels}, decisions -> "
        f"{session.decisions.path}; Ctrl-C to stop",
        err=True,
    )
    if not no_open:
        webbrowser.open(server.url)
    server.serve()
    counts = session.counts()
    typer.echo(
        f"stance: review stopped: {counts['approve']} approved, {counts['reject']} rejected, "
        f"{counts['skip']} skipped, {counts['open']} open",
        err=True,
    )
