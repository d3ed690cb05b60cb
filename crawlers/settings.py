"""Scrapy settings: polite and safe by default (news sites are someone else's servers).

`crawlers.run` loads this module itself (never through a scrapy.cfg in the working directory),
so a crawl started anywhere runs with these settings.

`scrapy crawl feed -a source=NAME` reads the source from crawlers/sources.toml (another file:
`-a sources_file=PATH`); the store is instance/rivalscope.db of the checkout (another one:
`-s RIVALSCOPE_DB=PATH`). Nothing here reads the environment: settings come from this module
and Scrapy's own overrides. Tests and the demo override the delays.
"""

from pathlib import Path

BOT_NAME = "rivalscope"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Where the store pipeline writes. rivalscope's crawls set it per run from its settings object
# (crawlers cannot import rivalscope); a `scrapy crawl` started by hand names another store
# with `-s RIVALSCOPE_DB=PATH`.
RIVALSCOPE_DB = str(Path(__file__).resolve().parent.parent / "instance" / "rivalscope.db")

# Say who we are and where to complain (deployments set their own contact page here).
USER_AGENT = "RivalscopeBot/0.1 (news monitoring; +https://github.com/rivalscope/rivalscope)"
ROBOTSTXT_OBEY = True  # crawl politely: a site's robots.txt is its answer

# Politeness: 1-4 parallel requests per site, at least 1 s apart, slower when the site
# slows down (AutoThrottle adapts to latency and never goes below DOWNLOAD_DELAY).
CONCURRENT_REQUESTS = 32  # across sites; one crawl runs many sources side by side
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # 0.5-1.5 x DOWNLOAD_DELAY: no clockwork pattern
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# A dead server must not hold a crawl: time out, retry a few times with growing pauses
# (crawlers.middlewares.backoff), then give up and count the failure.
DOWNLOAD_TIMEOUT = 30
DNS_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry; doubles each time
RETRY_BACKOFF_MAX = 60.0
RETRY_SLOW_DOWN_MIN_DELAY = 1.0  # a site answering 429/5xx waits at least this between requests
# A Retry-After is honoured for its URL alone, up to this many seconds; a URL asked to wait
# longer is tried again in the next crawl instead of holding this one.
RETRY_AFTER_MAX = 120.0
REDIRECT_MAX_TIMES = 5  # redirect loops end here
CLOSESPIDER_TIMEOUT = 4 * 3600  # a source still crawling after 4 h stops (and resumes next time)

# Scrapy's defaults are unsafe for untrusted sites: 1 GiB responses, file:// and data:
# handlers, a telnet console, no certificate checks. Since Scrapy 2.11.1 the size limits
# also bound the decompressed size (gzip bombs are dropped at DOWNLOAD_MAXSIZE).
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control is an HTTP server on 127.0.0.1 that runs code sent with a token
# read from a file (and killed crawls leave those files behind): off, like the telnet console.
REMOTE_CONTROL_ENABLED = False
DOWNLOAD_VERIFY_CERTIFICATES = True  # Scrapy's default is False

DOWNLOADER_MIDDLEWARES = {
    # Refuse private, loopback, link-local and metadata addresses (after DNS resolution),
    # redirects and robots.txt included; only the exact host:port a source names in
    # allow_hosts may be private (tests and the demo name their 127.0.0.1 server).
    "crawlers.middlewares.address_guard.PrivateAddressGuard": 50,
    # Scrapy reads Allow/Disallow (RobotsTxtMiddleware, 100); this adds Crawl-delay.
    "crawlers.middlewares.crawl_delay.CrawlDelay": 110,
    # Pause before each retry (exponential backoff) and slow a site down on 429/5xx; after
    # RetryMiddleware (550) so it sees every error response, not only the last one.
    "crawlers.middlewares.backoff.RetryBackoff": 580,
    # A redirect back to a URL of the same chain is a loop at once (RedirectMiddleware is 600;
    # responses pass the higher numbers first).
    "crawlers.middlewares.redirect_loop.RedirectLoopGuard": 650,
    # One politeness slot per host across the sources of a crawl (Scrapy's slots are per
    # crawler, one crawler per source); last before the download.
    "crawlers.middlewares.host_slot.SharedHostSlot": 950,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.near_duplicates.NearDuplicatePipeline": 200,
    "crawlers.pipelines.store_article.StoreArticlePipeline": 300,
}
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
}

# Article extraction (trafilatura, CPU-bound) runs in this many worker processes; -1: one per
# CPU, 0: in the crawl process itself.
RIVALSCOPE_EXTRACT_PROCESSES = -1
# At most this many article downloads per source and crawl (0: no limit); the rest come in
# the next crawls. Keeps a first crawl of a big sitemap from becoming an archive crawl.
RIVALSCOPE_MAX_ARTICLES_PER_CRAWL = 500
# Listing pages: how many pages of a section to follow (page 1 included).
RIVALSCOPE_LISTING_MAX_PAGES = 5
# Sitemaps: without --since, skip entries whose lastmod is older than this (0: keep all).
RIVALSCOPE_SITEMAP_MAX_AGE_DAYS = 30
# Sitemap indexes nest at most this deep (robots.txt and start sitemaps are depth 0; real
# sites use 1 or 2): a chain of indexes must not run for hours.
RIVALSCOPE_SITEMAP_MAX_DEPTH = 3
# At most this many sitemap requests per source and crawl (child sitemaps whose lastmod has
# not changed since the last complete crawl are not fetched and do not count).
RIVALSCOPE_SITEMAP_MAX_REQUESTS = 100
# Syndicated copies: MinHash Jaccard similarity at or above this links a copy to the first.
RIVALSCOPE_NEAR_DUPLICATE_THRESHOLD = 0.7

COOKIES_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
