"""Profile -> HTML (Jinja2, autoescaped) -> PDF (WeasyPrint, fetching only bundled assets)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from reports.charts import deals_chart, mentions_chart
from reports.editions import withheld
from reports.fetcher import ASSETS, BundledAssetsFetcher
from reports.model import Profile

SECTIONS = [("summary", "Executive summary"), ("overview", "Overview"),
            ("people", "Key people"), ("deals", "Deals and alliances"),
            ("fleet", "Fleet figures"), ("news", "Recent news"),
            ("related", "Related companies"), ("charts", "Charts"),
            ("changes", "What changed"), ("contradictions", "Contradicting reports"),
            ("unconfirmed", "Unconfirmed reports"), ("sources", "Sources")]
# Sections of the full edition only (the sample's data never holds them).
FULL_ONLY = {"contradictions", "unconfirmed"}


def safe_url(url: str | None) -> str | None:
    """Only http(s) links from crawled data reach the PDF."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def environment() -> Environment:
    # autoescape=True (not select_autoescape, which misses .j2 names): crawled text is data.
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["label"] = lambda s: (s or "").replace("_", " ")
    return env


_ENV = environment()


def render_html(profile: Profile) -> str:
    """The HTML of an edition."""
    template = _ENV.get_template("profile.html.j2")
    return template.render(
        p=profile, withheld=withheld(profile),
        sections=[s for s in SECTIONS if profile.edition == "full" or s[0] not in FULL_ONLY],
        generated=datetime.now(UTC).strftime("%Y-%m-%d"),
        mentions_chart=mentions_chart(profile.mentions_by_month),
        # Charts belong to the full edition; the sample's data would draw a misleading one.
        deals_chart=deals_chart([d.label for d in profile.deals])
        if profile.edition == "full" else None,
    )


def render_pdf(profile: Profile, path: str | os.PathLike[str]) -> Path:
    """Render one edition to path (written atomically: a killed render leaves no half file)."""
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    html = HTML(string=render_html(profile), base_url=ASSETS.as_uri() + "/",
                url_fetcher=BundledAssetsFetcher())
    document = html.render()
    title = f"{profile.overview.name}: company profile ({profile.edition} edition)"
    document.metadata.title = title
    document.metadata.authors = ["Rivalscope"]
    document.metadata.description = f"Competitive-intelligence profile of {profile.overview.name}"
    document.metadata.keywords = [profile.overview.name, "company profile", profile.edition]
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    document.metadata.created = document.metadata.modified = now
    partial = path.with_suffix(".pdf.part")
    document.write_pdf(partial, pdf_variant="pdf/ua-1")
    partial.replace(path)
    return path
