"""Fixtures for the site tests: a store of invented news facts, the app, its client, a server.

Loaded by tests/conftest.py (pytest_plugins). The store and the rendered PDFs are built once
per session (rendering is the slow part); each test gets a fresh app, so rate-limit
counters never leak from one test into the next.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import store

SECRET = "test-secret-key-for-the-site-tests"
ANALYST = ("ada", "correct horse battery")

COMPANIES = {
    "Voltaro Motors": {"kind": "automaker", "country": "DE", "aliases": ["Voltaro"]},
    "Fleetwise Leasing": {"kind": "leasing", "country": "GB", "aliases": ["Fleetwise"]},
    "Cargobolt Vans": {"kind": "automaker", "country": "FR", "aliases": ["Cargobolt"]},
    "Quickdrop Logistics": {"kind": "logistics", "country": "NL", "aliases": ["Quickdrop"]},
}

# (title, text, date, companies mentioned, deals, fleet figures, people)
ARTICLES: list[tuple[str, str, str, list[str], list[dict], list[dict], list[dict]]] = [
    ("Fleetwise orders electric vans from Voltaro",
     "Fleetwise Leasing ordered 2,000 electric vans from Voltaro Motors on Monday.",
     "2026-01-12", ["Fleetwise Leasing", "Voltaro Motors"],
     [{"type": "supply", "status": "announced", "parties": ["Voltaro Motors", "Fleetwise Leasing"],
       "quantity": {"count": 2000, "unit": "vans"}}], [], []),
    ("Voltaro and Quickdrop team up on charging depots",
     "Voltaro Motors and Quickdrop Logistics formed a partnership on charging depots.",
     "2026-02-03", ["Voltaro Motors", "Quickdrop Logistics"],
     [{"type": "partnership", "status": "announced",
       "parties": ["Voltaro Motors", "Quickdrop Logistics"]}], [], []),
    ("Fleetwise passes 40,000 vehicles under management",
     "Fleetwise Leasing manages about 40,000 vehicles across Britain, chief executive "
     "Mara Quill said.", "2026-02-20", ["Fleetwise Leasing"], [],
     [{"company": "Fleetwise Leasing", "count": 40000, "unit": "vehicles", "approximate": True,
       "context": "manages"}],
     [{"name": "Mara Quill", "role": "chief executive", "company": "Fleetwise Leasing"}]),
    ("Voltaro buys battery start-up Cellwerk",
     "Voltaro Motors completed the acquisition of Cellwerk for EUR 120 million.",
     "2026-03-05", ["Voltaro Motors", "Cellwerk"],
     [{"type": "acquisition", "status": "completed", "parties": ["Voltaro Motors", "Cellwerk"],
       "value": {"amount": 120_000_000, "currency": "EUR"}}], [], []),
    ("Cargobolt in talks with Fleetwise over hydrogen vans",
     "Cargobolt Vans is in talks with Fleetwise Leasing about hydrogen vans. Voltaro Motors "
     "declined to comment. Cargobolt chief executive Ivo Brand confirmed the talks.",
     "2026-03-18", ["Cargobolt Vans", "Fleetwise Leasing", "Voltaro Motors"],
     [{"type": "talks", "status": "in_talks", "parties": ["Cargobolt Vans", "Fleetwise Leasing"]}],
     [], [{"name": "Ivo Brand", "role": "chief executive", "company": "Cargobolt Vans"}]),
    ("Quickdrop operates 5,500 delivery vans",
     "Quickdrop Logistics operates 5,500 delivery vans, including 900 built by Cargobolt Vans. "
     "Voltaro Motors supplies its chargers.",
     "2026-04-01", ["Quickdrop Logistics", "Cargobolt Vans", "Voltaro Motors"],
     [{"type": "supply", "status": "announced",
       "parties": ["Cargobolt Vans", "Quickdrop Logistics"]}],
     [{"company": "Quickdrop Logistics", "count": 5500, "unit": "vans", "context": "operates"}],
     []),
    ("Voltaro names Lena Ostrova head of fleet sales",
     "Voltaro Motors named Lena Ostrova head of fleet sales; Quickdrop Logistics welcomed it. "
     "Cargobolt Vans and Fleetwise Leasing were not available.",
     "2026-04-22", ["Voltaro Motors", "Quickdrop Logistics", "Cargobolt Vans",
                    "Fleetwise Leasing"], [], [],
     [{"name": "Lena Ostrova", "role": "head of fleet sales", "company": "Voltaro Motors"}]),
]


def fill_store(db) -> None:
    """Articles plus invented facts saved through store.save_analysis, as the pipeline would."""
    for number, (title, text, date, names, deals, fleet, people) in enumerate(ARTICLES):
        url = f"https://fleet-news.example/{number}"
        # Three publishers, in turn: the companies covered twice or more have two
        # independent sources or more, as a profile needs (Cellwerk, named once, has one).
        store.save_article(db, {"url": url, "title": title, "text": text,
                                "published": f"{date}T09:00:00",
                                "source": ("Fleet News", "Van Times", "Depot Daily")[number % 3]})
        row = {"id": store.article_id(url), "published": f"{date}T09:00:00"}
        companies = []
        for name in names:
            start = text.find(name.split()[0])
            companies.append({"name": name, **COMPANIES.get(name, {}),
                              "spans": [{"start": max(start, 0), "end": max(start, 0) + len(name),
                                         "text": name, "sentence": text}]})
        analysis: dict[str, Any] = {
            "companies": companies,
            "deals": [{**d, "date": date, "evidence": text, "start": i, "end": i + 10}
                      for i, d in enumerate(deals)],
            "fleet_figures": [{**f, "evidence": text, "start": 0, "end": 40} for f in fleet],
            "people": [{**p, "evidence": text, "start": 0, "end": 20} for p in people],
        }
        store.save_analysis(db, row, analysis, "test")


@pytest.fixture(scope="session")
def site_store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A filled store, an analyst account and a PDF folder shared by the session."""
    from rivalscope.site.accounts import set_password as add_user

    root = tmp_path_factory.mktemp("site")
    db_path = root / "rivalscope.db"
    db = store.open_db(db_path)
    fill_store(db)
    add_user(db, *ANALYST)
    db.close()
    return {"db": db_path, "pdfs": root / "pdfs"}


def site_config(site_store: dict[str, Path], **overrides: Any) -> dict[str, Any]:
    return {"TESTING": True, "SECRET_KEY": SECRET, "DB_PATH": str(site_store["db"]),
            "PDF_DIR": str(site_store["pdfs"]), **overrides}


def fresh_limits(app):
    """The app with rate-limit counters at zero (the limiter's memory outlives an app)."""
    from rivalscope.site.extensions import limiter

    with app.app_context():
        limiter.reset()
    return app


@pytest.fixture
def app(site_store):
    from rivalscope.site import create_app

    return fresh_limits(create_app(site_config(site_store)))


@pytest.fixture
def client(app):
    return app.test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """app under waitress on 127.0.0.1 and a free port, in a thread; yields its URL."""
    from waitress import create_server, wasyncore

    server = create_server(app, host="127.0.0.1", port=free_port(), threads=4)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # Closing the sockets from this thread races the server's select() in its own
        # thread (an EBADF there fails the test at teardown); the trigger runs the close
        # inside the server's loop instead, which then ends because nothing is left to poll.
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()
        assert not thread.is_alive(), "the test server did not stop in 5 s"


@pytest.fixture(scope="module")
def live_server(site_store) -> Iterator[str]:
    """The site under waitress on 127.0.0.1 and a free port, in a thread; yields its URL."""
    from rivalscope.site import create_app

    with serving(fresh_limits(create_app(site_config(site_store)))) as url:
        yield url


class Inbox:
    """What a real SMTP server (aiosmtpd) on 127.0.0.1 received: (recipients, message)."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], Any]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def messages_to(self, address: str) -> list[Any]:
        with self._lock:
            return [m for rcpt, m in self.received if address in rcpt]

    def wait_for(self, address: str, count: int = 1, timeout: float = 20.0) -> list[Any]:
        """The messages to address once there are count of them (polled, bounded)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages_to(address)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{count} message(s) to {address} not received in {timeout} s")


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on 127.0.0.1 and a free port, collecting what it receives."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def smtp_config(port: int, **overrides: Any) -> dict[str, Any]:
    return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": port, "SMTP_SECURITY": "none",
            "MAIL_FROM": "Rivalscope <samples@rivalscope.example>",
            "NOTIFY_EMAILS": "sales@rivalscope.example, ada@rivalscope.example",
            "SITE_URL": "https://profiles.rivalscope.example", **overrides}
