"""The command line: every command is documented and reachable."""

from __future__ import annotations

import click
import pytest

from rivalscope.cli import main

COMMANDS = sorted(main.commands)


def test_stable_commands_exist() -> None:
    assert {"demo", "analyze", "extract-html", "profile", "render", "extract"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_text(runner, name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help text"
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
