"""Analysts' accounts and sessions, revocable on the server.

The session cookie is signed but lives on the client, so it cannot be deleted from the
server. Each account has a session version; a session carries the version it was started
with and is accepted only while the account still has it. Signing out, a new password or
removing the account raise (or drop) the version, so every copy of every cookie of that
analyst stops working at once.
"""

from __future__ import annotations

from flask import g, session
from werkzeug.security import check_password_hash, generate_password_hash

import store
from rivalscope.site.db import get_db, write_lock

# Checked when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password")
MIN_PASSWORD_LENGTH = 8


def set_password(db, username: str, password: str) -> None:
    """Create the account or change its password (stored as a salted hash); ends its sessions."""
    store.save_user(db, username, generate_password_hash(password))


def check_credentials(username: str, password: str) -> dict | None:
    """The account when the password is right, else None (same work either way)."""
    account = store.find_user(get_db(), username)
    password_hash = account["password_hash"] if account else _DUMMY_HASH
    if check_password_hash(password_hash, password) and account:
        return account
    return None


def start_session(account: dict) -> None:
    """A fresh session (nothing planted before sign-in survives) for this account."""
    session.clear()
    session["analyst"] = account["username"]
    session["sv"] = account["session_version"]
    session.permanent = True
    g.analyst = account["username"]


def end_all_sessions(username: str) -> None:
    with write_lock:
        store.end_sessions(get_db(), username)
    session.clear()
    g.analyst = None


def load_analyst() -> None:
    """Before each request: g.analyst is the signed-in analyst, if the session is still valid."""
    g.analyst = None
    username = session.get("analyst")
    if not username:
        return
    account = store.find_user(get_db(), username)
    if account is None or account["session_version"] != session.get("sv"):
        session.clear()
        return
    g.analyst = username
