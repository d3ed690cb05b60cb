"""Page bytes -> HTML text: size cap, charset (crawlers.charset: BOM, declared, checked against
the bytes), not-HTML refusal."""

from __future__ import annotations

import codecs
import re

from crawlers.charset import decode_page

# Bigger than any real article page (the largest news pages we measured are ~0.5 MB); a cap
# keeps a hostile or broken page from holding a worker for seconds.
MAX_HTML_BYTES = 5 * 1024 * 1024

_TAG = re.compile(r"<\s*(!doctype\s+html|html|head|body|p|div|article|meta|title|main|span|a)\b",
                  re.I)


class NotHTML(ValueError):
    """The input is not an HTML page (binary, plain text, too large)."""


def decode_html(page: str | bytes) -> str:
    """The page as text (a str is taken as decoded; bytes: see crawlers.charset)."""
    if len(page) > MAX_HTML_BYTES:
        raise NotHTML(f"the page is larger than {MAX_HTML_BYTES // (1024 * 1024)} MB "
                      f"({len(page):,} {'bytes' if isinstance(page, bytes) else 'characters'})")
    text = page if isinstance(page, str) else _decode(page)
    head = text[:4096]
    if "\x00" in head or not _TAG.search(text[:65536]):
        raise NotHTML("the input is not HTML (no HTML tags found)")
    return text


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotHTML("the input is not HTML (binary data)")
    return decode_page(None, data)[0]
