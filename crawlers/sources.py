"""News sources: what to crawl, read from sources.toml and checked strictly.

The checks are plain typed checks over the Source fields (a schema library was weighed:
pydantic, already installed with spaCy, would need its own pin and error formatting for the
same dozen lines); every error names the file, the source and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_SOURCES = Path(__file__).parent / "sources.toml"
KINDS = ("feed", "sitemap", "listing")
LANGUAGE = re.compile(r"^[a-z]{2}$")  # ISO 639-1
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
        """A Source from a mapping, checked; SourceError names the source and the field."""
        if not isinstance(data, dict):
            raise SourceError(f"a source must be a table, not {data!r}")
        name = data.get("name")
        if not name or not isinstance(name, str):
            raise SourceError(f"a source has no name (a non-empty string): {data!r}")
        if "allow_private" in data:
            raise SourceError(f"source {name!r}: allow_private is gone; name the private "
                              'server instead, e.g. allow_hosts = ["127.0.0.1:8000"]')
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known - {"url"}
        if unknown:
            raise SourceError(f"source {name!r}: unknown fields {', '.join(sorted(unknown))} "
                              f"(known: {', '.join(sorted(known))})")
        values = {k: v for k, v in data.items() if k in known}
        if "url" in data:
            values.setdefault("urls", [data["url"]])
        for key, check in CHECKS.items():
            if key in values or key in ("kind", "urls"):
                problem = check(values.get(key))
                if problem:
                    raise SourceError(f"source {name!r}: field {key!r}: {problem} "
                                      f"(got {values.get(key)!r})")
        values["urls"] = list(values["urls"])
        return cls(**values)


def _string_list(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return "must be a list of strings"
    return None


def _kind(value: Any) -> str | None:
    return None if value in KINDS else f"kind must be one of {', '.join(KINDS)}"


def _urls(value: Any) -> str | None:
    if not value or _string_list(value):
        return "urls must be a non-empty list of http(s) URLs"
    for url in value:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return f"urls must be http(s) URLs with a host: {url!r} is not"
    return None


def _patterns(value: Any) -> str | None:
    problem = _string_list(value)
    if problem:
        return problem
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as error:
            return f"bad pattern {pattern!r}: {error}"
    return None


def _host_ports(value: Any) -> str | None:
    problem = _string_list(value)
    if problem:
        return problem
    for host in value:
        if not is_host_port(host):
            return f'entries are exact "host:port" pairs, like "127.0.0.1:8000", not {host!r}'
    return None


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


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _language(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and LANGUAGE.match(value)):
        return None
    return "must be a two-letter ISO 639-1 code such as \"en\""


CHECKS = {
    "kind": _kind, "urls": _urls, "allowed_domains": _string_list,
    "allow": _patterns, "deny": _patterns, "language": _language, "enabled": _boolean,
    "allow_hosts": _host_ports,
}


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Every source in a sources.toml file (default: the shipped list)."""
    path = Path(path or DEFAULT_SOURCES)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SourceError(f"no sources file at {path}") from error
    except tomllib.TOMLDecodeError as error:
        raise SourceError(f"{path} is not valid TOML: {error}") from error
    unknown = set(data) - {"source"}
    if unknown:
        raise SourceError(f"{path}: unknown tables {', '.join(sorted(unknown))}; "
                          "write each source as a [[source]] table")
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourceError(f"{path}: write each source as a [[source]] table")
    sources = []
    for entry in entries:
        try:
            sources.append(Source.from_dict(entry))
        except SourceError as error:
            raise SourceError(f"{path}: {error}") from None
    names = [s.name for s in sources]
    if len(names) != len(set(names)):
        raise SourceError(f"{path}: source names must be unique")
    return sources
