"""Article extraction off the crawl's event loop: trafilatura costs ~15-20 ms of CPU per real
page, several times what Scrapy spends downloading it, so a crawl runs it in worker processes
(RIVALSCOPE_EXTRACT_PROCESSES, default one per CPU; 0 extracts in the crawl process)."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from crawlers.extraction import ExtractedArticle, extract_article

_pools: dict[int, ProcessPoolExecutor] = {}


def _worker_init(parent: int) -> None:
    """Workers leave with the crawl process, even when it is killed (SIGKILL)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def default_processes() -> int:
    return os.cpu_count() or 1


def pool(processes: int) -> ProcessPoolExecutor:
    """The process's extraction pool (created on first use, shared by every spider)."""
    if processes not in _pools:
        # spawn, not fork: the crawl process runs Twisted's reactor and threads.
        _pools[processes] = ProcessPoolExecutor(
            processes, mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init, initargs=(os.getpid(),))
    return _pools[processes]


async def extract(html: str, url: str, processes: int) -> ExtractedArticle:
    """extract_article(html, url) in the pool (or here when processes is 0)."""
    if processes <= 0:
        return extract_article(html, url)
    try:
        return await asyncio.wrap_future(pool(processes).submit(extract_article, html, url))
    except BrokenProcessPool:
        # A worker died (out of memory on a monster page?): a new pool for the next pages.
        _pools.pop(processes, None)
        raise


def shutdown() -> None:
    for executor in _pools.values():
        executor.shutdown(wait=True, cancel_futures=True)
    _pools.clear()
