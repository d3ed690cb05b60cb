"""Options and errors shared by several commands.

The environment is read once, into the Settings object the `rivalscope` group puts in the
click context; an option left out takes its value from there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from rivalscope.settings import Settings, SettingsError


def current_settings(ctx: click.Context | None = None) -> Settings:
    """The settings of this invocation (read from the environment once, by the group)."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        try:
            root.obj = Settings.from_env()
        except SettingsError as error:
            raise click.ClickException(str(error)) from error
    return root.obj


def _from_settings(name: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None:
            return value
        chosen = getattr(current_settings(ctx), name)
        return str(chosen) if param.name == "db_path" else chosen
    return callback


db_option: Callable[[Any], Any] = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), default=None,
    callback=_from_settings("db_path"),
    help="The SQLite store [default: $RIVALSCOPE_DB, else rivalscope.db in the instance "
         "folder].",
)

pdf_dir_option: Callable[[Any], Any] = click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    callback=_from_settings("pdf_dir"),
    help="Where the PDFs are kept [default: $RIVALSCOPE_PDF_DIR, else pdfs/ in the instance "
         "folder].",
)

sources_option: Callable[[Any], Any] = click.option(
    "--sources-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None, callback=_from_settings("sources_file"),
    help="A sources.toml to use instead of the shipped list [default: $RIVALSCOPE_SOURCES].",
)


class StoreError(click.ClickException):
    """The store named by --db cannot be used (missing, not SQLite, not a store)."""

    exit_code = 2

    def __init__(self, problem: str) -> None:
        super().__init__(
            f"{problem}: give the right --db (or $RIVALSCOPE_DB), or fill a store first "
            "with `rivalscope crawl` or `rivalscope demo`")
