"""`rivalscope profile` and `rivalscope render`: company-profile PDFs."""

from __future__ import annotations

from pathlib import Path

import click

import store
from rivalscope.cli_options import current_settings, db_option, pdf_dir_option
from rivalscope.trust import profile_rule, profile_thresholds

EDITIONS = {"full": ("full",), "sample": ("sample",), "both": ("full", "sample")}


@click.command()
@db_option
@click.argument("company_name", metavar="COMPANY")
@click.option("--edition", type=click.Choice(["full", "sample"]), default="full",
              show_default=True, help="The full profile or the free sample.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to write (default: <company-slug>-<edition>.pdf).")
def profile(db_path: str, company_name: str, edition: str, output: Path | None) -> None:
    """Render the profile of COMPANY (name, alias or id) as a PDF."""
    from reports.editions import sample_profile
    from reports.profile import UnknownCompany, build_profile
    from reports.render import render_pdf

    db = store.open_db(db_path, create=False)
    try:
        full = build_profile(db, company_name, profile_thresholds())
    except UnknownCompany as error:
        raise click.ClickException(str(error)) from error
    chosen = full if edition == "full" else sample_profile(full)
    path = render_pdf(chosen, output or Path(f"{full.overview.id}-{edition}.pdf"))
    click.echo(str(path))


@click.command()
@db_option
@click.argument("companies", nargs=-1)
@click.option("--all", "all_companies", is_flag=True,
              help="Every company that gets a profile: a known or confident company named "
                   "in relevant articles of two independent sources (see `rivalscope "
                   "companies --all` for the others and why).")
@click.option("--edition", type=click.Choice(list(EDITIONS)), default="both",
              show_default=True, help="Which editions to render.")
@pdf_dir_option
@click.option("--processes", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Rendering worker processes.")
@click.option("--force", is_flag=True, help="Render even when the data did not change.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def render(db_path: str, companies: tuple[str, ...], all_companies: bool, edition: str,
           out_dir: Path, processes: int, force: bool, quiet: bool) -> None:
    """Render the profiles whose data changed since their last rendering."""
    from reports.batch import render_profiles
    from reports.profile import UnknownCompany, resolve_company

    if not companies and not all_companies:
        raise click.UsageError("name one or more companies, or give --all")
    db = store.open_db(db_path, create=False)
    try:
        ids = None if all_companies else [resolve_company(db, c)["id"] for c in companies]
    except UnknownCompany as error:
        raise click.ClickException(str(error)) from error
    rule = profile_rule(current_settings().relevance_threshold)
    result = render_profiles(db_path, ids, editions=EDITIONS[edition],
                             out_dir=out_dir, processes=processes, force=force,
                             progress=not quiet, rule=rule,
                             thresholds=profile_thresholds())
    for path in result["rendered"]:
        click.echo(path)
    click.echo(f"{len(result['rendered'])} rendered, {result['skipped']} unchanged, "
               f"{len(result['failed'])} failed")
    for name, error in result["failed"].items():
        click.echo(f"failed: {name}: {error}", err=True)
    if result["failed"]:
        raise SystemExit(1)


COMMANDS = [profile, render]
