"""Page bytes -> HTML text: size cap, charset (BOM, declared, detected), not-HTML refusal."""

from __future__ import annotations

import codecs
import re

# Bigger than any real article page (the largest news pages we measured are ~0.5 MB); a cap
# keeps a hostile or broken page from holding a worker for seconds.
MAX_HTML_BYTES = 5 * 1024 * 1024

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_TAG = re.compile(r"<\s*(!doctype\s+html|html|head|body|p|div|article|meta|title|main|span|a)\b",
                  re.I)
# The WHATWG encoding standard: browsers read these labels as windows-1252, and pages rely on it
# (curly quotes and dashes in 0x80-0x9F).
_AS_BROWSERS_DO = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                   "ascii": "cp1252", "us-ascii": "cp1252", "iso8859-1": "cp1252"}


class NotHTML(ValueError):
    """The input is not an HTML page (binary, plain text, too large)."""


def decode_html(page: str | bytes) -> str:
    """The page as text: BOM, then the declared charset, then UTF-8, then a detected one."""
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
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    declared = declared_charset(data[:8192])
    if declared:
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # a trafilatura dependency; only for odd pages

    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best else "cp1252", errors="replace")


def declared_charset(head: bytes) -> str | None:
    """The charset a <meta> (or XML declaration) names, if Python knows it."""
    match = _DECLARED.search(head) or _XML_DECL.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    label = _AS_BROWSERS_DO.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page served as bytes cannot really be UTF-16 if it declares so in ASCII.
    return None if name.startswith("utf-16") else name
