"""`rivalscope serve` (development server) and `rivalscope users add` (analyst accounts)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

import store
from rivalscope.cli_options import current_settings, db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True,
              help="Port to listen on.")
def serve(db_path: str, host: str, port: int) -> None:
    """Run the sales site with Flask's development server.

    For production use waitress:
    `waitress-serve --host 127.0.0.1 --port 8080 --call rivalscope.site:create_app`.
    """
    from rivalscope.site import create_app

    app = create_app(settings=replace(current_settings(), db_path=Path(db_path)))
    # Plain http while developing: a Secure cookie would not come back from http://host.
    app.config["SESSION_COOKIE_SECURE"] = host in ("127.0.0.1", "localhost")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@click.group()
def users() -> None:
    """Analysts who may sign in to the site."""


@users.command("add")
@db_option
@click.argument("username")
@click.password_option(help="The password (prompted for, twice, when not given).")
def users_add(db_path: str, username: str, password: str) -> None:
    """Create USERNAME, or set a new password if it exists."""
    from rivalscope.site.analysts import add_user

    if not username.strip() or len(username) > 80:
        raise click.BadParameter("give a name of 1 to 80 characters", param_hint="USERNAME")
    if len(password) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="--password")
    add_user(store.open_db(db_path), username.strip(), password)
    click.echo(f"analyst {username.strip()} can now sign in")


COMMANDS: list[click.Command] = [serve, users]
