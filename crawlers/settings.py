"""Scrapy settings: polite and safe by default (news sites are someone else's servers)."""

BOT_NAME = "rivalscope"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Say who we are and where to complain.
USER_AGENT = "RivalscopeBot/0.1 (+https://rivalscope.invalid/bot; news monitoring)"
ROBOTSTXT_OBEY = True  # crawl politely

# Politeness: at most 4 parallel requests per site, at least 1 s apart, slower when the
# site slows down (AutoThrottle) and on 429/5xx (retries back off through AutoThrottle).
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
REDIRECT_MAX_TIMES = 5

# Scrapy's defaults are unsafe for untrusted sites: 1 GiB responses, file:// and data:
# handlers, a telnet console, no certificate checks. Since Scrapy 2.11.1 the size limits
# also bound the decompressed size (gzip bombs are dropped).
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}
TELNETCONSOLE_ENABLED = False
DOWNLOADER_CLIENTCONTEXTFACTORY = "scrapy.core.downloader.contextfactory.BrowserLikeContextFactory"

# Refuse private, loopback, link-local and metadata addresses (after DNS resolution) unless
# a source is explicitly allowed to use them (the tests and the demo serve on 127.0.0.1).
DOWNLOADER_MIDDLEWARES = {
    "crawlers.middlewares.address_guard.PrivateAddressGuard": 50,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.store_article.StoreArticlePipeline": 300,
}

COOKIES_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
