"""The sales site: a Flask app factory, one blueprint per feature, templates and static files
in the package (rivalscope/site/templates/, rivalscope/site/static/).

Development: `rivalscope serve`. Production (waitress, one process, several threads), behind
a TLS proxy: `waitress-serve --host 127.0.0.1 --port 8080 --no-clear-untrusted-proxy-headers
--call rivalscope.site:create_app` with RIVALSCOPE_DB, RIVALSCOPE_PDF_DIR,
RIVALSCOPE_SECRET_KEY, RIVALSCOPE_TRUSTED_PROXIES and the mail settings in the environment
(read once, into rivalscope.settings.Settings; see the README).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

from flask import Flask, g
from jinja2 import StrictUndefined
from werkzeug.middleware.proxy_fix import ProxyFix

from rivalscope.settings import Settings

SITE_FILES = files("rivalscope.site")

DEFAULTS: dict[str, Any] = {
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "rivalscope_session",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    "MAX_CONTENT_LENGTH": 64 * 1024,  # forms only: no uploads
    "WTF_CSRF_TIME_LIMIT": 3600 * 4,
    "DOWNLOAD_MAX_AGE": 72 * 3600,  # seconds a sample download link stays valid
    "EDITION_RECHECK_SECONDS": 30,  # a served PDF is at most this much older than its data
    # Only accepted lead forms count (a form sent back with a mistake costs nothing): an office
    # behind one address can ask for many samples, a script cannot flood the leads or a mailbox.
    "FORM_LIMIT_PER_ADDRESS": "20 per minute;200 per hour",
    "FORM_LIMIT_PER_EMAIL": "10 per hour;30 per day",
    "DOWNLOAD_LIMIT_PER_ADDRESS": "30 per minute",
    "PREVIEW_LIMIT_PER_ADDRESS": "120 per minute",
    "LOGIN_LIMIT_PER_ADDRESS": "10 per minute",  # every attempt counts: passwords are guessed
    "RATELIMIT_HEADERS_ENABLED": False,
    "HSTS_MAX_AGE": 31536000,  # seconds; sent on https responses only
}


def _secret_key(instance: Path) -> str:
    """A random key kept in instance/secret_key (created once)."""
    path = instance / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def create_app(test_config: dict[str, Any] | None = None,
               settings: Settings | None = None) -> Flask:
    """The site. settings: the application's (default: from the environment, read once);
    test_config overrides any site setting (DB_PATH, PDF_DIR, limits, ...)."""
    from rivalscope.site import (
        accounts,
        analysts,
        catalogue,
        company,
        db,
        errors,
        leads,
        mail,
        security,
    )
    from rivalscope.site.extensions import csrf, limiter
    from rivalscope.site.forms import LogoutForm
    from rivalscope.site.localtime import local_time

    app = Flask(__name__, template_folder=str(SITE_FILES / "templates"),
                static_folder=str(SITE_FILES / "static"), static_url_path="/static")
    settings = settings or Settings.from_env()
    app.config.update(DEFAULTS)
    app.config.update(
        DB_PATH=str(settings.db_path), PDF_DIR=str(settings.pdf_dir),
        PROFILE_RELEVANCE=settings.relevance_threshold, TRUSTED_PROXIES=settings.trusted_proxies,
        SECRET_KEY=settings.secret_key, TIMEZONE=settings.timezone,
        SMTP_HOST=settings.smtp_host, SMTP_PORT=settings.smtp_port,
        SMTP_SECURITY=settings.smtp_security, SMTP_USERNAME=settings.smtp_username,
        SMTP_PASSWORD=settings.smtp_password, SMTP_TIMEOUT=settings.smtp_timeout,
        MAIL_FROM=settings.mail_from, NOTIFY_EMAILS=settings.notify_emails,
        SITE_URL=settings.site_url)
    # RIVALSCOPE_FORM_LIMIT_PER_EMAIL=... and friends tune any other site setting.
    app.config.update(settings.site)
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(Path(app.config["DB_PATH"]).parent)
    db.prepare(app.config["DB_PATH"])
    if app.config["TRUSTED_PROXIES"]:
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    csrf.init_app(app)
    limiter.init_app(app)
    security.install(app)
    app.before_request(accounts.load_analyst)
    for blueprint in (catalogue.bp, company.bp, leads.bp, analysts.bp):
        app.register_blueprint(blueprint)
    errors.install(app)

    @app.context_processor
    def signed_in() -> dict[str, Any]:
        return {"analyst": g.get("analyst"), "logout_form": LogoutForm}

    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.undefined = StrictUndefined  # a missing context value is a bug, not ""
    if not mail.configured(app):
        app.logger.warning(
            "No SMTP server set (RIVALSCOPE_SMTP_HOST, RIVALSCOPE_MAIL_FROM): sample links are "
            "shown on the page instead of emailed, and analysts are not told of new leads.")
    elif not app.config["SITE_URL"]:
        app.logger.warning("RIVALSCOPE_SITE_URL is not set: links in emails use the Host "
                           "header of each request; set it to the site's public address.")
    return app
