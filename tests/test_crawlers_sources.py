"""Sources: the shipped list is complete and valid; a bad file gets a clear error."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from crawlers.sources import Source, SourceError, load_sources


def test_shipped_sources_are_at_least_twelve_real_sites() -> None:
    sources = load_sources()
    assert len(sources) >= 12
    assert len({s.name for s in sources}) == len(sources)
    assert {s.kind for s in sources} == {"feed", "sitemap", "listing"}
    for source in sources:
        assert source.language and source.allowed_domains, source.name
        assert not source.allow_hosts, source.name
        for url in source.urls:
            host = urlsplit(url).hostname or ""
            assert url.startswith("https://"), url
            assert any(host == d or host.endswith("." + d) for d in source.allowed_domains), url


def test_listing_sources_say_which_links_are_articles() -> None:
    for source in load_sources():
        if source.kind == "listing":
            assert source.allow, f"{source.name} would follow every link"
            assert all(re.compile(p) for p in source.allow)


@pytest.mark.parametrize("text, message", [
    ("[[source]]\nname = 'x'\nkind = 'blog'\nurls = ['https://a.example/']\n", "kind"),
    ("[[source]]\nname = 'x'\nkind = 'feed'\nurls = ['file:///etc/passwd']\n", "http"),
    ("[[source]]\nname = 'x'\nkind = 'feed'\nurls = ['https://a.example/']\nallow = ['(']\n",
     "bad pattern"),
    ("[[source]]\nname = 'x'\nkind = 'feed'\nurls = ['https://a.example/']\ncolour = 1\n",
     "unknown fields"),
    ("[[source]]\nname = 'x'\nkind = 'feed'\nurls = ['https://a.example/']\n" * 2, "unique"),
    ("[[source]\nname = ", "not valid TOML"),
])
def test_bad_sources_file_says_what_is_wrong(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(SourceError, match=message):
        load_sources(path)


def test_missing_sources_file_is_a_source_error(tmp_path) -> None:
    with pytest.raises(SourceError, match="no sources file"):
        load_sources(tmp_path / "nope.toml")


def test_source_round_trips_through_json_dict() -> None:
    source = Source(name="a", kind="feed", urls=["https://a.example/feed"],
                    allowed_domains=["a.example"], allow=[r"/news/"], language="en")
    assert Source.from_dict(source.to_dict()) == source


@pytest.mark.parametrize("name, url, wanted", [
    ("fleet-news", "https://www.fleetnews.co.uk/news/charge-point-enforcement-concerns-raised-"
                   "over-ev-uptime-rules", True),
    ("fleet-news", "https://www.fleetnews.co.uk/news/manufacturer-news/2020/02/05/vw-golf-mk8-"
                   "prices-specifications-and-co2-emissions", True),
    ("fleet-news", "https://www.fleetnews.co.uk/news/", False),
    ("fleet-news", "https://www.fleetnews.co.uk/fleet-faq/what-are-the-current-bik-bands-/3/",
     False),
    ("automotive-fleet", "https://www.automotive-fleet.com/10144161/subaru-debuts-new-2022-"
                         "outback-wilderness", True),
    ("automotive-fleet", "https://www.automotive-fleet.com/news/geotab-buys-verizon-connects-"
                         "international-commercial-operations", True),
    ("automotive-fleet", "https://www.automotive-fleet.com/news", False),
])
def test_listing_patterns_match_the_sites_article_urls(name: str, url: str, wanted: bool):
    from crawlers.urls import LinkFilter

    source = next(s for s in load_sources() if s.name == name)
    assert LinkFilter(source.allow, source.deny).allows(url) is wanted


GOOD = "[[source]]\nname = 'fleetwire'\nkind = 'feed'\nurls = ['https://fleetwire.example/feed']\n"


@pytest.mark.parametrize("line, field", [
    ("enabled = 'no'", "enabled"),
    ("allow_private = true", "allow_private"),
    ("allow_hosts = ['10.0.0.0/8']", "allow_hosts"),
    ("language = 5", "language"),
    ("language = 'english'", "language"),
    ("allowed_domains = 'fleetwire.example'", "allowed_domains"),
    ("deny = [1]", "deny"),
    ("colour = 'blue'", "colour"),
])
def test_a_bad_field_names_the_file_the_source_and_the_field(tmp_path, line: str,
                                                            field: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(GOOD + line + "\n")
    with pytest.raises(SourceError) as caught:
        load_sources(path)
    message = str(caught.value)
    assert str(path) in message and "'fleetwire'" in message and field in message, message


@pytest.mark.parametrize("kind, urls", [
    ("'blog'", "['https://fleetwire.example/feed']"),
    ("'feed'", "['fleetwire.example/feed']"),
    ("'feed'", "['https://']"),
    ("'feed'", "['ftp://fleetwire.example/feed']"),
    ("'feed'", "[]"),
    ("'feed'", "'https://fleetwire.example/feed'"),
])
def test_bad_kinds_and_urls_name_the_file_and_the_source(tmp_path, kind: str, urls: str):
    path = tmp_path / "sources.toml"
    path.write_text(f"[[source]]\nname = 'fleetwire'\nkind = {kind}\nurls = {urls}\n")
    with pytest.raises(SourceError) as caught:
        load_sources(path)
    message = str(caught.value)
    assert str(path) in message and "'fleetwire'" in message, message
    assert ("kind" if kind == "'blog'" else "urls") in message, message


def test_a_well_typed_source_is_accepted(tmp_path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(GOOD + "enabled = false\nlanguage = 'de'\nallow_hosts = ['127.0.0.1:8000']\n")
    (source,) = load_sources(path)
    assert (source.enabled, source.language, source.allow_hosts) == (False, "de",
                                                                      ["127.0.0.1:8000"])


def test_the_crawl_command_reports_a_bad_sources_file_in_one_line(runner, tmp_path) -> None:
    from rivalscope.cli import main

    path = tmp_path / "sources.toml"
    path.write_text(GOOD + "enabled = 'no'\n")
    result = runner.invoke(main, ["sources", "--sources-file", str(path),
                                  "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert result.output.startswith("Error: ") and str(path) in result.output
    assert "'enabled'" in result.output and "Traceback" not in result.output
