"""Settings shared by every command: where the store and the rendered PDFs live."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "RIVALSCOPE_DB"
DEFAULT_DB = Path("instance") / "rivalscope.db"
PDF_DIR_ENV = "RIVALSCOPE_PDF_DIR"
DEFAULT_PDF_DIR = Path("instance") / "pdfs"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store file: the explicit path, else $RIVALSCOPE_DB, else instance/rivalscope.db."""
    return Path(explicit or os.environ.get(DB_ENV) or DEFAULT_DB)


def pdf_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where rendered editions are kept: explicit, else $RIVALSCOPE_PDF_DIR, else instance/pdfs."""
    return Path(explicit or os.environ.get(PDF_DIR_ENV) or DEFAULT_PDF_DIR)
