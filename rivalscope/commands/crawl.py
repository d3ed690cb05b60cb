"""`rivalscope crawl` and `rivalscope sources`: collect news articles into the store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from rivalscope.cli_options import db_option, sources_option


def _load(sources_file: Path | None):
    from crawlers.sources import SourceError, load_sources

    try:
        return load_sources(sources_file)
    except SourceError as error:
        raise click.ClickException(str(error)) from error


def _since(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise click.BadParameter("give a date as YYYY-MM-DD") from error


def _settings(ctx, param, values: tuple[str, ...]) -> dict:
    """KEY=VALUE pairs; a VALUE that reads as JSON (numbers, true, lists) is taken as such."""
    settings = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.isupper():
            raise click.BadParameter(f"{item!r}: write KEY=VALUE with an upper-case KEY")
        try:
            settings[key] = json.loads(value)
        except json.JSONDecodeError:
            settings[key] = value
    return settings


@click.command()
@click.option("--source", "names", multiple=True, metavar="NAME",
              help="Crawl only this source (repeatable); default: every enabled source.")
@click.option("--since", callback=_since, metavar="DATE",
              help="Skip articles published before DATE (YYYY-MM-DD).")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", callback=_settings,
              help="Override a Scrapy setting, e.g. --set DOWNLOAD_DELAY=2 (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="Only the summary, no crawl log.")
@sources_option
@db_option
def crawl(names: tuple[str, ...], since: str | None, overrides: dict, as_json: bool,
          quiet: bool, sources_file: Path | None, db_path: str) -> None:
    """Crawl news sources (feeds, sitemaps, section pages) into the store."""
    from rivalscope.crawl import CrawlError
    from rivalscope.crawl import crawl as run_crawl

    sources = _load(sources_file)
    if names:
        by_name = {s.name: s for s in sources}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise click.ClickException(
                f"no source named {', '.join(unknown)}; `rivalscope sources` lists them")
        chosen = [by_name[n] for n in names]
    else:
        chosen = [s for s in sources if s.enabled]
    if not chosen:
        raise click.ClickException("no enabled source to crawl")
    try:
        summary = run_crawl(db_path, chosen, since=since, settings=overrides,
                            progress=not quiet)
    except CrawlError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    for name, counts in summary["sources"].items():
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(counts["error_kinds"].items()))
        click.echo(f"{name}: {counts['new']} new, {counts['updated']} updated, "
                   f"{counts['unchanged']} unchanged, {counts['known_skipped']} known, "
                   f"{counts['errors']} errors" + (f" ({kinds})" if kinds else ""))
    copies = summary.get("copies", 0)
    click.echo(f"total: {summary['new']} new, {summary['updated']} updated, "
               f"{summary['errors']} errors"
               + (f", {copies} links listed by several sources downloaded once" if copies
                  else ""))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@sources_option
@db_option
def sources(as_json: bool, sources_file: Path | None, db_path: str) -> None:
    """List the news sources with their health (last crawl, articles, errors).

    "skipped" counts the stored articles in a language the pipeline does not analyse."""
    from rivalscope.crawl import source_health

    rows = source_health(db_path, _load(sources_file))
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{'name':<24} {'kind':<8} {'health':<14} {'articles':>8} {'skipped':>7} "
               f"{'errors':>6}  last crawl")
    for row in rows:
        click.echo(f"{row['name']:<24} {row['kind']:<8} {row['health']:<14} "
                   f"{row['articles']:>8} {row['skipped_language']:>7} {row['errors']:>6}  "
                   f"{row['last_crawl'] or '-'}")
        if row["last_error"] and row["health"] == "errors":
            click.echo(f"{'':<24} last errors: {row['last_error']}")
        if row["warnings"]:
            click.echo(f"{'':<24} warnings: {row['warnings']}")


COMMANDS: list[click.Command] = [crawl, sources]
