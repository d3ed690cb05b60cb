"""Analysts' accounts of the sales site, with the session version that lets the server end
every session of an analyst (sign-out everywhere, a new password, a removed account)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from store.ids import now


def find_user(db: Database, username: str) -> dict[str, Any] | None:
    """An analyst's account row (session_version 0 when never set), else None."""
    rows = list(db.query(
        "select username, password_hash, created_at, coalesce(session_version, 0) "
        "as session_version from users where username = ?", [username]))
    return rows[0] if rows else None


def users(db: Database) -> list[dict[str, Any]]:
    """Every analyst account, by name (no password hashes)."""
    return list(db.query("select username, created_at from users order by username"))


def save_user(db: Database, username: str, password_hash: str) -> None:
    """Create an account or give it a new password (the caller hashes it); either way its
    sessions end."""
    with db.conn:
        db.execute(
            "insert into users (username, password_hash, created_at, session_version) "
            "values (?, ?, ?, 1) on conflict(username) do update set "
            "password_hash = excluded.password_hash, "
            "session_version = coalesce(users.session_version, 0) + 1",
            [username, password_hash, now()])


def end_sessions(db: Database, username: str) -> None:
    """Every session of this analyst stops being accepted."""
    with db.conn:
        db.execute("update users set session_version = coalesce(session_version, 0) + 1 "
                   "where username = ?", [username])


def delete_user(db: Database, username: str) -> bool:
    """Remove an account (its sessions end with it); False when there was none."""
    with db.conn:
        return db.execute("delete from users where username = ?", [username]).rowcount > 0
