"""One store connection per thread (SQLite connections are thread-bound; waitress uses a pool)."""

from __future__ import annotations

import threading

from flask import current_app
from sqlite_utils import Database

import store

_local = threading.local()


def get_db() -> Database:
    """The store of the current app, opened once per thread."""
    path = str(current_app.config["DB_PATH"])
    cache: dict[str, Database] = _local.__dict__.setdefault("dbs", {})
    db = cache.get(path)
    if db is None:
        db = store.connect(path)
        cache[path] = db
    return db


def prepare(path: str) -> None:
    """Create or migrate the store once, before the first request."""
    store.open_db(path).close()
