"""A wheel built from the project works outside the checkout: it renders a profile PDF and
serves the site, with the templates and static files it carries."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pypdf
import pytest
from test_reports_data import COMPANY, fill_store

import store

ROOT = Path(__file__).resolve().parent.parent
# The checkout's own state and build leftovers stay out of the copy the wheel is built from.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "instance",
                                     "out", "__pycache__", ".*_cache", "tests", "benchmarks")

SERVE_A_PAGE = textwrap.dedent("""
    import sys
    import rivalscope
    from rivalscope.site import create_app

    app = create_app({"DB_PATH": sys.argv[1], "PDF_DIR": sys.argv[2], "SECRET_KEY": "t",
                      "RATELIMIT_ENABLED": False})
    client = app.test_client()
    page = client.get("/")
    css = client.get("/static/site.css")
    print(rivalscope.__file__)
    print(page.status_code, css.status_code, len(css.data))
    print(page.get_data(as_text=True))
""")


def run(command: list[str | Path], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                            timeout=600, check=False, **kwargs)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv outside the checkout holding only the wheel; the dependencies come from
    the test venv's site-packages through a .pth file (installing them again would take
    minutes and test pip, not us)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp / "dist", source])
    (wheel,) = (tmp / "dist").glob("rivalscope-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
                .stdout.strip())
    # A plain path line: the test venv's editable-install hook (a .pth of its own) is not
    # run, so `rivalscope` can only come from the wheel.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
         "--no-index", wheel])
    return venv


@pytest.fixture
def filled_store(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    db = store.open_db(path)
    fill_store(db)
    db.close()
    return path


def clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "VIRTUAL_ENV") and not key.startswith("RIVALSCOPE_")}


@pytest.mark.e2e
def test_the_installed_wheel_renders_a_profile(installed: Path, filled_store: Path,
                                               tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pdf = elsewhere / "profile.pdf"
    run([installed / "bin" / "rivalscope", "profile", COMPANY, "--edition", "full",
         "-o", pdf, "--db", filled_store], cwd=elsewhere, env=clean_env())
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert COMPANY in text and "Harbor Logistics GmbH" in text


@pytest.mark.e2e
def test_the_installed_wheel_serves_the_site(installed: Path, filled_store: Path,
                                             tmp_path: Path) -> None:
    result = run([installed / "bin" / "python", "-c", SERVE_A_PAGE, filled_store,
                  tmp_path / "pdfs"], cwd=tmp_path, env=clean_env())
    module, statuses, page = result.stdout.split("\n", 2)
    assert Path(module).is_relative_to(installed), module  # not the checkout's code
    status, css_status, css_size = statuses.split()
    assert (status, css_status) == ("200", "200") and int(css_size) > 1000
    assert COMPANY in page and 'href="/static/site.css' in page
