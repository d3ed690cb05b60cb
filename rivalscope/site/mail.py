"""Outgoing email through an SMTP server (smtplib): sample links to leads, notices to analysts.

Settings: SMTP_HOST, SMTP_PORT, SMTP_SECURITY (starttls | ssl | none), SMTP_USERNAME,
SMTP_PASSWORD, SMTP_TIMEOUT, MAIL_FROM and NOTIFY_EMAILS (see rivalscope.site.DEFAULTS).
"""

from __future__ import annotations

import functools
import re
import smtplib
import ssl
from email.header import Header
from email.message import Message
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid, parseaddr

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


_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def message(to: str, subject: str, body: str) -> Message:
    """A plain-text message from MAIL_FROM to one address.

    Built with the compat32 classes: the default policy's header parser cost ~5 ms a message.
    `to` is a validated address (dot-atom local part, no spaces); visitor text reaches the
    subject with its control characters removed, so it cannot add a header.
    """
    if _CONTROL.search(to) or to.count("@") != 1:
        raise ValueError(f"not a single address: {to!r}")
    sender = current_app.config["MAIL_FROM"]
    email = MIMEText(body, "plain", "utf-8")
    email["From"] = sender
    email["To"] = to
    email["Subject"] = Header(_CONTROL.sub(" ", subject), "utf-8")
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
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
        # str(): an override (test_config, a RIVALSCOPE_ site override read as JSON) may give
        # a password of digits as a number.
        server.login(str(config["SMTP_USERNAME"]), str(config["SMTP_PASSWORD"]))
    return server


def send(messages: list[Message]) -> list[bool]:
    """Send the messages over one connection; whether each was accepted (failures logged)."""
    if not messages:
        return []
    accepted = [False] * len(messages)
    try:
        with _connect() as server:
            for index, email in enumerate(messages):
                try:
                    server.sendmail(parseaddr(str(email["From"]))[1], [str(email["To"])],
                                    email.as_bytes())
                    accepted[index] = True
                except smtplib.SMTPRecipientsRefused as error:
                    current_app.logger.error("email to %s refused: %s", email["To"], error)
    except (OSError, smtplib.SMTPException, MailError) as error:
        current_app.logger.error("email not sent (%s message(s) pending): %s: %s",
                                 accepted.count(False), type(error).__name__, error)
    return accepted
