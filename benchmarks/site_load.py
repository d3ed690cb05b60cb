"""Site load: the sales site under waitress on 127.0.0.1, driven from this (second) process.

    .venv/bin/python benchmarks/site_load.py [--companies 120] [--requests 400]
                                             [--clients 4] [--seconds 60]

Builds a store of invented companies and news (through store.save_analysis, as the pipeline
writes), starts `waitress-serve --call rivalscope.site:create_app` in a subprocess, warms
up (renders the samples it will download), then sends a bounded number of requests per
endpoint from --clients threads, each endpoint stopping at --seconds. Prints requests per
second, p50 and p99 latency and the count of errors (anything but a 200) per endpoint.
Targets: zero errors, p99 under 200 ms for the pages. Only 127.0.0.1 is ever contacted.

The download rate limit (30 per minute per address) would answer 429 to a load generator on
one address, so the server is started with RIVALSCOPE_DOWNLOAD_LIMIT_PER_ADDRESS raised.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

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
    ids = [c["id"] for c in store.companies_by_mentions(db, 3)]
    db.close()
    return ids


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, pdfs: Path, port: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, "RIVALSCOPE_DB": str(db), "RIVALSCOPE_PDF_DIR": str(pdfs),
           "RIVALSCOPE_SECRET_KEY": SECRET,
           "RIVALSCOPE_DOWNLOAD_LIMIT_PER_ADDRESS": "1000000 per minute"}
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


def drive(port: int, paths: Callable[[int], str], requests: int, clients: int,
          seconds: float) -> tuple[list[float], int, float]:
    """Send `requests` GETs from `clients` threads (stopping at `seconds`); latencies, errors."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            started = time.perf_counter()
            try:
                conn.request("GET", paths(number))
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += not ok
        conn.close()

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--companies", type=int, default=120)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per endpoint")
    parser.add_argument("--samples", type=int, default=5, help="companies whose sample is "
                        "downloaded (rendered once during warm-up)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="site-load-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        ids = build_store(root / "site.db", args.companies)
        print(f"store: {len(ids)} profiled companies ({time.perf_counter() - started:.1f} s)")
        port = free_port()
        server = start_server(root / "site.db", root / "pdfs", port, args.threads)
        try:
            from flask import Flask

            from rivalscope.site.tokens import make_token

            with Flask(__name__).app_context():
                tokens = [make_token(cid, None, SECRET) for cid in ids[:args.samples]]
            started = time.perf_counter()
            for token in tokens:  # warm-up: the first download of each sample renders it
                drive(port, lambda _n, t=token: f"/download/{t}", 1, 1, 120)
            print(f"warm-up: {len(tokens)} samples rendered "
                  f"({time.perf_counter() - started:.1f} s)")
            endpoints: dict[str, Callable[[int], str]] = {
                "catalogue": lambda n: "/",
                "catalogue search": lambda n: f"/?q={['vans', 'depots', 'Volt'][n % 3]}",
                "company page": lambda n: f"/companies/{ids[n % len(ids)]}",
                "sample download": lambda n: f"/download/{tokens[n % len(tokens)]}",
            }
            print(f"{args.requests} requests per endpoint, {args.clients} clients, "
                  f"waitress with {args.threads} threads, 127.0.0.1")
            print(f"{'endpoint':<18} {'requests':>8} {'req/s':>8} {'p50 ms':>8} "
                  f"{'p99 ms':>8} {'errors':>7}")
            total_errors = 0
            for name, paths in endpoints.items():
                drive(port, paths, 10, 2, 30)  # connections and caches warm
                latencies, errors, elapsed = drive(port, paths, args.requests, args.clients,
                                                   args.seconds)
                total_errors += errors
                print(f"{name:<18} {len(latencies):>8} {len(latencies) / elapsed:>8.1f} "
                      f"{p(latencies, 50) * 1000:>8.1f} {p(latencies, 99) * 1000:>8.1f} "
                      f"{errors:>7}")
            print(f"errors: {total_errors}")
            return 1 if total_errors else 0
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
