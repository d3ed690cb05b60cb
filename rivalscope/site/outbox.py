"""Emails leave in the background: a visitor's request never waits for the SMTP server.

With sending inside the request, a slow or unreachable mail server held a waitress thread for
up to SMTP_TIMEOUT per message, and a few such requests stalled the whole site. The form now
hands its messages to one sender thread per process and answers at once; the thread sends
them over one connection, tries again a few times and logs what it could not send. A lead's
`emailed_at` is set when its link was accepted by the server.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from email.message import Message

from flask import Flask, current_app

import store
from rivalscope.site import mail
from rivalscope.site.db import get_db, write_lock

QUEUE_SIZE = 5000  # forms' letters waiting; beyond that new ones are logged and dropped
BATCH = 200  # forms' letters sent over one connection when they are waiting together
ATTEMPTS = 3
RETRY_WAIT_S = 5.0  # times the attempt number, between attempts (in the sender thread)


@dataclass
class Letter:
    message: Message
    lead_id: int | None = None  # set for a prospect's sample link: marks the lead emailed


class Outbox:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.queue: queue.Queue[list[Letter]] = queue.Queue(maxsize=QUEUE_SIZE)
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def post(self, letters: list[Letter]) -> bool:
        """Queue letters to go over one connection; False when the queue is full."""
        self._start()
        try:
            self.queue.put_nowait(letters)
        except queue.Full:
            current_app.logger.error("outbox full: %d email(s) dropped", len(letters))
            return False
        return True

    def _start(self) -> None:
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="rivalscope-outbox",
                                               daemon=True)
                self.thread.start()

    def _run(self) -> None:
        while True:
            batches = [self.queue.get()]
            while len(batches) < BATCH:  # what waits too goes over the same connection
                try:
                    batches.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            try:
                with self.app.app_context():
                    self._deliver([letter for batch in batches for letter in batch])
            except Exception:  # one bad letter must not stop the sender
                self.app.logger.exception("sending email failed")
            finally:
                for _batch in batches:
                    self.queue.task_done()

    def _deliver(self, letters: list[Letter]) -> None:
        for attempt in range(1, ATTEMPTS + 1):
            accepted = mail.send([letter.message for letter in letters])
            for letter, ok in zip(letters, accepted, strict=True):
                if ok and letter.lead_id is not None:
                    with write_lock:
                        store.mark_emailed(get_db(), letter.lead_id, store.now())
            letters = [letter for letter, ok in zip(letters, accepted, strict=True) if not ok]
            if not letters:
                return
            if attempt < ATTEMPTS and self.stopping.wait(RETRY_WAIT_S * attempt):
                break
        self.app.logger.error("gave up sending %d email(s) to %s", len(letters),
                              ", ".join(str(letter.message["To"]) for letter in letters))


def outbox() -> Outbox:
    """This app's outbox (made on first use)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    return app.extensions.setdefault("rivalscope_outbox", Outbox(app))
