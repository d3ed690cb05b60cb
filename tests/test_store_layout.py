"""The store is the bottom layer and holds all SQL of the project: nothing else speaks SQL
or touches a table directly."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("rivalscope", "crawlers", "nlp", "reports", "benchmarks")
# SQL in a string literal...
SQL = re.compile(
    r"\b(select\s+(distinct\s+)?[\w*.,()' |]+\s+from|insert\s+(or\s+\w+\s+)?into|"
    r"update\s+\w+\s+set|delete\s+from|create\s+(virtual\s+)?(table|index)|pragma\s+\w+|"
    r"group\s+by\s+\w|order\s+by\s+\w+\s+(asc|desc))\b",
    re.IGNORECASE,
)
# ... or a table reached through sqlite-utils or a connection.
TABLE_ACCESS = re.compile(
    r"\bdb\[|\.(rows_where|delete_where|executemany|executescript)\(|\bdb\.(execute|query)\(|"
    r"\bsqlite3\.connect\("
)


def sql_outside_store() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            where = path.relative_to(ROOT)
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                        and SQL.search(node.value):
                    found.append(f"{where}:{node.lineno}: SQL in {node.value[:60]!r}")
            for number, line in enumerate(source.splitlines(), 1):
                if TABLE_ACCESS.search(line):
                    found.append(f"{where}:{number}: table access {line.strip()[:70]!r}")
    return found


def test_no_sql_outside_the_store() -> None:
    assert sql_outside_store() == []


@pytest.mark.parametrize("text", [
    'db.execute("select count(*) from articles")',
    "rows = db['leads'].rows_where(order_by='id')",
    'x = "insert into leads values (?)"',
    'y = "SELECT a.title, a.source FROM articles a"',
])
def test_the_sql_check_sees_sql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                text: str) -> None:
    """The check itself finds SQL (else the test above could never fail)."""
    package = tmp_path / "rivalscope"
    package.mkdir()
    (package / "module.py").write_text(text + "\n")
    for other in PACKAGES[1:]:
        (tmp_path / other).mkdir()
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert sql_outside_store()


def test_store_modules_are_small() -> None:
    """The store's biggest module stays under 400 lines."""
    sizes = {p.name: len(p.read_text().splitlines()) for p in (ROOT / "store").glob("*.py")}
    assert max(sizes.values()) < 400, sizes
