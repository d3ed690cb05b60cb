"""Options and errors shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from rivalscope import config

db_option: Callable[[Any], Any] = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    envvar=config.DB_ENV,
    default=str(config.DEFAULT_DB),
    show_default=True,
    help=f"The SQLite store (environment: {config.DB_ENV}).",
)


class StoreError(click.ClickException):
    """The store named by --db cannot be used (missing, not SQLite, not a store)."""

    exit_code = 2

    def __init__(self, problem: str) -> None:
        super().__init__(
            f"{problem}: give the right --db (or ${config.DB_ENV}), or fill a store first "
            "with `rivalscope crawl` or `rivalscope demo`")
