"""Options shared by several commands."""

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
