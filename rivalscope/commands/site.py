"""`rivalscope serve` (development server) and `rivalscope users ...` (analyst accounts)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

import store
from rivalscope.cli_options import current_settings, db_option


def development_app(db_path: str):
    """The site as the development server runs it: plain http, so no Secure cookie flag
    (a browser or script on http://127.0.0.1 would never send a Secure cookie back)."""
    from rivalscope.site import create_app

    return create_app({"SESSION_COOKIE_SECURE": False},
                      settings=replace(current_settings(), db_path=Path(db_path)))


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True,
              help="Port to listen on.")
def serve(db_path: str, host: str, port: int) -> None:
    """Run the sales site with Flask's development server (plain http).

    For production use waitress behind a TLS proxy, as the README shows.
    """
    development_app(db_path).run(host=host, port=port, debug=False, use_reloader=False)


@click.group()
def users() -> None:
    """Analysts who may sign in to the site."""


def _username(username: str) -> str:
    if not username.strip() or len(username) > 80:
        raise click.BadParameter("give a name of 1 to 80 characters", param_hint="USERNAME")
    return username.strip()


def _check_password(password: str) -> None:
    from rivalscope.site.accounts import MIN_PASSWORD_LENGTH

    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.BadParameter(f"use at least {MIN_PASSWORD_LENGTH} characters",
                                 param_hint="--password")


@users.command("add")
@db_option
@click.argument("username")
@click.password_option(help="The password (prompted for, twice, when not given).")
def users_add(db_path: str, username: str, password: str) -> None:
    """Create USERNAME, or set a new password if it exists (ending its sessions)."""
    from rivalscope.site.accounts import set_password

    username = _username(username)
    _check_password(password)
    set_password(store.open_db(db_path), username, password)
    click.echo(f"analyst {username} can now sign in")


@users.command("passwd")
@db_option
@click.argument("username")
@click.password_option(help="The new password (prompted for, twice, when not given).")
def users_passwd(db_path: str, username: str, password: str) -> None:
    """Give USERNAME a new password; every session the analyst has open ends."""
    from rivalscope.site.accounts import set_password

    db = store.open_db(db_path)
    username = _username(username)
    if store.find_user(db, username) is None:
        raise click.ClickException(f"there is no analyst {username!r}: "
                                   "`rivalscope users list` shows who there is")
    _check_password(password)
    set_password(db, username, password)
    click.echo(f"new password set for {username}; their open sessions have ended")


@users.command("list")
@db_option
def users_list(db_path: str) -> None:
    """The analysts who may sign in, with when each was added."""
    accounts = store.users(store.open_db(db_path))
    if not accounts:
        click.echo("no analysts yet: add one with `rivalscope users add NAME`")
    for account in accounts:
        click.echo(f"{account['username']}\tadded {account['created_at']}")


@users.command("remove")
@db_option
@click.argument("username")
def users_remove(db_path: str, username: str) -> None:
    """Remove USERNAME: the account and every session it has open end now."""
    if not store.delete_user(store.open_db(db_path), username.strip()):
        raise click.ClickException(f"there is no analyst {username.strip()!r}: "
                                   "`rivalscope users list` shows who there is")
    click.echo(f"analyst {username.strip()} removed; their open sessions have ended")


COMMANDS: list[click.Command] = [serve, users]
