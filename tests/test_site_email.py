"""Sample links and lead notices go through a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import io
import logging
import re
import time

from pypdf import PdfReader
from site_fixtures import SECRET, free_port, fresh_limits, site_config, smtp_config
from site_helpers import fetch, lead_form

import store
from rivalscope.site import create_app
from rivalscope.site.tokens import make_token

SITE = "https://profiles.rivalscope.example"
ANALYSTS = ("sales@rivalscope.example", "ada@rivalscope.example")


def mail_app(site_store, port: int, **overrides):
    return fresh_limits(create_app(site_config(site_store, **smtp_config(port, **overrides))))


def link_in(message) -> str:
    match = re.search(rf"{re.escape(SITE)}(/download/\S+)", message.get_content())
    assert match, message.get_content()
    return match.group(1)


def lead_row(site_store, email: str) -> dict:
    rows = [r for r in store.open_db(site_store["db"])["leads"].rows if r["email"] == email]
    assert len(rows) == 1
    return rows[0]


def test_the_sample_link_is_emailed_to_the_address_given_not_shown(site_store,
                                                                    smtp_server) -> None:
    inbox, port = smtp_server
    client = mail_app(site_store, port).test_client()
    email = "mailed@fleet-buyers.example"
    posted = lead_form(client, email=email, follow=False)
    assert posted.status_code == 303
    page = client.get(posted.headers["Location"])
    assert page.status_code == 200 and "Check your inbox" in page.text
    assert "/download/" not in page.text
    [message] = inbox.wait_for(email)
    assert message["To"] == email
    assert message["From"] == "Rivalscope <samples@rivalscope.example>"
    assert "Voltaro Motors" in message["Subject"]
    assert "Ada Lovelace" in message.get_content()
    response = fetch(client, link_in(message))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "sample edition" in PdfReader(io.BytesIO(response.data)).metadata.title
    # The lead is marked emailed once the server took the message (in the sender thread).
    wait_until(lambda: lead_row(site_store, email)["emailed_at"])
    # Reloading the result page sends nothing again.
    assert client.get(posted.headers["Location"]).status_code == 200
    assert len(inbox.messages_to(email)) == 1


def test_analysts_are_told_of_each_lead(site_store, smtp_server) -> None:
    inbox, port = smtp_server
    client = mail_app(site_store, port).test_client()
    lead_form(client, email="one@fleet-buyers.example", company="First Fleet GmbH")
    lead_form(client, "full", company_id="cargobolt-vans", email="two@fleet-buyers.example",
              company="Second Fleet SA")
    for analyst in ANALYSTS:
        sample, full = inbox.wait_for(analyst, 2)
        assert sample["Subject"] == "New sample lead: Voltaro Motors (First Fleet GmbH)"
        assert "one@fleet-buyers.example" in sample.get_content()
        assert full["Subject"] == "New full lead: Cargobolt Vans (Second Fleet SA)"
        assert "two@fleet-buyers.example" in full.get_content()
        assert f"{SITE}/analysts/leads?company=cargobolt-vans" in full.get_content()
    # The prospect of the full request gets nothing: an analyst writes to them.
    assert inbox.messages_to("two@fleet-buyers.example") == []


def test_a_link_is_bound_to_its_lead_and_company(site_store, smtp_server) -> None:
    inbox, port = smtp_server
    app = mail_app(site_store, port)
    client = app.test_client()
    email = "bound@fleet-buyers.example"
    lead_form(client, email=email)
    lead_id = lead_row(site_store, email)["id"]
    assert fetch(client, link_in(inbox.wait_for(email)[0])).status_code == 200
    lead_form(client, "full", email="fullbuyer@fleet-buyers.example")
    full_id = lead_row(site_store, "fullbuyer@fleet-buyers.example")["id"]
    with app.app_context():
        other_company = make_token("fleetwise-leasing", lead_id, SECRET)
        full_lead = make_token("voltaro-motors", full_id, SECRET)
        no_lead = make_token("voltaro-motors", None, SECRET)
        unknown_lead = make_token("voltaro-motors", 10**9, SECRET)
    for token in (other_company, full_lead, no_lead, unknown_lead):
        response = fetch(client, f"/download/{token}")
        assert response.status_code == 403 and response.mimetype == "text/html"


def test_a_mail_server_that_is_down_does_not_hold_up_the_visitor(site_store, caplog) -> None:
    from rivalscope.site import outbox

    client = mail_app(site_store, free_port()).test_client()  # nothing listens there
    email = "unlucky@fleet-buyers.example"
    with caplog.at_level(logging.ERROR):
        page = lead_form(client, email=email)
        assert page.status_code == 200 and "Check your inbox" in page.text
        assert "/download/" not in page.text
        # The sender thread reports what it could not send; the lead is kept, not emailed.
        wait_until(lambda: any("email not sent" in r.getMessage() for r in caplog.records))
    assert lead_row(site_store, email)["emailed_at"] is None
    assert outbox.ATTEMPTS > 1  # it will try again later


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not true within {timeout} s")


def test_without_smtp_the_site_says_so_at_start_and_shows_the_link(site_store, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        client = fresh_limits(create_app(site_config(site_store))).test_client()
    assert any("No SMTP server set" in r.getMessage() for r in caplog.records)
    page = lead_form(client, email="nomail@fleet-buyers.example")
    assert "Your sample is ready" in page.text and "/download/" in page.text


def test_addresses_that_would_be_several_recipients_are_refused(site_store,
                                                                 smtp_server) -> None:
    inbox, port = smtp_server
    client = mail_app(site_store, port).test_client()
    for email in ("a,victim@fleet-buyers.example", "<x>@fleet-buyers.example",
                  '"a b"@fleet-buyers.example', "x@fleet-buyers.example\nBcc: y@z.example"):
        assert lead_form(client, email=email).status_code == 400, email
    assert inbox.received == []


def test_the_site_signs_in_to_the_smtp_server_when_told_to(site_store) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
    from site_fixtures import Inbox

    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"123456")

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(),
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        # A password of digits given as a number (an override) is still sent as text.
        client = mail_app(site_store, controller.port, SMTP_USERNAME="site",
                          SMTP_PASSWORD=123456).test_client()
        lead_form(client, email="authed@fleet-buyers.example")
        inbox.wait_for("authed@fleet-buyers.example")
        assert logins and logins[0] == (b"site", b"123456")
    finally:
        controller.stop()
