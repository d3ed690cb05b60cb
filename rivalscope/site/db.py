"""One store connection per thread (SQLite connections are thread-bound; waitress uses a pool)."""

from __future__ import annotations

import threading

from flask import current_app
from sqlite_utils import Database

import store

_local = threading.local()
# SQLite takes one writer at a time and makes the others poll with growing sleeps (up to
# 100 ms each); threads of this process queue on this lock instead and go the moment the
# previous write commits. (Other processes, a refresh for one, still meet the busy timeout.)
write_lock = threading.Lock()


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
