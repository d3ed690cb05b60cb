"""`rivalscope extract-html`: the crawlers' own article extraction on saved pages."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("extract-html")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract_html(files: tuple[Path, ...]) -> None:
    """Print the article (title, text, published, author, url) of each saved HTML FILE.

    One JSON object per line; a file that cannot be read or holds no article gets a message
    on stderr, the others are still printed, and the exit code is 1.
    """
    from crawlers.extraction import NotAnArticle, extract_article
    from crawlers.extraction_decode import MAX_HTML_BYTES

    failures = 0
    for path in files:
        try:
            # Checked before reading: a huge file is refused without loading it.
            if path.is_file() and path.stat().st_size > MAX_HTML_BYTES:
                raise NotAnArticle(f"the page is larger than {MAX_HTML_BYTES // 2**20} MB")
            article = extract_article(path.read_bytes(), None)
        except FileNotFoundError:
            message = "no such file"
        except IsADirectoryError:
            message = "is a directory, not an HTML file"
        except NotAnArticle as error:
            message = str(error)
        except OSError as error:
            message = f"cannot read it: {error.strerror or error}"
        else:
            click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
            continue
        failures += 1
        click.echo(f"{path}: {message}", err=True)
    if failures:
        raise SystemExit(1)


COMMANDS = [extract_html]
