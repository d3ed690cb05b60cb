"""The `rivalscope` command: a thin click layer over the library functions."""

from __future__ import annotations

import importlib
from typing import Any

import click

import store
from rivalscope.cli_options import StoreError, current_settings

# Each module lists its commands in COMMANDS; one module per area keeps the CLI small.
COMMAND_MODULES = ("demo", "nlp", "extraction", "crawl", "render", "site", "refresh")


class RivalscopeGroup(click.Group):
    """Turns a store that cannot be opened (store.StoreUnavailable, from the commands that
    only read it) into a one-line error with exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except store.StoreUnavailable as error:
            raise StoreError(str(error)) from error


@click.group(cls=RivalscopeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rivalscope")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Rivalscope: competitive-intelligence company profiles built from automotive news.

    Settings come from the environment (RIVALSCOPE_DB, RIVALSCOPE_PDF_DIR,
    RIVALSCOPE_INSTANCE, ...; see rivalscope.settings), read once here.
    """
    current_settings(ctx)


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"rivalscope.commands.{_name}").COMMANDS:
        main.add_command(_command)
