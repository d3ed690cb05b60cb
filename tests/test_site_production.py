"""The site as the README runs it: waitress behind a proxy, and the development server."""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_fixtures import ANALYST, fill_store, free_port
from site_helpers import GOOD_LEAD, csrf_token

import store
from rivalscope.site.accounts import set_password

ROOT = Path(__file__).parent.parent
VENV_BIN = Path(sys.executable).parent
pytestmark = pytest.mark.e2e


def readme_production_command() -> str:
    """The README's waitress command, as printed there."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n(RIVALSCOPE_DB=.*?waitress-serve.*?)```", readme, re.S)
    assert block, "the README shows no waitress command"
    return block.group(1)


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(log.read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start within 60 s\n" + log.read_text())


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> Iterator[tuple[int, Path]]:
    """The README's command run by a shell, with only its paths and port swapped."""
    root = tmp_path_factory.mktemp("production")
    db_path = root / "instance" / "rivalscope.db"
    db = store.open_db(db_path)
    fill_store(db)
    set_password(db, *ANALYST)
    db.close()
    (root / "secret_key").write_text("production-test-secret\n")
    port = free_port()
    command = (readme_production_command()
               .replace("/srv/rivalscope/instance/rivalscope.db", str(db_path))
               .replace("/srv/rivalscope/instance/pdfs", str(root / "instance" / "pdfs"))
               .replace("/etc/rivalscope/secret_key", str(root / "secret_key"))
               .replace("--port 8080", f"--port {port}")
               .replace(".venv/bin/", f"{VENV_BIN}/"))
    assert str(db_path) in command and f"--port {port}" in command
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIVALSCOPE_")}
    log = root / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(["bash", "-c", command], cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(port, process, log)
        yield port, db_path
    finally:
        stop(process)


class Visitor:
    """A client reaching the site through a proxy: the proxy appends the visitor's address
    to whatever X-Forwarded-For the visitor sent, and sets the scheme."""

    def __init__(self, port: int, address: str, forged: str | None = None,
                 scheme: str = "https") -> None:
        self.port, self.address, self.forged, self.scheme = port, address, forged, scheme
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        forwarded = f"{self.forged}, {self.address}" if self.forged else self.address
        headers = {"X-Forwarded-For": forwarded, "X-Forwarded-Proto": self.scheme,
                   "Host": "profiles.rivalscope.example"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # As a browser sends it (same origin); Flask-WTF checks it on https.
            headers["Referer"] = f"{self.scheme}://profiles.rivalscope.example{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, rest = value.split("=", 1)
            self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response, text


def lead_ips(db_path: Path, email: str) -> list[str]:
    db = store.open_db(db_path)
    return [row["ip"] for row in db["leads"].rows_where("email = ?", [email])]


def post_sample(visitor: Visitor, email: str):
    _response, page = visitor.request("GET", "/companies/voltaro-motors")
    form = {f"sample-{k}": v for k, v in {**GOOD_LEAD, "email": email}.items()}
    form["sample-csrf_token"] = csrf_token(page, "sample")
    return visitor.request("POST", "/companies/voltaro-motors/sample", form)


def test_the_readme_command_uses_the_proxys_address_not_a_forged_one(production) -> None:
    port, db_path = production
    visitor = Visitor(port, "198.51.100.7", forged="203.0.113.66")
    response, _ = post_sample(visitor, "behind-proxy@fleet-buyers.example")
    assert response.status == 303
    assert lead_ips(db_path, "behind-proxy@fleet-buyers.example") == ["198.51.100.7"]


def test_the_readme_command_sends_hsts_over_https_only(production) -> None:
    port, _ = production
    secure, _ = Visitor(port, "198.51.100.8").request("GET", "/")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    plain, _ = Visitor(port, "198.51.100.8", scheme="http").request("GET", "/")
    assert plain.headers.get("Strict-Transport-Security") is None


def test_the_readme_command_gives_each_visitor_their_own_limits(production) -> None:
    port, _ = production
    attacker = Visitor(port, "198.51.100.20")
    _, page = attacker.request("GET", "/analysts/login")
    token = csrf_token(page)
    codes = []
    for _attempt in range(11):  # the sign-in limit is 10 a minute per address
        response, _ = attacker.request("POST", "/analysts/login", {
            "username": ANALYST[0], "password": "wrong", "csrf_token": token})
        codes.append(response.status)
    assert codes == [401] * 10 + [429]
    # Changing the forged part of the header buys the attacker nothing...
    forger = Visitor(port, "198.51.100.20", forged="192.0.2.99")
    forger.cookies = attacker.cookies
    response, _ = forger.request("POST", "/analysts/login", {
        "username": ANALYST[0], "password": "wrong", "csrf_token": token})
    assert response.status == 429
    # ...and a colleague at another address is not locked out.
    colleague = Visitor(port, "198.51.100.21")
    _, page = colleague.request("GET", "/analysts/login")
    response, _ = colleague.request("POST", "/analysts/login", {
        "username": ANALYST[0], "password": ANALYST[1], "csrf_token": csrf_token(page)})
    assert response.status == 302


def test_the_development_server_works_for_a_script_over_plain_http(tmp_path) -> None:
    db_path = tmp_path / "dev.db"
    fill_store(store.open_db(db_path))
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("RIVALSCOPE_")},
           "RIVALSCOPE_SECRET_KEY": "dev-secret", "RIVALSCOPE_PDF_DIR": str(tmp_path / "pdfs")}
    with log.open("wb") as out:
        process = subprocess.Popen([str(VENV_BIN / "rivalscope"), "serve", "--db", str(db_path),
                                    "--port", str(port)], env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(port, process, log)
        jar = http.cookiejar.CookieJar()  # like a browser: a Secure cookie never goes to http
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        base = f"http://127.0.0.1:{port}"
        with opener.open(f"{base}/companies/voltaro-motors") as response:
            assert "secure" not in response.headers["Set-Cookie"].lower()
            page = response.read().decode()
        form = {f"sample-{k}": v for k, v in GOOD_LEAD.items()}
        form["sample-csrf_token"] = csrf_token(page, "sample")
        with opener.open(f"{base}/companies/voltaro-motors/sample",
                         data=urllib.parse.urlencode(form).encode()) as response:
            assert response.status == 200
            assert "Your sample is ready" in response.read().decode()
    finally:
        stop(process)
