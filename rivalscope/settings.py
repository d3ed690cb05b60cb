"""Rivalscope's settings: one object, read from the environment once, then passed down.

Every field has its help text and the environment variable that sets it. Paths are
absolute: the instance folder is `instance/` beside the code in a checkout (whatever the
current directory), else `~/.local/share/rivalscope` for an installed copy; a relative
path given in the environment is taken from the current directory once, here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_PREFIX = "RIVALSCOPE_"
# The folder that holds the packages: a checkout when pyproject.toml sits in it.
CODE_ROOT = Path(__file__).resolve().parent.parent
# A source is reported when it yielded no new or changed article in this many refreshes in a
# row (4 runs: a day at the usual 6-hour schedule) or had errors in this many in a row.
SILENT_RUNS = 4
FAILING_RUNS = 3


class SettingsError(ValueError):
    """An environment variable with a value that cannot be used; the message names it."""


def default_instance_dir() -> Path:
    """instance/ of the checkout, else the user's data folder (an installed wheel)."""
    if (CODE_ROOT / "pyproject.toml").is_file():
        return CODE_ROOT / "instance"
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "rivalscope"


def setting(help: str, env: str | None = None, **kwargs: Any) -> Any:
    """A dataclass field with its help text and environment variable (RIVALSCOPE_<NAME>)."""
    return field(metadata={"help": help, "env": env}, **kwargs)


@dataclass(frozen=True)
class Settings:
    """Where the state lives and the thresholds every stage agrees on."""

    instance_dir: Path = setting(
        "Runtime state: the store, rendered PDFs, the site's secret key.",
        env="RIVALSCOPE_INSTANCE", default_factory=default_instance_dir)
    db_path: Path | None = setting(
        "The SQLite store (default: rivalscope.db in the instance folder).",
        env="RIVALSCOPE_DB", default=None)
    pdf_dir: Path | None = setting(
        "Where rendered editions are kept (default: pdfs/ in the instance folder).",
        env="RIVALSCOPE_PDF_DIR", default=None)
    sources_file: Path | None = setting(
        "A sources.toml to use instead of the shipped list (crawlers/sources.toml).",
        env="RIVALSCOPE_SOURCES", default=None)
    relevance_threshold: float | None = setting(
        "An article counts as automotive, fleet or mobility news from this relevance score "
        "(0-1, nlp's classifier; default: the threshold its training chose, kept in "
        "nlp/models/relevance.json); a company gets a profile (PDFs, a catalogue entry) when "
        "relevant articles of two independent sources name it (reports.eligibility).",
        env="RIVALSCOPE_RELEVANCE_THRESHOLD", default=None)
    silent_runs: int = setting(
        "A source that yields no new article in this many refreshes in a row is reported "
        "(4: a day at the usual 6-hour schedule).", env="RIVALSCOPE_SILENT_RUNS",
        default=SILENT_RUNS)
    failing_runs: int = setting(
        "A source with errors in this many refreshes in a row is reported.",
        env="RIVALSCOPE_FAILING_RUNS", default=FAILING_RUNS)
    secret_key: str | None = setting(
        "The site's session and link-signing key (default: a random key kept in secret_key "
        "beside the store).", env="RIVALSCOPE_SECRET_KEY", default=None, repr=False)
    trusted_proxies: int = setting(
        "Proxies in front of the site whose X-Forwarded-For/-Proto are trusted (0: none).",
        env="RIVALSCOPE_TRUSTED_PROXIES", default=0)
    timezone: str = setting(
        "The analysts' time zone for the leads list and its filters, e.g. Europe/Berlin "
        "(empty: the server's).", env="RIVALSCOPE_TIMEZONE", default="")
    smtp_host: str = setting(
        "The SMTP server that sends the site's email; without it (and mail_from) the sample "
        "link is shown on the page instead and no analyst is notified.",
        env="RIVALSCOPE_SMTP_HOST", default="")
    smtp_port: int = setting(
        "The SMTP server's port (587 for STARTTLS, 465 for SSL).",
        env="RIVALSCOPE_SMTP_PORT", default=587)
    smtp_security: str = setting(
        "How the SMTP connection is secured: starttls, ssl or none.",
        env="RIVALSCOPE_SMTP_SECURITY", default="starttls")
    smtp_username: str = setting(
        "The SMTP sign-in name (empty: no sign-in).", env="RIVALSCOPE_SMTP_USERNAME",
        default="")
    smtp_password: str = setting(
        "The SMTP sign-in password (taken as text, even when it is all digits).",
        env="RIVALSCOPE_SMTP_PASSWORD", default="", repr=False)
    smtp_timeout: int = setting(
        "Seconds the SMTP server gets to connect and to answer each command.",
        env="RIVALSCOPE_SMTP_TIMEOUT", default=10)
    mail_from: str = setting(
        "The sender of the site's email, e.g. 'Rivalscope <samples@rivalscope.example>'.",
        env="RIVALSCOPE_MAIL_FROM", default="")
    notify_emails: str = setting(
        "Analysts told of every new lead by email, comma-separated addresses.",
        env="RIVALSCOPE_NOTIFY_EMAILS", default="")
    site_url: str = setting(
        "The site's public address (https://profiles.example.com) for links in emails; when "
        "set, a visitor's Host header is never used for them.",
        env="RIVALSCOPE_SITE_URL", default="")
    site: Mapping[str, Any] = setting(
        "Overrides of the site's other settings (rivalscope.site.DEFAULTS), each from "
        "RIVALSCOPE_<NAME>, e.g. RIVALSCOPE_FORM_LIMIT_PER_EMAIL='3 per hour'.",
        default_factory=dict)

    def __post_init__(self) -> None:
        instance = Path(self.instance_dir).absolute()
        object.__setattr__(self, "instance_dir", instance)
        object.__setattr__(self, "db_path",
                           Path(self.db_path or instance / "rivalscope.db").absolute())
        object.__setattr__(self, "pdf_dir", Path(self.pdf_dir or instance / "pdfs").absolute())
        if self.sources_file:
            object.__setattr__(self, "sources_file", Path(self.sources_file).absolute())

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The settings from the environment (os.environ unless given), then overrides.

        Every other RIVALSCOPE_<NAME> variable goes to `site` (as Flask's from_prefixed_env
        would take it): the site uses the names it knows.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        claimed = set()
        for item in fields(cls):
            env = item.metadata.get("env")
            claimed.add(env)
            if env and environ.get(env):
                try:
                    values[item.name] = _convert(item.type, environ[env])
                except ValueError:
                    kind = "a number" if str(item.type).startswith("float") \
                        else "a whole number"
                    raise SettingsError(f"{env}={environ[env]!r} is not {kind}; "
                                        f"{item.metadata['help']}") from None
        values["site"] = {name.removeprefix(ENV_PREFIX): _site_value(value)
                          for name, value in environ.items()
                          if name.startswith(ENV_PREFIX) and name not in claimed}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def documented() -> dict[str, tuple[str | None, str]]:
    """Every setting: name -> (environment variable, help text)."""
    return {item.name: (item.metadata.get("env"), item.metadata.get("help", ""))
            for item in fields(Settings)}


def _convert(annotation: Any, raw: str) -> Any:
    text = str(annotation)
    if text.startswith("int"):
        return int(raw)
    if text.startswith("float"):
        return float(raw)
    if text.startswith("Path"):
        return Path(raw)
    return raw


def _site_value(raw: str) -> Any:
    """As Flask's from_prefixed_env: JSON when it reads as JSON, else the text."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw
