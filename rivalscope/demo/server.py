"""Serve the bundled demo news site on 127.0.0.1 (a free port) in a background thread."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

SITE_DIR = Path(__file__).parent / "site"
# The pages and feeds are written against this base; it becomes http://127.0.0.1:PORT.
PLACEHOLDER_BASE = b"http://rivalscope-demo.invalid"
ROBOTS_TXT = b"User-agent: *\nAllow: /\nSitemap: " + PLACEHOLDER_BASE + b"/sitemap.xml\n"
REWRITTEN_SUFFIXES = (".html", ".xml", ".txt")


class DemoSiteHandler(SimpleHTTPRequestHandler):
    """Static files with the placeholder base rewritten to the server's real address."""

    server_version = "RivalscopeDemo/1"

    def __init__(self, *args, base_url: bytes, **kwargs) -> None:
        self.base_url = base_url
        super().__init__(*args, **kwargs)

    def send_head(self):  # type: ignore[override]
        if self.path.split("?")[0] == "/robots.txt" and not (SITE_DIR / "robots.txt").exists():
            return self._send_bytes(ROBOTS_TXT, "text/plain; charset=utf-8")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in REWRITTEN_SUFFIXES and path.is_file():
            content_type = self.guess_type(str(path))
            if path.suffix == ".html":
                content_type = "text/html; charset=utf-8"
            elif path.suffix == ".xml":
                content_type = "application/xml; charset=utf-8"
            return self._send_bytes(path.read_bytes(), content_type)
        return super().send_head()

    def _send_bytes(self, body: bytes, content_type: str) -> BytesIO | None:
        body = body.replace(PLACEHOLDER_BASE, self.base_url)
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        if self.headers.get("If-None-Match") == etag:
            # Conditional requests let the crawlers re-read feeds cheaply.
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        return BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the crawl reports what it fetched."""


@contextmanager
def serve_demo_site(site_dir: Path = SITE_DIR, port: int = 0) -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 while the block runs; yields the base URL (no slash)."""
    if not (site_dir / "feed.xml").is_file():
        raise FileNotFoundError(f"no demo site at {site_dir} (feed.xml is missing)")
    holder: dict[str, bytes] = {}

    def handler(*args, **kwargs):
        return DemoSiteHandler(*args, base_url=holder["base"], directory=str(site_dir),
                               **kwargs)

    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler))
    host, bound_port = server.server_address[:2]
    base = f"http://{host}:{bound_port}"
    holder["base"] = base.encode()
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
