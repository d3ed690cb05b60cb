"""`rivalscope demo`: the whole pipeline on the bundled demo news site."""

from __future__ import annotations

from pathlib import Path

import click

from rivalscope.cli_options import current_settings
from rivalscope.trust import profile_rule


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Where the PDFs are written.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None,
              help="The demo's own store, kept apart from your real one [default: demo.db in "
                   "the instance folder].")
@click.option("--processes", type=click.IntRange(1, 8), default=1, show_default=True,
              help="Processes for the language analysis.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def demo(out_dir: Path, db_path: Path | None, processes: int, quiet: bool) -> None:
    """Serve the bundled demo news site on 127.0.0.1, crawl it, analyse it, render PDFs."""
    from rivalscope.crawl import CrawlError
    from rivalscope.demo.pipeline import foreign_sources, run_demo

    settings = current_settings()
    db_path = db_path or settings.instance_dir / "demo.db"
    foreign = foreign_sources(db_path)
    if foreign:
        raise click.ClickException(
            f"{db_path} holds articles of {', '.join(foreign)}, not of the demo's two "
            "publications (a store of an older demo, or not a demo store): delete it, or "
            "give another --db, and run the demo again")
    try:
        result = run_demo(db_path, out_dir, processes=processes, progress=not quiet,
                          rule=profile_rule(settings.relevance_threshold))
    except CrawlError as error:
        raise click.ClickException(str(error)) from error
    crawl_summary = result.crawl
    click.echo(
        f"crawled: {crawl_summary.get('new', 0)} new, {crawl_summary.get('updated', 0)} updated, "
        f"{crawl_summary.get('unchanged', 0)} unchanged articles"
    )
    counts = result.analysis
    click.echo(
        f"analysed: {counts.get('articles', 0)} articles -> {counts.get('deals', 0)} deals, "
        f"{counts.get('fleet_figures', 0)} fleet figures, {counts.get('people', 0)} people"
    )
    click.echo(f"profiles: {len(result.companies)} companies named in relevant articles of "
               "two independent sources; "
               f"{len(result.render.get('rendered', []))} PDFs rendered, "
               f"{result.render.get('skipped', 0)} unchanged")
    for company, error in (result.render.get("failed") or {}).items():
        click.echo(f"render failed for {company}: {error}", err=True)
    click.echo(f"store: {db_path}")
    for path in result.pdfs:
        click.echo(str(path))
    if not result.pdfs:
        raise click.ClickException("the demo produced no PDF; see the messages above")


COMMANDS = [demo]
