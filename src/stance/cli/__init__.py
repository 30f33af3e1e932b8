"""The `stance` command line (entry point `stance.cli:main`); see `stance.cli.app`."""

from stance.cli import labelling, modelling, prepare, review, scoring  # noqa: F401  (registers the commands)
from stance.cli.app import app


def main() -> None:
    """Console-script entry point."""
    app(prog_name="stance")


__all__ = ["app", "main"]
