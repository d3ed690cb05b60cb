"""The `rivalscope` command: a thin click layer over the library functions."""

from __future__ import annotations

import importlib

import click

# Each module lists its commands in COMMANDS; one module per area keeps the CLI small.
COMMAND_MODULES = ("demo", "nlp", "extraction", "crawl", "render", "site", "refresh")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rivalscope")
def main() -> None:
    """Rivalscope: competitive-intelligence company profiles built from automotive news."""


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"rivalscope.commands.{_name}").COMMANDS:
        main.add_command(_command)
