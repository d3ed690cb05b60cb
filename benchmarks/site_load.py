"""Site load: the sales site under waitress on 127.0.0.1, driven from this (second) process.

    .venv/bin/python benchmarks/site_load.py [--companies 120] [--requests 400]
                                             [--clients 4] [--seconds 60] [--samples 5]

Builds a store of invented companies and news (through store.save_analysis, as the pipeline
writes), renders --samples sample editions with their preview pictures (as `rivalscope
render` does), starts `waitress-serve --call rivalscope.site:create_app` in a subprocess with
a real SMTP server (aiosmtpd, from the test extras) on 127.0.0.1 for the emails, then sends a
bounded number of requests per endpoint from --clients threads, each endpoint stopping at
--seconds, and then all endpoints at once (the mix). Endpoints: catalogue, search, company
page, sample download, the two lead forms (GET the page for the session and CSRF token, then
POST; each POST stores a lead and sends its emails), the rendered previews, and cold
previews (companies never rendered: a 404 from a file lookup, never a rendering). Prints
requests per second, p50 and p99 latency and the count of errors (any other status than the
expected one) per endpoint. Targets: zero errors, p99 under 200 ms for every endpoint. Only
127.0.0.1 is ever contacted.

The rate limits would answer 429 to a load generator on one address, so the server is
started with the download, form and preview limits raised.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import store  # noqa: E402

SECRET = "benchmark-secret-key"
PREFIXES = ["Volt", "Cargo", "Fleet", "Swift", "Urban", "Nordic", "Blue", "Iron", "Metro",
            "Alpen", "Coast", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Lumen",
            "Orbit", "Pioneer", "Quartz"]
SUFFIXES = [("aro Motors", "automaker"), ("wise Leasing", "leasing"),
            ("line Logistics", "logistics"), ("ride Mobility", "mobility"),
            ("cell Batteries", "supplier"), ("way Rentals", "rental")]
COUNTRIES = ["DE", "FR", "GB", "NL", "SE", "IT", "ES", "US", "JP", "PL"]
VERBS = [("partnership", "formed a partnership with"), ("supply", "will supply vans to"),
         ("acquisition", "agreed to buy"), ("investment", "invested in")]


def company_names(count: int) -> list[tuple[str, str, str]]:
    names = [(p + s, kind, COUNTRIES[(i + j) % len(COUNTRIES)])
             for i, p in enumerate(PREFIXES) for j, (s, kind) in enumerate(SUFFIXES)]
    return names[:count]


def build_store(path: Path, companies: int, articles_per_company: int = 6,
                seed: int = 7) -> list[str]:
    """A store of invented news about `companies` companies; returns their ids."""
    rng = random.Random(seed)
    names = company_names(companies)
    db = store.open_db(path)
    for number in range(companies * articles_per_company // 2):
        (a, kind_a, country_a), (b, kind_b, country_b) = rng.sample(names, 2)
        deal, verb = rng.choice(VERBS)
        count = rng.randrange(200, 40000, 50)
        text = (f"{a} {verb} {b}, the companies said on Tuesday. "
                f"{a} operates {count:,} electric vans and plans more charging depots. "
                f"Chief executive {rng.choice(['Mara', 'Ivo', 'Lena', 'Tomas'])} "
                f"{rng.choice(['Quill', 'Brand', 'Ostrova', 'Berg'])} called it a milestone.")
        date = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        url = f"https://bench-news.example/{number}"
        store.save_article(db, {"url": url, "title": f"{a} and {b}: {deal} news",
                                "text": text, "published": f"{date}T08:00:00",
                                "source": rng.choice(["Fleet Weekly", "Van Daily", "EV Wire"])})
        row = {"id": store.article_id(url), "published": f"{date}T08:00:00"}
        store.save_analysis(db, row, {
            "companies": [
                {"name": a, "kind": kind_a, "country": country_a,
                 "spans": [{"start": 0, "end": len(a), "text": a, "sentence": text}]},
                {"name": b, "kind": kind_b, "country": country_b,
                 "spans": [{"start": text.find(b), "end": text.find(b) + len(b), "text": b,
                            "sentence": text}]},
            ],
            "deals": [{"type": deal, "status": "announced", "parties": [a, b], "date": date,
                       "evidence": text, "start": 0, "end": 40}],
            "fleet_figures": [{"company": a, "count": count, "unit": "vans",
                               "context": "operates", "evidence": text, "start": 50,
                               "end": 90}],
            "people": [],
        }, "bench")
    from reports.eligibility import profiled
    from rivalscope.trust import profile_rule

    ids = [c["id"] for c in profiled(db, profile_rule(None))]  # the site offers these
    db.close()
    return ids


def add_leads(path: Path, company_ids: list[str]) -> list[int]:
    """One sample lead per company (download links are bound to a lead); their ids."""
    db = store.open_db(path)
    ids = [store.save_lead(db, {"kind": "sample", "email": f"bench{n}@fleet-buyers.example",
                                "name": "Bench", "company": "Bench Ltd", "profile": cid,
                                "consent": 1, "ip": "127.0.0.1", "created_at": store.now()})
           for n, cid in enumerate(company_ids)]
    db.close()
    return ids


def _smtp_process(port: int, received, ready) -> None:
    from aiosmtpd.controller import Controller

    class Counter:
        async def handle_DATA(self, server, session, envelope) -> str:
            with received.get_lock():
                received.value += 1
            return "250 OK"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    threading.Event().wait()  # until terminated


def start_smtp() -> tuple[multiprocessing.Process, int, Any]:
    """A real SMTP server on 127.0.0.1 in its own process (so the load generator's threads do
    not slow its replies), counting the messages it receives."""
    port = free_port()
    received = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=_smtp_process, args=(port, received, ready),
                                      daemon=True)
    process.start()
    if not ready.wait(30):
        process.kill()
        raise SystemExit("the SMTP server did not start within 30 s")
    return process, port, received


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, pdfs: Path, port: int, threads: int,
                 smtp_port: int) -> subprocess.Popen:
    many = "1000000 per minute"
    env = {**os.environ, "RIVALSCOPE_DB": str(db), "RIVALSCOPE_PDF_DIR": str(pdfs),
           "RIVALSCOPE_SECRET_KEY": SECRET,
           "RIVALSCOPE_DOWNLOAD_LIMIT_PER_ADDRESS": many,
           "RIVALSCOPE_FORM_LIMIT_PER_ADDRESS": many, "RIVALSCOPE_FORM_LIMIT_PER_EMAIL": many,
           "RIVALSCOPE_PREVIEW_LIMIT_PER_ADDRESS": many,
           "RIVALSCOPE_SMTP_HOST": "127.0.0.1", "RIVALSCOPE_SMTP_PORT": str(smtp_port),
           "RIVALSCOPE_SMTP_SECURITY": "none",
           "RIVALSCOPE_MAIL_FROM": "samples@rivalscope.example",
           "RIVALSCOPE_NOTIFY_EMAILS": "sales@rivalscope.example",
           "RIVALSCOPE_SITE_URL": f"http://127.0.0.1:{port}"}
    waitress = Path(sys.executable).with_name("waitress-serve")
    log = (db.parent / "server.log").open("wb")  # a file, not a pipe nobody drains
    server = subprocess.Popen(
        [str(waitress), "--host=127.0.0.1", f"--port={port}", f"--threads={threads}",
         "--call", "rivalscope.site:create_app"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit((db.parent / "server.log").read_text()) from None
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the site did not start within 30 s")


# Lead forms the site accepted (303), by kind: each sample sends 2 emails, each full 1.
ACCEPTED_FORMS = {"sample": 0, "full": 0}
_accepted_lock = threading.Lock()


@dataclass
class Endpoint:
    """What one request of an endpoint is: a GET of a path, or a lead form's POST."""
    path: Callable[[int], str]
    expect: int = 200
    form: str | None = None  # "sample" or "full": POST that lead form (CSRF from its page)


class Session:
    """One client's connection, cookie and CSRF tokens (a form is posted like a browser)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""
        self.tokens: dict[str, str] = {}

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def send(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        cookie = response.getheader("Set-Cookie")
        if cookie and not self.cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, text

    def token(self, company_path: str, kind: str) -> str:
        """The form's CSRF token, read once per session from the company page (untimed)."""
        if kind not in self.tokens:
            _status, page = self.send("GET", company_path)
            match = re.search(rf'name="{kind}-csrf_token"[^>]*value="([^"]+)"', page)
            if not match:
                raise http.client.HTTPException("no CSRF token on the company page")
            self.tokens[kind] = match.group(1)
        return self.tokens[kind]

    def call(self, endpoint: Endpoint, number: int) -> tuple[bool, float]:
        """Send one request; whether it got the expected status, and how long it took."""
        path = endpoint.path(number)
        body = None
        if endpoint.form:
            body = urllib.parse.urlencode({
                f"{endpoint.form}-name": "Bench Buyer",
                f"{endpoint.form}-email": f"buyer{number}-{threading.get_ident()}"
                                          f"@fleet-buyers.example",
                f"{endpoint.form}-company": "Bench Fleet Ltd", f"{endpoint.form}-consent": "y",
                f"{endpoint.form}-website": "",
                f"{endpoint.form}-csrf_token": self.token(path, endpoint.form)})
            path = f"{path}/{endpoint.form}"
        started = time.perf_counter()
        try:
            status, _text = self.send("POST" if body else "GET", path, body)
            ok = status == endpoint.expect
            if ok and endpoint.form:
                with _accepted_lock:
                    ACCEPTED_FORMS[endpoint.form] += 1
        except (OSError, http.client.HTTPException):
            ok = False
            self.reconnect()
        return ok, time.perf_counter() - started


def drive(port: int, endpoints: dict[str, Endpoint], requests: int, clients: int,
          seconds: float) -> tuple[dict[str, list[float]], dict[str, int], float]:
    """Send `requests` requests per endpoint from `clients` threads (the endpoints taken in
    turn, stopping at `seconds`); latencies and errors per endpoint, and the elapsed time."""
    names = list(endpoints)
    latencies: dict[str, list[float]] = {name: [] for name in names}
    errors = dict.fromkeys(names, 0)
    lock = threading.Lock()
    counter = iter(range(requests * len(names)))
    deadline = time.monotonic() + seconds

    def client() -> None:
        session = Session(port)
        while time.monotonic() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            name = names[number % len(names)]
            try:
                ok, elapsed = session.call(endpoints[name], number // len(names))
            except (OSError, http.client.HTTPException):  # getting the form's token failed
                ok, elapsed = False, 0.0
                session.reconnect()
            with lock:
                latencies[name].append(elapsed)
                errors[name] += not ok
        session.conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else (values or [0.0])[0]


def render_samples(db: Path, pdfs: Path, company_ids: list[str]) -> None:
    """The samples and their previews, as `rivalscope render --edition sample` makes them."""
    from reports.batch import render_profiles

    result = render_profiles(db, company_ids, editions=("sample",), out_dir=pdfs, processes=2)
    if result["failed"]:
        raise SystemExit(f"rendering failed: {result['failed']}")


def report(title: str, rows: dict[str, tuple[list[float], int, float]]) -> int:
    """Print one table (name -> latencies, errors, elapsed seconds); returns the errors."""
    print(title)
    print(f"{'endpoint':<22} {'requests':>8} {'req/s':>8} {'p50 ms':>8} "
          f"{'p99 ms':>8} {'errors':>7}")
    for name, (values, errors, elapsed) in rows.items():
        print(f"{name:<22} {len(values):>8} {len(values) / elapsed:>8.1f} "
              f"{p(values, 50) * 1000:>8.1f} {p(values, 99) * 1000:>8.1f} {errors:>7}")
    return sum(errors for _values, errors, _elapsed in rows.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--companies", type=int, default=120)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per endpoint")
    parser.add_argument("--samples", type=int, default=5, help="companies whose sample (and "
                        "preview) is rendered before the load; the others stay cold")
    parser.add_argument("--only", default="", help="run only the endpoints whose name "
                        "holds this text (e.g. POST)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="site-load-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        ids = build_store(root / "site.db", args.companies)
        print(f"store: {len(ids)} profiled companies ({time.perf_counter() - started:.1f} s)")
        rendered, cold = ids[:args.samples], ids[args.samples:]
        started = time.perf_counter()
        render_samples(root / "site.db", root / "pdfs", rendered)
        print(f"rendered: {len(rendered)} samples with previews "
              f"({time.perf_counter() - started:.1f} s); {len(cold)} companies left cold")
        lead_ids = add_leads(root / "site.db", rendered)
        smtp, smtp_port, received = start_smtp()
        port = free_port()
        server = start_server(root / "site.db", root / "pdfs", port, args.threads, smtp_port)
        try:
            from flask import Flask

            from rivalscope.site.tokens import make_token

            with Flask(__name__).app_context():
                tokens = [make_token(cid, lead, SECRET) for cid, lead in zip(rendered, lead_ids,
                                                                            strict=True)]
            endpoints: dict[str, Endpoint] = {
                "catalogue": Endpoint(lambda n: "/"),
                "catalogue search": Endpoint(lambda n: f"/?q={['vans', 'depots', 'Volt'][n % 3]}"),
                "company page": Endpoint(lambda n: f"/companies/{ids[n % len(ids)]}"),
                "sample download": Endpoint(lambda n: f"/download/{tokens[n % len(tokens)]}"),
                "sample form POST": Endpoint(lambda n: f"/companies/{ids[n % len(ids)]}",
                                             expect=303, form="sample"),
                "full form POST": Endpoint(lambda n: f"/companies/{ids[n % len(ids)]}",
                                           expect=303, form="full"),
                "preview": Endpoint(lambda n: f"/companies/{rendered[n % len(rendered)]}"
                                              "/preview.png"),
                "cold preview": Endpoint(lambda n: f"/companies/{cold[n % len(cold)]}"
                                                   "/preview.png", expect=404),
            }
            endpoints = {name: endpoint for name, endpoint in endpoints.items()
                         if args.only in name} or endpoints
            print(f"{args.requests} requests per endpoint, {args.clients} clients, "
                  f"waitress with {args.threads} threads, 127.0.0.1")
            alone: dict[str, tuple[list[float], int, float]] = {}
            for name, endpoint in endpoints.items():
                drive(port, {name: endpoint}, 10, 2, 30)  # connections and caches warm
                latencies, errors, elapsed = drive(port, {name: endpoint}, args.requests,
                                                   args.clients, args.seconds)
                alone[name] = (latencies[name], errors[name], elapsed)
            total_errors = report("each endpoint alone", alone)
            latencies, errors, elapsed = drive(port, endpoints, args.requests // 2,
                                               args.clients, args.seconds * 2)
            mix = {name: (latencies[name], errors[name], elapsed) for name in endpoints}
            total_errors += report("all endpoints at once (the mix; req/s over the whole mix)",
                                   mix)
            slow = sorted({name for table in (alone, mix) for name, (values, _e, _t)
                           in table.items() if p(values, 99) >= 0.2})
            # The site sends in the background: wait (bounded) for its outbox to empty.
            expected = 2 * ACCEPTED_FORMS["sample"] + ACCEPTED_FORMS["full"]
            deadline = time.monotonic() + 120
            while received.value < expected and time.monotonic() < deadline:
                time.sleep(0.1)
            print(f"emails received by the SMTP server: {received.value} of {expected} "
                  f"(a link and a notice per sample form, a notice per full form)")
            total_errors += expected - received.value
            problems = [line for line in (root / "server.log").read_text().splitlines()
                        if "ERROR" in line]
            print(f"errors the server logged: {len(problems)}", *problems[:5], sep="\n  ")
            print(f"errors: {total_errors}; endpoints with p99 >= 200 ms: {slow or 'none'}")
            return 1 if total_errors or slow else 0
        finally:
            server.terminate()
            server.wait(timeout=10)
            smtp.terminate()
            smtp.join(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
