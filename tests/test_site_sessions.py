"""Sessions end on the server: sign-out, a new password or removal refuse every old cookie."""

from __future__ import annotations

import pytest
from site_fixtures import ANALYST
from site_helpers import csrf_token, fetch, sign_in

import store
from rivalscope.cli import main
from rivalscope.site.accounts import set_password

COOKIE = "rivalscope_session"
ANALYST_PAGES = ["/analysts/leads", "/analysts/leads.csv",
                 "/analysts/companies/voltaro-motors/full.pdf"]


def signed_in_client(app, username: str, password: str):
    client = app.test_client()
    assert sign_in(client, username, password).status_code == 302
    assert fetch(client, "/analysts/leads").status_code == 200
    return client


def cookie_of(client) -> str:
    return client.get_cookie(COOKIE).value


def with_cookie(app, value: str):
    client = app.test_client()
    client.set_cookie(COOKIE, value)
    return client


def refused(client) -> bool:
    return all(fetch(client, url).status_code == 302 for url in ANALYST_PAGES)


def sign_out(client) -> None:
    page = client.get("/analysts/leads")
    response = client.post("/analysts/logout", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302


@pytest.fixture
def grace(app, site_store):
    """An analyst of this test's own (so changing her password touches no other test)."""
    set_password(store.open_db(site_store["db"]), "grace", "compiler-2026")
    yield ("grace", "compiler-2026")
    store.open_db(site_store["db"])["users"].delete_where("username = ?", ["grace"])


def test_a_saved_cookie_is_refused_after_sign_out(app) -> None:
    client = signed_in_client(app, *ANALYST)
    saved = cookie_of(client)
    assert not refused(with_cookie(app, saved))
    sign_out(client)
    assert refused(with_cookie(app, saved))
    assert refused(client)


def test_sign_out_ends_every_session_of_that_analyst_only(app, grace) -> None:
    laptop = signed_in_client(app, *ANALYST)
    phone = signed_in_client(app, *ANALYST)
    other = signed_in_client(app, *grace)
    sign_out(laptop)
    assert refused(phone)
    assert not refused(other)


def test_a_new_password_ends_the_sessions(app, grace, runner, site_store) -> None:
    client = signed_in_client(app, *grace)
    saved = cookie_of(client)
    result = runner.invoke(main, ["users", "passwd", "grace", "--db", str(site_store["db"]),
                                  "--password", "another-2027"])
    assert result.exit_code == 0, result.output
    assert refused(client) and refused(with_cookie(app, saved))
    assert sign_in(app.test_client(), *grace).status_code == 401
    signed_in_client(app, "grace", "another-2027")


def test_removing_an_analyst_ends_the_sessions(app, grace, runner, site_store) -> None:
    client = signed_in_client(app, *grace)
    result = runner.invoke(main, ["users", "remove", "grace", "--db", str(site_store["db"])])
    assert result.exit_code == 0, result.output
    assert refused(client)
    assert sign_in(app.test_client(), *grace).status_code == 401


def test_the_nav_shows_sign_out_on_every_page_while_signed_in(app) -> None:
    client = signed_in_client(app, *ANALYST)
    for url in ("/", "/companies/voltaro-motors", "/analysts/leads", "/no-such-page"):
        assert 'action="/analysts/logout"' in client.get(url).text, url
    sign_out(client)
    assert 'action="/analysts/logout"' not in client.get("/").text


def test_analysts_home_lands_on_the_leads(app) -> None:
    client = signed_in_client(app, *ANALYST)
    response = client.get("/analysts/", follow_redirects=True)
    assert response.status_code == 200 and "<h1>Leads</h1>" in response.text
    assert client.get("/analysts").status_code in (301, 308)


def test_users_list_remove_and_passwd(runner, db_path) -> None:
    db = str(db_path)
    assert "no analysts yet" in runner.invoke(main, ["users", "list", "--db", db]).output
    for name in ("lin", "ada"):
        result = runner.invoke(main, ["users", "add", name, "--db", db,
                                      "--password", "long-enough-1"])
        assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["users", "list", "--db", db]).output.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["ada", "lin"]
    assert "password" not in " ".join(listed) and "scrypt" not in " ".join(listed)
    assert runner.invoke(main, ["users", "remove", "lin", "--db", db]).exit_code == 0
    assert [line.split("\t")[0] for line in runner.invoke(
        main, ["users", "list", "--db", db]).output.splitlines()] == ["ada"]
    missing = runner.invoke(main, ["users", "remove", "lin", "--db", db])
    assert missing.exit_code == 1 and "no analyst 'lin'" in missing.output
    missing = runner.invoke(main, ["users", "passwd", "nobody", "--db", db,
                                   "--password", "long-enough-2"])
    assert missing.exit_code == 1 and "users list" in missing.output
    short = runner.invoke(main, ["users", "passwd", "ada", "--db", db, "--password", "short"])
    assert short.exit_code != 0 and "at least 8" in short.output


def test_an_old_store_gains_the_session_version(tmp_path) -> None:
    from sqlite_utils import Database

    path = tmp_path / "old.db"
    old = Database(path)
    old["users"].insert({"username": "ada", "password_hash": "x", "created_at": "2026-01-01"},
                        pk="username")
    old.close()
    db = store.open_db(path)
    assert "session_version" in db["users"].columns_dict
