"""Which charset a page is in, decided from its bytes when the header or the page's own
declaration disagrees with them; the decision and the reason are kept with the article.

The labels are read with w3lib.encoding (BOM, Content-Type header, <meta>/XML declaration,
WHATWG aliases such as latin-1 -> cp1252). What w3lib's html_to_unicode does not do is doubt
a declaration: a page served as `charset=iso-8859-1` whose bytes are UTF-8 becomes
'CafÃ©', and one served as UTF-8 whose bytes are cp1252 becomes runs of U+FFFD. Bytes that
decode as UTF-8 and hold multi-byte sequences are UTF-8 (other encodings almost never form
valid UTF-8 by chance); bytes that do not decode as UTF-8 are not UTF-8 whatever a label says.
"""

from __future__ import annotations

from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

SNIFF_BYTES = 200_000  # charset_normalizer's guess reads this much of an undeclared page


@dataclass(frozen=True)
class Charset:
    encoding: str  # a Python codec name
    how: str  # e.g. "header", "meta", "bytes: UTF-8, the header said cp1252"


def _utf8(body: bytes) -> bool | None:
    """True: valid UTF-8 with multi-byte characters; False: not UTF-8; None: plain ASCII."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the size cap is still UTF-8.
        return error.start >= len(body) - 3 and error.reason == "unexpected end of data"
    return None if body.isascii() else True


def _guess(body: bytes) -> str:
    from charset_normalizer import from_bytes  # a trafilatura dependency; only for odd pages

    best = from_bytes(body[:SNIFF_BYTES]).best()
    return resolve_encoding(best.encoding) if best else "cp1252"


def decide_charset(content_type: str | None, body: bytes) -> Charset:
    """The charset of an HTML page from its Content-Type header (None for a file) and bytes."""
    bom, _ = read_bom(body)
    if bom:
        return Charset(bom, "bom")
    labels = [(where, resolve_encoding(label)) for where, label in (
        ("header", http_content_type_encoding(content_type) if content_type else None),
        ("meta", html_body_declared_encoding(body)),
    ) if label]
    declared = [(where, encoding) for where, encoding in labels if encoding]
    utf8 = _utf8(body)
    if declared:
        where, encoding = declared[0]
        if encoding.startswith("utf-16"):
            encoding = "utf-8"  # a page that declares UTF-16 in ASCII is not UTF-16
        said = f"the {where} said {encoding}"
        if utf8 is True and encoding != "utf-8":
            return Charset("utf-8", f"bytes: UTF-8, {said}")
        if utf8 is False and encoding == "utf-8":
            # The next declaration if it is not UTF-8 too, else a guess from the bytes.
            other = next((e for _, e in declared[1:] if e != "utf-8"), None)
            if other:
                return Charset(other, f"bytes: not UTF-8, {said}; the {declared[1][0]} "
                                      f"said {other}")
            return Charset(_guess(body), f"bytes: not UTF-8, {said}")
        return Charset(encoding, where)
    if utf8 is False:
        return Charset(_guess(body), "bytes: guessed")
    return Charset("utf-8", "bytes: UTF-8" if utf8 else "bytes: ASCII")


def decode_page(content_type: str | None, body: bytes) -> tuple[str, Charset]:
    """The page as text, and the charset decision."""
    charset = decide_charset(content_type, body)
    start = len(read_bom(body)[1] or b"")
    return body[start:].decode(charset.encoding, errors="replace"), charset
