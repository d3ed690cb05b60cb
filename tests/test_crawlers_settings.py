"""The project settings are polite and safe (Scrapy's own defaults are neither)."""

from __future__ import annotations

import re

from scrapy.settings import Settings

from crawlers import settings as project_settings


def settings() -> Settings:
    loaded = Settings()
    loaded.setmodule(project_settings, priority="project")
    return loaded


def test_crawling_is_polite() -> None:
    s = settings()
    assert s.getbool("ROBOTSTXT_OBEY")
    assert s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getfloat("DOWNLOAD_DELAY") >= 1 and s.getfloat("AUTOTHROTTLE_START_DELAY") >= 1
    assert 1 <= s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert re.search(r"\+https://\S+", s.get("USER_AGENT"))
    assert 429 in s.getlist("RETRY_HTTP_CODES") and s.getfloat("RETRY_BACKOFF_BASE") > 0


def test_unsafe_scrapy_defaults_are_changed() -> None:
    s = settings()
    assert s.getint("DOWNLOAD_MAXSIZE") == 10 * 1024 * 1024
    assert s.getint("DOWNLOAD_WARNSIZE") == 2 * 1024 * 1024
    assert s.getdict("DOWNLOAD_HANDLERS")["file"] is None
    assert s.getdict("DOWNLOAD_HANDLERS")["data"] is None
    assert not s.getbool("TELNETCONSOLE_ENABLED")
    assert s.getbool("DOWNLOAD_VERIFY_CERTIFICATES")
    assert s.getint("REDIRECT_MAX_TIMES") == 5
    assert 0 < s.getint("DOWNLOAD_TIMEOUT") <= 60
    assert "crawlers.middlewares.address_guard.PrivateAddressGuard" in \
        s.getdict("DOWNLOADER_MIDDLEWARES")
