"""Outgoing email through an SMTP server (smtplib): sample links to leads, notices to analysts.

Settings: SMTP_HOST, SMTP_PORT, SMTP_SECURITY (starttls | ssl | none), SMTP_USERNAME,
SMTP_PASSWORD, SMTP_TIMEOUT, MAIL_FROM and NOTIFY_EMAILS (see rivalscope.site.DEFAULTS).
"""

from __future__ import annotations

import functools
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid

from flask import Flask, current_app

SECURITY_MODES = ("starttls", "ssl", "none")


class MailError(Exception):
    """The SMTP settings cannot work (an unknown SMTP_SECURITY)."""


def configured(app: Flask | None = None) -> bool:
    config = (app or current_app).config
    return bool(config.get("SMTP_HOST") and config.get("MAIL_FROM"))


def notify_addresses() -> list[str]:
    raw = current_app.config.get("NOTIFY_EMAILS") or ""
    return [address.strip() for address in raw.split(",") if address.strip()]


def message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message from MAIL_FROM to one address (parsed, so no header tricks)."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = Address(addr_spec=to)
    email["Subject"] = subject
    email["Message-ID"] = make_msgid(domain=Address(addr_spec=to).domain or None)
    email.set_content(body)
    return email


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Made once: loading the system's CA certificates takes ~50 ms (holding the GIL)."""
    return ssl.create_default_context()


def _connect() -> smtplib.SMTP:
    config = current_app.config
    host, port = config["SMTP_HOST"], int(config["SMTP_PORT"])
    timeout = float(config["SMTP_TIMEOUT"])
    security = config["SMTP_SECURITY"]
    if security not in SECURITY_MODES:
        raise MailError(f"SMTP_SECURITY is {security!r}; use one of {', '.join(SECURITY_MODES)}")
    if security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                                context=tls_context())
    else:
        server = smtplib.SMTP(host, port, timeout=timeout)
        if security == "starttls":
            server.starttls(context=tls_context())
    if config.get("SMTP_USERNAME"):
        server.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
    return server


def send(messages: list[EmailMessage]) -> list[bool]:
    """Send the messages over one connection; whether each was accepted (failures logged)."""
    if not messages:
        return []
    accepted = [False] * len(messages)
    try:
        with _connect() as server:
            for index, email in enumerate(messages):
                try:
                    server.send_message(email)
                    accepted[index] = True
                except smtplib.SMTPRecipientsRefused as error:
                    current_app.logger.error("email to %s refused: %s", email["To"], error)
    except (OSError, smtplib.SMTPException, MailError) as error:
        current_app.logger.error("email not sent (%s message(s) pending): %s: %s",
                                 accepted.count(False), type(error).__name__, error)
    return accepted
