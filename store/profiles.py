"""What a company profile is built from: its facts joined to the articles they came from."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

# Interpolated into queries below: a constant, never data (values are always bound).
ARTICLE_COLUMNS = "a.title, a.source, a.published, coalesce(a.canonical_url, a.url) as url"


def names_and_aliases(db: Database) -> list[dict[str, Any]]:
    """Every company name with each of its aliases (alias None for a company without any)."""
    return list(db.query("select c.name, a.alias from companies c left join company_aliases a "
                         "on a.company_id = c.id"))


def aliases_of(db: Database, company_id: str) -> list[str]:
    """A company's aliases (its own name among them when stored as one)."""
    return [r["alias"] for r in db["company_aliases"].rows_where(
        "company_id = ?", [company_id])]


def subsidiaries_of(db: Database, company_id: str) -> list[str]:
    """The names of the companies whose parent is this one, by name."""
    return [r["name"] for r in db["companies"].rows_where(
        "parent_id = ?", [company_id], order_by="name")]


def people_of(db: Database, company_id: str) -> list[dict[str, Any]]:
    """The company's people with their articles, newest report first."""
    return list(db.query(
        f"select p.*, {ARTICLE_COLUMNS} from people p join articles a on a.id = p.article_id "  # noqa: S608
        "where p.company_id = ? order by a.published desc", [company_id]))


def deal_count(db: Database, company_id: str) -> int:
    """How many deals the company is a party to."""
    return db.execute("select count(distinct deal_id) from deal_parties where company_id = ?",
                      [company_id]).fetchone()[0]


def deals_of(db: Database, company_id: str, limit: int) -> list[dict[str, Any]]:
    """The company's newest deals (at most limit)."""
    return list(db.query(
        "select d.* from deals d where d.id in "
        "(select deal_id from deal_parties where company_id = ?) "
        "order by d.date desc, d.id limit ?", [company_id, limit]))


def parties_of(db: Database, deal_id: str) -> list[dict[str, Any]]:
    """A deal's parties: name, role and company id."""
    return list(db.query(
        "select c.name, p.role, c.id from deal_parties p join companies c "
        "on c.id = p.company_id where p.deal_id = ?", [deal_id]))


def evidence_of(db: Database, deal_id: str) -> list[dict[str, Any]]:
    """A deal's evidence with its articles, oldest first."""
    return list(db.query(
        f"select e.*, {ARTICLE_COLUMNS} from deal_evidence e join articles a "  # noqa: S608
        "on a.id = e.article_id where e.deal_id = ? order by e.date", [deal_id]))


def fleet_of(db: Database, company_id: str) -> list[dict[str, Any]]:
    """The company's fleet figures with their articles, newest and largest first."""
    return list(db.query(
        f"select f.*, {ARTICLE_COLUMNS} from fleet_figures f join articles a "  # noqa: S608
        "on a.id = f.article_id where f.company_id = ? order by f.as_of desc, f.count desc",
        [company_id]))


def news_of(db: Database, company_id: str, limit: int) -> list[dict[str, Any]]:
    """The newest articles that mention the company (at most limit)."""
    return list(db.query(
        f"select distinct {ARTICLE_COLUMNS} from articles a join mentions m "  # noqa: S608
        "on m.article_id = a.id where m.company_id = ? "
        "order by a.published desc limit ?", [company_id, limit]))


def mentioned_alongside(db: Database, company_id: str, limit: int) -> dict[str, int]:
    """Other companies' names -> how many articles mention them with this one (most first)."""
    return {r["name"]: r["n"] for r in db.query(
        "select c.name, count(distinct m2.article_id) as n from mentions m1 "
        "join mentions m2 on m2.article_id = m1.article_id and m2.company_id != m1.company_id "
        "join companies c on c.id = m2.company_id where m1.company_id = ? "
        "group by c.id order by n desc, c.name limit ?", [company_id, limit])}


def articles_together(db: Database, company_id: str, other_name: str) -> int:
    """How many articles name both companies: both mentioned, or a report of a deal between
    them (its sentence names both)."""
    return db.execute(
        "select count(*) from (select m1.article_id from mentions m1 join mentions m2 "
        "on m2.article_id = m1.article_id join companies c on c.id = m2.company_id "
        "where m1.company_id = ? and c.name = ? union select e.article_id "
        "from deal_evidence e join deal_parties p1 on p1.deal_id = e.deal_id "
        "join deal_parties p2 on p2.deal_id = e.deal_id join companies c "
        "on c.id = p2.company_id where p1.company_id = ? and c.name = ?)",
        [company_id, other_name, company_id, other_name]).fetchone()[0]


def mention_dates(db: Database, company_id: str) -> list[str | None]:
    """The publication date of the article of each of the company's mentions."""
    return [r["published"] for r in db.query(
        "select a.published from mentions m join articles a on a.id = m.article_id "
        "where m.company_id = ?", [company_id])]


def latest_mention_date(db: Database, company_id: str) -> str | None:
    """The publication date of the newest article that mentions the company."""
    return db.execute(
        "select max(a.published) from articles a join mentions m on m.article_id = a.id "
        "where m.company_id = ?", [company_id]).fetchone()[0]
