"""WeasyPrint fetches nothing but data: URLs and our bundled report assets."""

from __future__ import annotations

import subprocess

import pytest

from reports.fetcher import ASSETS, BlockedURL, BundledAssetsFetcher
from reports.render import safe_url


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    (ASSETS / ".." / ".." / "pyproject.toml").as_uri(),
    ASSETS.as_uri() + "/../../pyproject.toml",
    "http://127.0.0.1:9/x.png",
    "https://example.com/logo.svg",
    "ftp://example.com/x",
    "javascript:alert(1)",
])
def test_fetcher_refuses_everything_but_bundled_files(url: str) -> None:
    fetcher = BundledAssetsFetcher()
    with pytest.raises((BlockedURL, ValueError)):
        fetcher.fetch(url)


def test_fetcher_serves_bundled_css_and_data_urls() -> None:
    fetcher = BundledAssetsFetcher()
    response = fetcher.fetch((ASSETS / "report.css").as_uri())
    assert b"@page" in _body(response)
    assert _body(fetcher.fetch("data:text/plain;base64,aGk=")) == b"hi"


def _body(response) -> bytes:
    body = getattr(response, "bytes_string", None) or getattr(response, "string", None)
    if body is None:
        body = response.file_obj.read() if hasattr(response, "file_obj") else response.read()
    return body


def test_html_naming_local_files_fetches_none_of_them(tmp_path) -> None:
    from weasyprint import HTML

    fetcher = BundledAssetsFetcher()
    html = ('<link rel="stylesheet" href="file:///etc/passwd">'
            '<style>@import url("http://127.0.0.1:9/a.css");</style>'
            '<p>x<img src="file:///etc/passwd"><iframe src="file:///etc/hostname"></iframe>'
            '<object data="file:///etc/passwd"></object></p>')
    HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        tmp_path / "out.pdf")
    assert "file:///etc/passwd" in fetcher.refused
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "root:" not in text


@pytest.mark.parametrize(("url", "kept"), [
    ("https://news.example.com/a", True), ("http://news.example.com/a", True),
    ("HTTPS://NEWS.EXAMPLE.COM/A", True), ("file:///etc/passwd", False),
    ("javascript:alert(1)", False), ("data:text/html,x", False), ("//evil.example/x", False),
    ("", False), (None, False),
])
def test_only_http_urls_become_links(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept
