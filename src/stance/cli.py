"""The `stance` command line: a thin shell over the library.

Each command parses its options, calls one library function and renders the result.
Errors the user can fix (`StanceError`) become one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from stance.errors import StanceError


class _Group(TyperGroup):
    """Turns every `StanceError` raised below into `stance: error: ...` and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except StanceError as exc:
            typer.echo(f"stance: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    help="Separate news pages from their reader comments, then label, train, evaluate "
    "and score comments for stance and tone.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    typer.echo(f"stance: warning: {message}", err=True)


def is_terminal(stream: Any = None) -> bool:
    """True when output goes to an interactive terminal (progress bars, colour)."""
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


# ---- commands: split (separate.py) ------------------------------------------------


# ---- commands: labels check, convert, train, evaluate (labels.py, model.py, ...) -----


# ---- commands: score, policy fit, explain (score.py, policy.py) ----------------------


def main() -> None:
    """Console-script entry point."""
    app(prog_name="stance")
