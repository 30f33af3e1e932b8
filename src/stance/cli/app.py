"""The `stance` command line: the shell every command shares.

Each command parses its options, calls one library function and renders the result.
Errors the user can fix (`StanceError`) become one line on stderr and a non-zero exit.
The commands live by pipeline stage: `prepare.py` (split, labels check, convert),
`modelling.py` (train, evaluate, audit, policy fit), `scoring.py` (score, explain),
`labelling.py` (suggest), `review.py` (review).

The modules that import pandas, scikit-learn, dask or the review page's web stack (labels,
convert, model, persist, evaluation, score, audit, review) are imported inside the
commands that use them, so that `stance --help` and `stance split` start fast.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from stance import __version__
from stance.errors import StanceError


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


_SCHEMA_HELP = "Label schema TOML (default: labels/schema.toml if present, else built-in)."
_COL_HELP = "Column holding the {}, for files not in the labelling shape."
# Options shared by `labels check`, `train` and `evaluate` (`--schema` also by `convert`
# and `review`).
SchemaOption = Annotated[str | None, typer.Option("--schema", help=_SCHEMA_HELP)]
_IdCol = Annotated[str | None, typer.Option("--id-col", help=_COL_HELP.format("id"))]
_TextCol = Annotated[str | None, typer.Option("--text-col", help=_COL_HELP.format("text"))]
_TargetCol = Annotated[str | None, typer.Option("--target-col", help=_COL_HELP.format("target"))]
_StanceCol = Annotated[str | None, typer.Option("--stance-col", help=_COL_HELP.format("stance"))]
_ToneCol = Annotated[str | None, typer.Option("--tone-col", help=_COL_HELP.format("tone"))]
# Every command that loads a model takes it (the version-mismatch error advises it).
AllowMismatch = Annotated[
    bool,
    typer.Option(
        "--allow-version-mismatch",
        help="Load a model saved with another scikit-learn version anyway (predictions may "
        "differ or fail).",
    ),
]


def schema_of(path: str | None) -> Any:
    from stance.labels import find_schema, load_schema

    return load_schema(path) if path else find_schema()


#: The options `label_options` adds, in the order --help lists them.
_LABEL_OPTIONS = {
    "schema": SchemaOption,
    "id_col": _IdCol,
    "text_col": _TextCol,
    "target_col": _TargetCol,
    "stance_col": _StanceCol,
    "tone_col": _ToneCol,
}


def label_options(command: Callable[..., None]) -> Callable[..., None]:
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
