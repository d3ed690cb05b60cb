"""News sources: what to crawl, read from sources.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_SOURCES = Path(__file__).parent / "sources.toml"
KINDS = ("feed", "sitemap", "listing")
HOST = re.compile(r"[A-Za-z0-9.-]+|[0-9A-Fa-f:.]+")  # a name, an IPv4 or IPv6 address


class SourceError(ValueError):
    """A source entry or file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Source:
    """One news site to crawl (see sources.toml for what each field means)."""

    name: str
    kind: str
    urls: list[str]
    allowed_domains: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    deny: list[str] = field(default_factory=list)
    language: str | None = None
    enabled: bool = True
    # Exact "host:port" pairs this source may reach although they are not public addresses
    # (a test or demo server on 127.0.0.1); every other private address stays refused.
    allow_hosts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """A Source from a mapping, checked; SourceError names the bad field."""
        name = data.get("name")
        if not name or not isinstance(name, str):
            raise SourceError(f"a source has no name: {data!r}")
        kind = data.get("kind")
        if kind not in KINDS:
            raise SourceError(f"source {name!r}: kind must be one of {', '.join(KINDS)}")
        urls = data.get("urls") or ([data["url"]] if data.get("url") else [])
        if not urls or not all(isinstance(u, str) and u.startswith(("http://", "https://"))
                               for u in urls):
            raise SourceError(f"source {name!r}: urls must be a list of http(s) URLs")
        if "allow_private" in data:
            raise SourceError(f"source {name!r}: allow_private is gone; name the private "
                              'server instead, e.g. allow_hosts = ["127.0.0.1:8000"]')
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(data) - known - {"url"}
        if unknown:
            raise SourceError(f"source {name!r}: unknown fields {', '.join(sorted(unknown))}")
        values = {k: v for k, v in data.items() if k in known}
        values["urls"] = list(urls)
        for key in ("allowed_domains", "allow", "deny", "allow_hosts"):
            value = values.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SourceError(f"source {name!r}: {key} must be a list of strings")
        for pattern in values.get("allow", []) + values.get("deny", []):
            try:
                re.compile(pattern)
            except re.error as error:
                raise SourceError(f"source {name!r}: bad pattern {pattern!r}: {error}") from None
        for host in values.get("allow_hosts", []):
            if not is_host_port(host):
                raise SourceError(f"source {name!r}: allow_hosts entries are exact "
                                  f'"host:port" pairs, like "127.0.0.1:8000", not {host!r}')
        return cls(**values)


def is_host_port(value: str) -> bool:
    """'host:port' with a host and a port number (IPv6 in brackets), nothing else."""
    try:
        parts = urlsplit(f"http://{value}")
        port = parts.port
    except ValueError:
        return False
    host = parts.hostname or ""
    return bool(HOST.fullmatch(host)) and port is not None and parts.netloc == value and not (
        parts.path or parts.query or parts.fragment)


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Every source in a sources.toml file (default: the shipped list)."""
    path = Path(path or DEFAULT_SOURCES)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SourceError(f"no sources file at {path}") from error
    except tomllib.TOMLDecodeError as error:
        raise SourceError(f"{path} is not valid TOML: {error}") from error
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourceError(f"{path}: write each source as a [[source]] table")
    sources = [Source.from_dict(entry) for entry in entries]
    names = [s.name for s in sources]
    if len(names) != len(set(names)):
        raise SourceError(f"{path}: source names must be unique")
    return sources
