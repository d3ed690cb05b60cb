"""The picture of a sample's first page that the site shows beside its lead form.

Made when the sample is rendered (pdftoppm, from poppler-utils), so serving it is reading a
file: no visitor's request ever starts a rendering.
"""

from __future__ import annotations

import subprocess  # noqa: S404 - pdftoppm with a fixed argument list, no shell
from pathlib import Path

PREVIEW_WIDTH = 640  # pixels; the page scales it down
PREVIEW_TIMEOUT_S = 60


def preview_path(out_dir: Path, company_id: str) -> Path:
    return Path(out_dir) / f"{company_id}-sample.png"


def write_preview(pdf: Path, png: Path) -> Path:
    """A PNG of the PDF's first page at png (written atomically)."""
    stem = png.with_name(png.stem + ".part")  # pdftoppm adds the .png itself
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile",  # noqa: S607
         "-scale-to-x", str(PREVIEW_WIDTH), "-scale-to-y", "-1", str(pdf), str(stem)],
        check=True, timeout=PREVIEW_TIMEOUT_S, capture_output=True)
    stem.with_name(stem.name + ".png").replace(png)
    return png
