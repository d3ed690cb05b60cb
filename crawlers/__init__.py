"""The collection stage: a Scrapy project that turns news sources into stored articles.

- `sources.toml` / `sources.py`: what to crawl (`Source`, `load_sources`).
- `spiders/`: one declarative spider per kind over `spiders/base.NewsSpider` — `feed`
  (feedparser), `sitemap` (robots.txt, indexes, news sitemaps, lastmod) and `listing`
  (article links by pattern, bounded pagination). `scrapy crawl feed -a source=NAME`.
- `middlewares/`: private-address guard (before and after DNS), retry backoff and slow-down
  on 429/5xx, robots.txt Crawl-delay.
- `pipelines/`: near-duplicate linking (MinHash LSH), then the store (`store`).
- `extraction.py` (HTML -> article, trafilatura), run in worker processes by `extract_pool.py`.
- `run.py`: one crawl of many sources in a child process (`rivalscope.crawl.crawl`).
"""
