"""Opening the store: one SQLite file in WAL mode, created and migrated on demand."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlite_utils import Database

from store.schema import ensure_schema

# Every SQLite 3 database file starts with these 16 bytes.
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreUnavailable(Exception):
    """The store cannot be opened as asked (missing, or not a store); the message says why."""


def open_db(path: str | Path | None = None, *, memory: bool = False,
            create: bool = True) -> Database:
    """Open the store at path in WAL mode, migrating it to the current schema.

    create=True makes the folders and an empty store when none is there. create=False (every
    command that only reads) raises StoreUnavailable for a missing file, a file that is not
    SQLite or an SQLite file that is not a store, and writes nothing in those cases.
    """
    if memory:
        db = Database(memory=True)
    else:
        if path is None:
            raise ValueError("a store path is needed unless memory=True")
        path = Path(path)
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            check_existing_store(path)
        db = Database(path)
    # The timeout first: switching to WAL needs a lock that a running crawl may hold.
    db.execute("PRAGMA busy_timeout = 30000")
    try:
        if not memory:
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = OFF")
    except sqlite3.DatabaseError as error:
        db.close()
        raise StoreUnavailable(f"{path} is not a usable SQLite store ({error})") from None
    # sqlite-utils would otherwise probe upsert support by creating and dropping a scratch
    # table in the store on first use: a write (waiting on any running writer) from every
    # reader that opens it. Every SQLite that Python 3.11 ships has upserts (3.24+).
    db._supports_on_conflict = sqlite3.sqlite_version_info >= (3, 24, 0)
    ensure_schema(db)
    return db


def check_existing_store(path: Path) -> None:
    """StoreUnavailable unless path is an SQLite file holding a store (read, never written)."""
    if not path.exists():
        raise StoreUnavailable(f"there is no store at {path}")
    if not path.is_file():
        raise StoreUnavailable(f"{path} is not a file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreUnavailable(f"{path} is not an SQLite file")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as probe:
            found = probe.execute(
                "select 1 from sqlite_master where type = 'table' and name = 'articles'"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise StoreUnavailable(f"{path} is not a readable SQLite file ({error})") from None
    if not found:
        raise StoreUnavailable(f"{path} is an SQLite file but not a Rivalscope store")


def unsafe_fast_writes(db: Database) -> None:
    """No fsync per transaction: for building throw-away stores (benchmarks) only."""
    db.execute("PRAGMA synchronous = OFF")


def connect(path: str | Path) -> Database:
    """A plain connection to a store already opened once with open_db (no migration): for
    the site's per-thread connections."""
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    # In WAL mode NORMAL keeps the store consistent through any crash and skips an fsync per
    # commit (a lead form waited ~10 ms for it); only a power cut can lose the last commits.
    db.execute("PRAGMA synchronous = NORMAL")
    return db
