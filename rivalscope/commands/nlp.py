"""`rivalscope analyze`, `extract`, `companies`, `company`: the language-analysis commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

import store
from rivalscope.cli_options import db_option
from store import listing

MAX_INPUT_BYTES = 5 * 1024 * 1024


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
def analyze(files: tuple[str, ...]) -> None:
    """Print the companies, deals, fleet figures and people of each text FILE as JSON.

    One JSON object per line, in the order of the files; `-` reads standard input.
    """
    import nlp

    texts = [_read_text(name) for name in files]
    for analysis in nlp.analyze_many(texts):
        click.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))


def _read_text(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError as error:
        raise click.ClickException(f"{name}: no such file") from error
    except IsADirectoryError as error:
        raise click.ClickException(f"{name}: is a directory, not a text file") from error
    except OSError as error:
        raise click.ClickException(f"{name}: cannot be read ({error.strerror})") from error
    if len(data) > MAX_INPUT_BYTES:
        click.echo(f"{name}: longer than 5 MB; only the first 5 MB are analysed", err=True)
        data = data[:MAX_INPUT_BYTES]
    if b"\x00" in data[:8192]:
        click.echo(f"{name}: looks binary; its text parts are analysed", err=True)
    return data.decode("utf-8", errors="replace")


@click.command()
@db_option
@click.option("--processes", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Processes for spaCy (2 helps on large backlogs).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def extract(db_path: str, processes: int, quiet: bool) -> None:
    """Analyse the stored articles not yet analysed with this pipeline version."""
    from rivalscope.extract import analyze_pending

    counts = analyze_pending(store.open_db(db_path, create=False), processes=processes,
                             progress=not quiet)
    click.echo(", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items()))


@click.command()
@db_option
@click.option("--all", "show_all", is_flag=True,
              help="Also the companies without a profile, each with the reason.")
def companies(db_path: str, show_all: bool) -> None:
    """List the companies that get a profile, most relevant sources first.

    A company gets a profile when it is a known company or one the pipeline is confident
    about, named in relevant (automotive, fleet or mobility) articles of two independent
    sources; `--all` lists the others too, with why they get none.
    """
    from reports.eligibility import standings
    from rivalscope.cli_options import current_settings
    from rivalscope.trust import profile_rule

    db = store.open_db(db_path, create=False)
    for row in standings(db, profile_rule(current_settings().relevance_threshold)):
        if row["reason"] and not show_all:
            continue
        status = f"  no profile: {row['reason']}" if row["reason"] else ""
        click.echo(f"{row['mentions']:5d}  {row['name']}  ({row['id']}, "
                   f"{row['articles']} articles, {row['relevant_sources']} of "
                   f"{row['sources']} sources relevant){status}")


@click.command()
@db_option
@click.argument("name")
def company(db_path: str, name: str) -> None:
    """Show what is known about one company, with the sentences and articles it comes from.

    Each fact shows its confidence, its independent sources and whether it is confirmed
    (shown in a profile's main sections); contradicting reports are listed at the end.
    """
    from rivalscope.trust import profile_thresholds
    from store import contradictions

    thresholds = profile_thresholds()
    db = store.open_db(db_path, create=False)
    row = store.find_company(db, name)
    if row is None:
        raise click.ClickException(f"no company called {name!r}; see `rivalscope companies`")
    parent = store.find_company(db, row["parent_id"]) if row.get("parent_id") else None
    click.echo(f"{row['name']} ({row['id']}) kind={row['kind']} country={row['country']}"
               + (f" parent={parent['name']}" if parent else ""))
    aliases = [a for a in store.aliases_of(db, row["id"]) if a != row["name"]]
    if aliases:
        click.echo("aliases: " + ", ".join(sorted(aliases)))
    for deal in listing.deals_with_parties(db, row["id"]):
        click.echo(f"\ndeal: {deal['type']} ({deal['status']}) {deal['parties']} "
                   f"{deal['date'] or ''}  "
                   f"{_trust('deal', deal['confidence'], deal['sources'], thresholds)}")
        for ev in listing.deal_sentences(db, deal["id"]):
            click.echo(f"  [{ev['status']}] {ev['date'] or 'undated'} "
                       f"confidence {_number(ev['confidence'])}, {ev['source'] or '-'}: "
                       f"{ev['sentence']}\n    {ev['url']}")
    for fleet in listing.fleet_with_urls(db, row["id"]):
        click.echo(f"\nfleet: {fleet['count']:,} {fleet['unit']} ({fleet['context']}, "
                   f"{fleet['scope']}, {fleet['as_of'] or 'undated'})  "
                   f"{_trust('fleet', fleet['confidence'], fleet['sources'], thresholds)}"
                   f"\n  {fleet['sentence']}\n    {fleet['url']}")
    for person in listing.people_with_urls(db, row["id"]):
        click.echo(f"\nperson: {person['name']}, {person['role'] or 'role not given'}  "
                   f"{_trust('person', person['confidence'], person['sources'], thresholds)}"
                   f"\n    {person['url']}")
    for first, second in contradictions.fleet_contradictions(db, row["id"]):
        click.echo(f"\ncontradiction: fleet ({first['context']}, {first['scope']}, "
                   f"{first['as_of'][:10]}): {first['count']:,} {first['unit']} "
                   f"({first['source'] or '-'}, {first['url']}) vs {second['count']:,} "
                   f"{second['unit']} ({second['source'] or '-'}, {second['url']})")
    for deal in listing.deals_with_parties(db, row["id"]):
        pair = contradictions.deal_contradictions(db, deal["id"])
        if pair:
            click.echo(f"\ncontradiction: deal {deal['type']} {deal['parties']}: completed "
                       f"({pair[0]['source'] or '-'}, {pair[0]['url']}) vs "
                       f"{pair[1]['status']} ({pair[1]['source'] or '-'}, {pair[1]['url']})")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _trust(kind: str, confidence: float | None, sources: int | None,
           thresholds: dict[str, float]) -> str:
    """"[confirmed] confidence 0.91, 2 sources"."""
    from reports.trust import is_confirmed

    state = "confirmed" if is_confirmed(kind, confidence, sources, thresholds) \
        else "unconfirmed"
    count = sources or 1
    return f"[{state}] confidence {_number(confidence)}, {count} source{'s' * (count != 1)}"


COMMANDS = [analyze, extract, companies, company]
