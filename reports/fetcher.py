"""WeasyPrint's URL fetcher, deny by default: only data: URLs and our bundled assets.

Crawled text could name file:///etc/passwd or an internal URL; without this, WeasyPrint
fetches it and the content can end up in the PDF.
"""

from __future__ import annotations

import mimetypes
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


def _assets() -> Path:
    """The report's templates and CSS, inside the package (reports/templates/)."""
    folder = files("reports") / "templates"
    # Wheels install unpacked; WeasyPrint reads the stylesheet through file:// URLs.
    if not isinstance(folder, Path):
        raise RuntimeError("reports must be installed as files, not from a zip archive")
    return folder.resolve()


ASSETS = _assets()


class BlockedURL(ValueError):
    """A URL the report may not fetch."""


class BundledAssetsFetcher(URLFetcher):
    """Serves data: URLs and files inside reports/templates/; refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if path.is_relative_to(ASSETS) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(),
                                          {"Content-Type": content_type})
        self.refused.append(url)
        raise BlockedURL(f"refused to fetch {url[:200]}")
