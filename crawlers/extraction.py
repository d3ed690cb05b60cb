"""HTML page -> article: the extraction the spiders and `extract-html` share."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import trafilatura


class NotAnArticle(ValueError):
    """The page holds no article text we can extract."""


@dataclass(frozen=True)
class ExtractedArticle:
    url: str | None
    title: str | None
    text: str
    published: str | None
    author: str | None
    language: str | None = None
    canonical_url: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


def extract_article(html: str | bytes, url: str | None = None) -> ExtractedArticle:
    """Extract the article (title, date, author, body) from a page; NotAnArticle if none."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if "<" not in html:
        raise NotAnArticle("the input is not HTML")
    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=True, as_dict=True
    )
    text = (doc or {}).get("text") or ""
    if not text.strip():
        raise NotAnArticle("no article text found on the page")
    return ExtractedArticle(
        url=url or doc.get("url"), title=doc.get("title"), text=text,
        published=doc.get("date"), author=doc.get("author"), language=doc.get("language"),
        canonical_url=doc.get("url"),
    )
