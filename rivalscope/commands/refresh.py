"""`rivalscope refresh`, `runs`, `schedule` and `ingest`: keep the profiles fresh."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from rivalscope.cli_options import current_settings, db_option, pdf_dir_option, sources_option
from rivalscope.commands.crawl import _load, _settings


def _refresh_options(function):
    for option in reversed([
        click.option("--scrapyd", "nodes", multiple=True, metavar="URL",
                     help="Crawl on this Scrapyd node (repeatable); default: crawl here."),
        click.option("--feed-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="With --scrapyd: a folder the nodes and this machine share, for "
                          "the feeds (default: a temporary folder here)."),
        click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
                     callback=_settings, help="Override a Scrapy setting (repeatable)."),
        click.option("--processes", type=click.IntRange(1, 16), default=1, show_default=True,
                     help="Processes for the language analysis."),
        click.option("--render-processes", type=click.IntRange(1, 16), default=2,
                     show_default=True, help="Processes rendering PDFs."),
        click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Also write the summary as JSON to this file (for monitoring)."),
        click.option("--quiet", is_flag=True, help="No crawl log or progress bars."),
        sources_option, pdf_dir_option, db_option,
    ]):
        function = option(function)
    return function


def _run_refresh(db_path, sources_file, out_dir, nodes, feed_dir, overrides, processes,
                 render_processes, json_path, quiet) -> dict:
    from rivalscope.refresh import RefreshLocked, refresh

    settings = dict(overrides)
    try:
        return refresh(db_path, _load(sources_file), out_dir=out_dir, scrapyd=list(nodes),
                       feed_dir=feed_dir, settings=settings, processes=processes,
                       render_processes=render_processes, progress=not quiet,
                       json_path=json_path, thresholds=current_settings())
    except RefreshLocked as error:
        raise click.ClickException(str(error)) from error


@click.command()
@_refresh_options
def refresh(**options) -> None:
    """Crawl every enabled source, analyse new and changed articles, re-render changed
    profiles; prints a summary (exit status 1 if the run had errors)."""
    from rivalscope.refresh import format_summary

    summary = _run_refresh(**options)
    click.echo(format_summary(summary))
    if summary["status"] != "ok":
        sys.exit(1)


@click.command()
@click.option("--cron", "expression", required=True, metavar="EXPR",
              help='A crontab line: minute hour day month weekday, e.g. "0 */6 * * *".')
@click.option("--timezone", default="UTC", show_default=True, help="The cron line's time zone.")
@_refresh_options
def schedule(expression: str, timezone: str, **options) -> None:
    """Run refreshes on a cron schedule, in the foreground (Ctrl-C stops)."""
    from rivalscope.refresh import format_summary
    from rivalscope.schedule import run_schedule, trigger

    try:
        trigger(expression, timezone)
    except (ValueError, LookupError) as error:
        raise click.BadParameter(str(error), param_hint="--cron") from error

    def job() -> None:
        try:
            click.echo(format_summary(_run_refresh(**options)))
        except click.ClickException as error:  # locked: the next tick tries again
            click.echo(f"refresh skipped: {error.message}", err=True)
        except Exception as error:  # a failed refresh is recorded; the schedule goes on
            click.echo(f"refresh failed: {type(error).__name__}: {error}", err=True)

    run_schedule(expression, job, timezone=timezone, announce=click.echo)


@click.command()
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True,
              help="How many runs to list, newest first.")
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
@db_option
def runs(limit: int, as_json: bool, db_path: str) -> None:
    """List the recorded runs (refreshes and ingests): start, end, status, counts, errors."""
    import store
    from rivalscope.refresh import list_runs

    rows = list_runs(store.open_db(db_path, create=False), limit)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("no runs yet: `rivalscope refresh` makes one")
        return
    click.echo(f"{'id':>4} {'kind':<8} {'status':<12} {'started':<26} {'new':>4} {'upd':>4} "
               f"{'anal':>5} {'pdfs':>5} {'err':>4}")
    for row in rows:
        counts = row["counts"]
        crawl = counts.get("crawl", counts)
        click.echo(f"{row['id']:>4} {row['kind']:<8} {row['status']:<12} "
                   f"{row['started_at']:<26} {crawl.get('new', 0):>4} "
                   f"{crawl.get('updated', 0):>4} "
                   f"{counts.get('analysis', {}).get('articles', 0):>5} "
                   f"{counts.get('render', {}).get('rendered', 0):>5} {len(row['errors']):>4}")


@click.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED...")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@db_option
def ingest(feeds: tuple[str, ...], as_json: bool, db_path: str) -> None:
    """Load Scrapy JSON Lines feed exports of crawled articles (files or http URLs) into
    the store; loading a feed again changes nothing."""
    import store
    from rivalscope.ingest import ingest as run_ingest
    from rivalscope.refresh import start_run, update_run

    db = store.open_db(db_path)
    run_id, _ = start_run(db, kind="ingest", under_lock=False)
    counts = run_ingest(db, feeds)
    problems = counts.pop("problems")
    update_run(db, run_id, counts, problems, status="errors" if problems else "ok")
    if as_json:
        click.echo(json.dumps({**counts, "problems": problems}, indent=2))
    else:
        click.echo(f"{counts['new']} new, {counts['updated']} updated, "
                   f"{counts['unchanged']} unchanged, {counts['rejected']} rejected")
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
    if counts["bad_feeds"]:
        raise click.ClickException(f"{counts['bad_feeds']} feed(s) could not be read")


COMMANDS: list[click.Command] = [refresh, runs, schedule, ingest]
