"""Write the static demo news site (site/) from articles.toml.

Run `python -m rivalscope.demo.build_site` after editing the stories; the generated files are
committed so the demo needs nothing but a static file server. Every article page carries the
clutter real news sites have (navigation, cookie banner, advert, a "download a free sample"
form, related links, newsletter box, footer) so the extraction is exercised for real.
"""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from jinja2 import DictLoader, Environment, StrictUndefined

HERE = Path(__file__).parent
SITE_DIR = HERE / "site"
BASE = "http://rivalscope-demo.invalid"  # rewritten to the real address by the demo server
# The site's "public" address, used for canonical links: never rewritten, so an article keeps
# one canonical URL (and one id in the store) whichever port the demo server gets.
CANONICAL_BASE = "https://fleetwire.rivalscope-demo.invalid"
SITE_NAME = "Fleet & Mobility Wire"
# The two invented publications the site hosts: key -> (name, its feed). Each is a source of
# the demo (rivalscope.demo.pipeline.demo_sources), so a company covered by both has two
# independent sources, as the profile rule asks.
PUBLICATIONS = {"wire": (SITE_NAME, "feed.xml"),
                "review": ("Van & Lease Review", "review/feed.xml")}

LAYOUT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} | {{ site }}</title>
{% block head %}{% endblock %}
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<div class="cookie-banner" id="cookie-banner">
  <p>We use cookies to personalise content and adverts and to analyse our traffic.
  By continuing to browse you accept our cookie policy.</p>
  <button type="button">Accept all cookies</button> <button type="button">Manage settings</button>
</div>
<header class="masthead">
  <a class="logo" href="/">{{ site }}</a>
  <nav><ul>
    <li><a href="/news/">Latest news</a></li><li><a href="/news/">Fleet</a></li>
    <li><a href="/news/">Leasing</a></li><li><a href="/news/">Mobility</a></li>
    <li><a href="/news/">Deals</a></li><li><a href="/feed.xml">RSS</a></li>
  </ul></nav>
</header>
<main>
{% block main %}{% endblock %}
</main>
<footer class="site-footer">
  <p>&copy; 2026 {{ site }} (a demo site of the Rivalscope project). All stories on this
  site are invented.</p>
  <p><a href="/news/">Archive</a> &middot; <a href="/feed.xml">RSS feed</a> &middot;
  <a href="/sitemap.xml">Sitemap</a></p>
</footer>
</body>
</html>
"""

ARTICLE = """{% extends "layout" %}
{% block head %}
<meta name="author" content="{{ a.author }}">
<meta name="description" content="{{ a.summary }}">
<meta property="og:title" content="{{ a.title }}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{{ a.published }}">
<meta property="article:section" content="{{ a.section }}">
<meta property="og:site_name" content="{{ a.publication_name }}">
<link rel="canonical" href="{{ canonical_base }}/news/{{ a.slug }}.html">
{% endblock %}
{% block main %}
<div class="layout">
<article class="story">
  <p class="kicker">{{ a.publication_name }} &middot; {{ a.section }}</p>
  <h1>{{ a.title }}</h1>
  <p class="byline">By <span class="author">{{ a.author }}</span> &middot;
    <time datetime="{{ a.published }}">{{ a.published_human }}</time></p>
  {% for paragraph in a.paragraphs %}
  <p>{{ paragraph }}</p>
  {% endfor %}
  <p class="disclaimer"><em>Demo article: invented news for the Rivalscope demo.</em></p>
</article>
<aside class="sidebar">
  <div class="advert">
    <span class="ad-label">Advertisement</span>
    <p>Fleet managers: cut your fuel bill by 30% with SmartFuel telematics. Book a demo today!</p>
  </div>
  <form class="sample-form" action="/sample" method="post">
    <h2>Download a free sample report</h2>
    <p>Get the free sample of our Global Fleet Leasing Market Report 2026.</p>
    <label>Work email <input type="email" name="email"></label>
    <label>Company <input type="text" name="company"></label>
    <button type="submit">Download free sample</button>
  </form>
  <div class="newsletter">
    <h2>Newsletter</h2>
    <p>Sign up for the Fleet Briefing, every weekday morning in your inbox.</p>
  </div>
</aside>
</div>
<section class="related">
  <h2>Related stories</h2>
  <ul>
  {% for r in related %}
    <li><a href="/news/{{ r.slug }}.html">{{ r.title }}</a></li>
  {% endfor %}
  </ul>
</section>
{% endblock %}
"""

LISTING = """{% extends "layout" %}
{% block main %}
<h1>{{ title }}</h1>
<ul class="listing">
{% for a in articles %}
  <li><a href="/news/{{ a.slug }}.html">{{ a.title }}</a>
    <time datetime="{{ a.published }}">{{ a.published_human }}</time>
    <p>{{ a.summary }}</p></li>
{% endfor %}
</ul>
{% endblock %}
"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ publication }}</title>
<link>{{ base }}/</link>
<description>Invented automotive and fleet news for the Rivalscope demo</description>
<language>en</language>
<atom:link href="{{ base }}/{{ feed }}" rel="self" type="application/rss+xml"/>
{% for a in articles %}
<item>
  <title>{{ a.title }}</title>
  <link>{{ base }}/news/{{ a.slug }}.html</link>
  <guid isPermaLink="true">{{ base }}/news/{{ a.slug }}.html</guid>
  <pubDate>{{ a.rfc822 }}</pubDate>
  <author>{{ a.author }}</author>
  <category>{{ a.section }}</category>
  <description>{{ a.summary }}</description>
</item>
{% endfor %}
</channel>
</rss>
"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{% for a in articles %}
<url>
  <loc>{{ base }}/news/{{ a.slug }}.html</loc>
  <lastmod>{{ a.published }}</lastmod>
  <news:news>
    <news:publication><news:name>{{ site }}</news:name><news:language>en</news:language>
    </news:publication>
    <news:publication_date>{{ a.published }}</news:publication_date>
    <news:title>{{ a.title }}</news:title>
  </news:news>
</url>
{% endfor %}
</urlset>
"""

CSS = """body{font-family:Georgia,serif;margin:0;color:#222}
.masthead{background:#0b3d5c;color:#fff;padding:.6em 1em}.masthead a{color:#fff}
.masthead ul{list-style:none;display:flex;gap:1em;padding:0}
.cookie-banner{background:#fffbe6;border-bottom:1px solid #ccc;padding:.5em 1em}
.layout{display:flex;gap:2em;padding:1em}.story{flex:3}.sidebar{flex:1}
.advert,.sample-form,.newsletter{border:1px solid #ccc;padding:.6em;margin-bottom:1em}
.related,.site-footer{padding:1em;border-top:1px solid #ccc}
.disclaimer{color:#777}
"""

ROBOTS = f"User-agent: *\nAllow: /\nSitemap: {BASE}/sitemap.xml\n"


def load_articles(path: Path = HERE / "articles.toml") -> list[dict]:
    """The stories, newest first, with the derived fields the templates use."""
    articles = tomllib.loads(path.read_text(encoding="utf-8"))["article"]
    for a in articles:
        published = datetime.fromisoformat(a["published"])
        a["paragraphs"] = [" ".join(p.split()) for p in a["body"].strip().split("\n\n")]
        a["summary"] = a["paragraphs"][0]
        a["published_human"] = published.strftime("%d %B %Y")
        a["rfc822"] = format_datetime(published)
        a["publication_name"] = PUBLICATIONS[a["publication"]][0]
    return sorted(articles, key=lambda a: a["published"], reverse=True)


def build(site_dir: Path = SITE_DIR) -> list[Path]:
    """(Re)write the whole site; returns the files written."""
    env = Environment(
        loader=DictLoader({"layout": LAYOUT, "article": ARTICLE, "listing": LISTING}),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(site=SITE_NAME, base=BASE, canonical_base=CANONICAL_BASE)
    articles = load_articles()
    if site_dir.exists():
        shutil.rmtree(site_dir)
    (site_dir / "news").mkdir(parents=True)
    (site_dir / "static").mkdir()
    written: dict[Path, str] = {
        site_dir / "static" / "site.css": CSS,
        site_dir / "robots.txt": ROBOTS,
        site_dir / "sitemap.xml": env.from_string(SITEMAP).render(articles=articles),
    }
    for key, (name, feed) in PUBLICATIONS.items():
        (site_dir / feed).parent.mkdir(parents=True, exist_ok=True)
        written[site_dir / feed] = env.from_string(FEED).render(
            publication=name, feed=feed,
            articles=[a for a in articles if a["publication"] == key])
    listing = env.get_template("listing")
    written[site_dir / "index.html"] = listing.render(title="Top stories",
                                                       articles=articles[:6])
    written[site_dir / "news" / "index.html"] = listing.render(title="Latest news",
                                                                articles=articles)
    for i, a in enumerate(articles):
        related = [r for r in articles if r is not a][i % 5: i % 5 + 3]
        written[site_dir / "news" / f"{a['slug']}.html"] = env.get_template("article").render(
            title=a["title"], a=a, related=related)
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return sorted(written)


if __name__ == "__main__":
    for written_path in build():
        print(written_path.relative_to(HERE))
