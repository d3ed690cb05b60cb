"""Real crawls of the fixture site (a real HTTP server on 127.0.0.1): every kind of source,
every fault, and a second crawl that downloads only what changed."""

from __future__ import annotations

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, fixture_sources, serve_fixture_site
from process_watch import wait_for

import store
from crawlers.sources import Source
from rivalscope.crawl import crawl, source_health

pytestmark = pytest.mark.e2e

EXPECTED_TITLES = {
    "Ayvens orders electric vans for its leasing fleet",  # twice: ours and the partner's
    "Hertz sells part of its electric rental fleet",
    "Uber starts a robotaxi pilot with a carmaker",
    "Arval grows its fleet in southern Europe",
    "BYD enters the corporate leasing market",
    "Rivian van deliveries pass a milestone",
    "The LeasePlan brand is retired across markets",
    "Sixt opens a charging network for renters",
    "Europcar expands van rental for delivery firms",
    "Zity brings car sharing to another city",
    "Free2Move signs a fleet deal with a retailer",
    "A good story among broken pages",
    "Société Générale bets on électrique fleets",
}


@pytest.fixture(scope="module")
def site():
    with serve_fixture_site() as running:
        yield running


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    """The store after a first crawl of every fixture source, and its summary."""
    db_path = tmp_path_factory.mktemp("crawl") / "rivalscope.db"
    summary = crawl(db_path, fixture_sources(site.base), since="2020-01-01",
                    settings=FAST_SETTINGS, progress=False)
    hits = dict(site.hits)
    return db_path, summary, hits


def articles(db_path) -> list[dict]:
    return list(store.open_db(db_path).query("select * from articles"))


def test_each_kind_of_source_stores_its_articles_once(site, crawled) -> None:
    db_path, summary, _ = crawled
    rows = articles(db_path)
    assert len(rows) == 14 == summary["new"]
    assert {r["title"] for r in rows} == EXPECTED_TITLES
    assert {r["source"] for r in rows} == {"fx-feed", "fx-sitemap", "fx-listing", "fx-faults",
                                           "fx-partner"}
    assert all(r["text"] and r["fetched_at"] and r["language"] == "en" for r in rows)


def test_tracking_parameters_and_canonical_links_make_one_article(site, crawled) -> None:
    db_path, _, hits = crawled
    rows = articles(db_path)
    assert not any("utm_" in r["url"] or "#" in r["url"] for r in rows)
    hertz = [r for r in rows if r["title"].startswith("Hertz")]
    # Reached from the feed (with utm_ parameters) and from the sitemap (an AMP copy whose
    # canonical link names the article): stored once, under its canonical URL.
    assert hits["/amp/hertz-sells-cars.html"] == 1
    assert [r["canonical_url"] for r in hertz] == [site.article_url("hertz-sells-cars")]


def test_robots_since_and_listing_bounds_are_respected(site, crawled) -> None:
    _, _, counts = crawled
    hits = {path: counts.get(path, 0) for path in (
        "/private/secret-story.html", "/sitemap-2001.xml.gz", "/articles/old-archive-story.html",
        "/news/", "/articles/alphabet-fleet-software.html")}
    assert hits["/private/secret-story.html"] == 0  # robots.txt disallows /private/
    assert hits["/sitemap-2001.xml.gz"] == 0  # index entry older than --since
    assert hits["/articles/old-archive-story.html"] == 0
    assert hits["/news/"] == 3  # RIVALSCOPE_LISTING_MAX_PAGES
    assert hits["/articles/alphabet-fleet-software.html"] == 0


def test_faults_are_counted_per_source_and_the_crawl_goes_on(site, crawled) -> None:
    db_path, summary, hits = crawled
    faults = summary["sources"]["fx-faults"]
    assert faults["error_kinds"] == {"http_500": 1, "http_404": 1, "timeout": 1,
                                     "redirect_loop": 1, "too_large": 1, "not_a_feed": 1}
    assert faults["errors"] == 6 == summary["errors"]
    assert faults["no_text"] == 1  # the page with no article
    assert faults["new"] == 2
    assert hits["/fault/500.html"] == 2  # retried once
    assert faults["retries"] >= 1 and faults["slowed_down"] >= 2  # the site's delay grew
    assert hits["/fault/loop.html"] == 6  # the first request and 5 redirects
    latin1 = [r for r in articles(db_path) if r["title"].startswith("Société")][0]
    assert "Société Générale" in latin1["text"] and "Montréal" in latin1["text"]
    health = {h["name"]: h for h in source_health(db_path, fixture_sources(site.base))}
    assert health["fx-faults"]["health"] == "errors"
    assert "redirect_loop: 1" in health["fx-faults"]["last_error"]
    assert health["fx-feed"]["health"] == "ok"


def test_a_syndicated_copy_is_linked_to_the_original(crawled) -> None:
    db_path, _, _ = crawled
    pair = [r for r in articles(db_path) if r["title"].startswith("Ayvens")]
    assert len(pair) == 2
    first, second = sorted(pair, key=lambda r: r["duplicate_of"] or "")
    assert first["duplicate_of"] is None and second["duplicate_of"] == first["id"]
    others = [r for r in articles(db_path) if not r["title"].startswith("Ayvens")]
    assert all(r["duplicate_of"] is None for r in others)


def test_second_crawl_downloads_only_what_changed(site, crawled) -> None:
    db_path, _, before = crawled
    # The update must be later than the first fetch, to the second (dates have no fractions).
    db = store.open_db(db_path)
    last_fetch = db.execute("select max(fetched_at) from articles").fetchone()[0]
    db.close()
    wait_for(lambda: store.now() > last_fetch, 30, "the next second")
    site.update_article("arval-grows-fleet")
    summary = crawl(db_path, fixture_sources(site.base), since="2020-01-01",
                    settings=FAST_SETTINGS, progress=False)
    after = site.hits
    fetched_again = {path for path in after if path.startswith(("/articles/", "/amp/"))
                     and after[path] > before.get(path, 0)}
    # Not the AMP copy either: its URL was remembered as the article's.
    assert fetched_again == {"/articles/arval-grows-fleet.html"}
    assert summary["new"] == 0 and summary["updated"] == 1
    # Unchanged feeds and the listing answered 304 to conditional requests.
    assert site.conditional_hits["/feed.xml"] == 1
    assert site.conditional_hits["/rss1.xml"] == 1
    assert site.conditional_hits["/news/"] == 1
    assert summary["sources"]["fx-feed"]["not_modified"] == 2  # the Atom feed changed
    db = store.open_db(db_path)
    arval = next(db.query("select * from articles where title like 'Arval%'"))
    assert "Update 2:" in arval["text"] and arval["changed_at"]
    assert db["article_changes"].count == 1
    assert db["articles"].count == 14
    # Failed pages are tried again; the rest of the faults source is known.
    assert summary["sources"]["fx-faults"]["errors"] == 6


def test_private_addresses_are_refused_unless_the_source_allows_them(site, tmp_path) -> None:
    source = Source(name="no-private", kind="feed", urls=[site.url("/rss1.xml?guard")],
                    allowed_domains=["127.0.0.1"])
    hits = site.hits["/rss1.xml"]
    summary = crawl(tmp_path / "guard.db", [source], settings=FAST_SETTINGS, progress=False)
    assert summary["sources"]["no-private"]["error_kinds"].get("refused_address", 0) >= 1
    assert summary["new"] == 0
    assert site.hits["/rss1.xml"] == hits


def self_signed_certificate(folder) -> tuple[str, str]:
    """A certificate for 127.0.0.1 signed by nobody anyone trusts."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_certificates_are_verified(tmp_path) -> None:
    import ssl
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    (tmp_path / "feed.xml").write_text("<rss version='2.0'><channel></channel></rss>")
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        source = Source(name="self-signed", kind="feed",
                        urls=[f"https://127.0.0.1:{server.server_address[1]}/feed.xml"],
                        allowed_domains=["127.0.0.1"],
                        allow_hosts=[f"127.0.0.1:{server.server_address[1]}"])
        summary = crawl(tmp_path / "tls.db", [source], settings=FAST_SETTINGS, progress=False)
    finally:
        server.shutdown()
        server.server_close()
    counts = summary["sources"]["self-signed"]
    assert counts["errors"] >= 1 and counts["pages"] == 0, counts


def test_listing_without_patterns_follows_story_slugs_and_since_uses_article_dates(
        site, tmp_path) -> None:
    source = Source(name="fx-slugs", kind="listing", urls=[site.url("/news/?slugs")],
                    allowed_domains=["127.0.0.1"], allow_hosts=[site.host])
    before = dict(site.hits)
    summary = crawl(tmp_path / "slugs.db", [source], since="2026-11-08",
                    settings={**FAST_SETTINGS, "RIVALSCOPE_LISTING_MAX_PAGES": 1},
                    progress=False)
    fetched = {p for p in site.hits if site.hits[p] > before.get(p, 0)}
    # Story links (three-word slugs) are followed; "/about-us/" and "/news/" are not.
    assert fetched == {"/robots.txt", "/news/", "/articles/sixt-charging-network.html",
                       "/articles/europcar-van-rental.html"}
    # Both stories are dated 2026-11-07, before --since.
    assert summary["new"] == 0 and summary["sources"]["fx-slugs"]["too_old"] == 2


def test_robots_crawl_delay_spaces_requests(tmp_path) -> None:
    with serve_fixture_site() as slow_site:
        slow_site.crawl_delay = 0.5
        source = Source(name="fx-delay", kind="feed", urls=[slow_site.url("/feed.xml")],
                        allowed_domains=["127.0.0.1"], allow_hosts=[slow_site.host])
        summary = crawl(tmp_path / "delay.db", [source], settings=FAST_SETTINGS,
                        progress=False)
        times = [t for t, path in slow_site.hit_times if path != "/robots.txt"]
    assert summary["new"] == 3 and len(times) == 4
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.5 * 0.5  # Scrapy's jitter waits 0.5-1.5 x the delay
    assert sum(gaps) >= 3 * 0.5 * 0.8


def test_wrong_canonical_links_do_not_merge_different_articles(site, tmp_path) -> None:
    source = Source(name="fx-trap", kind="feed", urls=[site.url("/canonical-trap.xml")],
                    allowed_domains=["127.0.0.1"], allow_hosts=[site.host])
    summary = crawl(tmp_path / "trap.db", [source], settings=FAST_SETTINGS, progress=False)
    rows = list(store.open_db(tmp_path / "trap.db").query("select url, canonical_url, title "
                                                          "from articles"))
    assert summary["new"] == 4
    assert sorted(r["title"] for r in rows) == ["Trap story four", "Trap story one",
                                                "Trap story three", "Trap story two"]
    assert site.url("/") not in {r["canonical_url"] for r in rows}
