"""Polling helpers for tests that kill processes: wait for a condition, never a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

POLL_S = 0.05


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll condition until it holds; AssertionError naming `what` after timeout seconds (a
    generous bound: on a busy machine things take longer, never forever)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout:g} s"
        time.sleep(POLL_S)


def running_with(*words: str) -> list[int]:
    """The live (not zombie) processes whose command line holds every one of words."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended while we looked
            continue
        if state != "Z" and all(word in command for word in words):
            found.append(int(proc.name))
    return found
