"""Every language kept: articles in scripts without spaces are long enough by characters, and
a page's charset is decided from its bytes when a label disagrees with them (the decision is
stored with the article)."""

from __future__ import annotations

import pytest
from fixtures.crawl_site.server import CJK_TEXT, FAST_SETTINGS, serve_fixture_site

import store
from crawlers.article_length import too_short
from crawlers.charset import decide_charset, decode_page
from crawlers.sources import Source
from rivalscope.crawl import crawl

CAFE = "Le Café de la Société à Montréal"


def test_length_counts_characters_for_scripts_without_spaces() -> None:
    for paragraphs in CJK_TEXT.values():
        text = "\n".join(paragraphs)
        assert len(text.split()) < 40 and too_short(text) is None
    assert too_short("首页 新闻 关于我们 联系我们") == "only 12 characters"
    assert too_short("Home News About us") == "only 4 words"
    assert too_short(" ".join(["fleet"] * 40)) is None


@pytest.mark.parametrize("content_type, body, encoding, how", [
    ("text/html; charset=iso-8859-1", f"<p>{CAFE}</p>".encode(), "utf-8",
     "bytes: UTF-8, the header said cp1252"),
    ("text/html; charset=utf-8",
     f'<meta charset="windows-1252"><p>{CAFE}</p>'.encode("cp1252"), "cp1252",
     "bytes: not UTF-8, the header said utf-8; the meta said cp1252"),
    (None, f'<meta charset="iso-8859-1"><p>{CAFE}</p>'.encode(), "utf-8",
     "bytes: UTF-8, the meta said cp1252"),
    ("text/html; charset=iso-8859-1", f"<p>{CAFE}</p>".encode("latin-1"), "cp1252", "header"),
    ("text/html", b"<p>plain ascii</p>", "utf-8", "bytes: ASCII"),
    ("text/html; charset=utf-8", "\ufeff<p>Café</p>".encode(), "utf-8", "bom"),
])
def test_the_charset_is_decided_from_the_bytes_when_a_label_disagrees(
        content_type, body, encoding, how) -> None:
    charset = decide_charset(content_type, body)
    assert (charset.encoding, charset.how) == (encoding, how)
    assert ("Café" in decode_page(content_type, body)[0]) == (b"Caf" in body)


@pytest.mark.e2e
def test_cjk_articles_and_mislabelled_pages_are_stored_right(tmp_path) -> None:
    db_path = tmp_path / "languages.db"
    with serve_fixture_site() as site:
        site.custom_links = [site.url(p) for p in (
            "/cjk/zh.html", "/cjk/ja.html", "/charset/utf8-as-latin1.html",
            "/charset/cp1252-as-utf8.html", "/charset/agreeing.html")]
        source = Source(name="fx-languages", kind="feed", urls=[site.url("/custom-feed.xml")],
                        allow_hosts=[site.host])
        summary = crawl(db_path, [source], settings=FAST_SETTINGS, progress=False)
    rows = {r["url"].rsplit("/", 1)[1]: r for r in store.open_db(db_path).query(
        "select url, text, language, charset, charset_how from articles")}
    assert summary["new"] == 5, summary["sources"]["fx-languages"]
    assert "三千辆电动货车" in rows["zh.html"]["text"]
    assert "二千台増やす" in rows["ja.html"]["text"]
    for name in ("utf8-as-latin1.html", "cp1252-as-utf8.html", "agreeing.html"):
        assert CAFE in rows[name]["text"] and "\ufffd" not in rows[name]["text"], name
        assert "Ã" not in rows[name]["text"], name
    assert "“Oui”" in rows["cp1252-as-utf8.html"]["text"]
    assert rows["utf8-as-latin1.html"]["charset_how"] == "bytes: UTF-8, the header said cp1252"
    assert rows["cp1252-as-utf8.html"]["charset"] == "cp1252"
    assert rows["agreeing.html"]["charset_how"] == "header"
