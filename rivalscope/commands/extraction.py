"""`rivalscope extract-html`: the crawlers' own article extraction on saved pages."""

from __future__ import annotations

import json
from pathlib import Path

import click

MAX_PAGE_BYTES = 10 * 1024 * 1024  # the crawlers' DOWNLOAD_MAXSIZE


@click.command("extract-html")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract_html(files: tuple[Path, ...]) -> None:
    """Print the article (title, text, published, author, url) of each saved HTML FILE.

    One JSON object per line; a file that cannot be read or holds no article gets a message
    on stderr, the others are still printed, and the exit code is 1.
    """
    from crawlers.extraction import NotAnArticle, extract_article

    failures = 0
    for path in files:
        try:
            if path.stat().st_size > MAX_PAGE_BYTES:
                raise NotAnArticle("larger than 10 MB")
            article = extract_article(path.read_bytes(), None)
        except FileNotFoundError:
            message = "no such file"
        except IsADirectoryError:
            message = "is a directory, not an HTML file"
        except NotAnArticle as error:
            message = str(error)
        else:
            click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
            continue
        failures += 1
        click.echo(f"{path}: {message}", err=True)
    if failures:
        raise SystemExit(1)


COMMANDS = [extract_html]
