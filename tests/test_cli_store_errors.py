"""Commands that only read the store never create one: a wrong --db is a one-line error
with exit status 2, and leaves no folder or file behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rivalscope.cli import main

READ_ONLY = [
    ["companies"], ["company", "Volkswagen"], ["sources"], ["runs"],
    ["profile", "Volkswagen", "-o", "unused.pdf"], ["render", "--all"], ["extract"],
]


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def assert_clear_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert message.startswith("Error: ") and "\n" not in message, message
    assert "--db" in message
    for word in words:
        assert word in message
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_a_store_in_a_missing_folder_is_an_error_and_creates_nothing(runner, tmp_path: Path,
                                                                     command) -> None:
    missing = tmp_path / "nonexistent" / "dir" / "x.db"
    result = runner.invoke(main, [*command, "--db", str(missing)])
    assert_clear_error(result, "no store", str(missing))
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_a_typo_in_the_store_name_is_an_error_and_creates_nothing(runner, tmp_path: Path,
                                                                  db_path: Path, command) -> None:
    typo = db_path.with_name("rivalscpe.db")
    before = files_under(tmp_path)
    result = runner.invoke(main, [*command, "--db", str(typo)])
    assert_clear_error(result, "no store", str(typo))
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_a_file_that_is_not_sqlite_is_an_error_and_is_left_alone(runner, tmp_path: Path,
                                                                 command) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes, not a database\n" * 10)
    before = files_under(tmp_path)
    result = runner.invoke(main, [*command, "--db", str(notes)])
    assert_clear_error(result, "not an SQLite file")
    assert notes.read_text() == "these are my notes, not a database\n" * 10
    assert files_under(tmp_path) == before


def test_an_sqlite_file_of_another_program_is_not_taken_for_a_store(runner,
                                                                    tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("create table notes (text)")
    connection.close()
    result = runner.invoke(main, ["companies", "--db", str(other)])
    assert_clear_error(result, "not a Rivalscope store")
    with sqlite3.connect(other) as connection:
        tables = {r[0] for r in connection.execute("select name from sqlite_master")}
    connection.close()
    assert tables == {"notes"}


def test_read_only_commands_still_read_an_existing_store(runner, db_path: Path) -> None:
    result = runner.invoke(main, ["companies", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
