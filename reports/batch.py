"""Render many profiles: only those whose data changed, in long-lived worker processes.

Workers fork from a server that has imported WeasyPrint once (the import alone costs
~0.6 s) and render profile after profile. Each profile runs under a time limit (an alarm
inside the worker) and each worker under a memory limit (RLIMIT_AS); a worker that stops
answering altogether (stuck in C code, killed) is abandoned with its pool after a longer
backstop, and the jobs not done yet go to a fresh pool. One pathological profile cannot
stall the batch.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import resource
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import store
from reports.changes import describe_changes
from reports.editions import sample_profile
from reports.eligibility import ProfileRule, profiled
from reports.fetcher import ASSETS
from reports.model import Profile
from reports.preview import preview_path, write_preview
from reports.profile import UnknownCompany, build_profile
from reports.trust import Thresholds

TIME_LIMIT_S = 60.0  # per profile; a 10-page profile takes ~1 s
MEMORY_LIMIT_BYTES = 2 * 1024**3  # per worker; a 109-page table peaked at 540 MiB
BACKSTOP_S = 30.0  # at most this long past the time limit before a silent pool is torn down
TASKS_PER_WORKER = 200  # then a fresh worker, so fragmentation cannot build up


@dataclass
class Job:
    company_id: str
    edition: str
    profile: Profile
    data_hash: str
    path: Path


def layout_digest() -> str:
    """A hash of the templates and CSS: a new layout re-renders every profile."""
    digest = hashlib.sha256()
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def edition_path(out_dir: Path, company_id: str, edition: str) -> Path:
    return Path(out_dir) / f"{company_id}-{edition}.pdf"


def plan(db, company_ids: list[str], editions: tuple[str, ...], out_dir: Path,
         force: bool, thresholds: Thresholds | None = None
         ) -> tuple[list[Job], int, dict[str, str]]:
    """The renders needed (data or layout changed, or file missing), how many were skipped,
    and the companies whose profile could not be built."""
    jobs: list[Job] = []
    skipped = 0
    failed: dict[str, str] = {}
    layout = layout_digest()
    for company_id in company_ids:
        try:
            full = build_profile(db, company_id, thresholds)
        except UnknownCompany as error:
            failed[company_id] = str(error)
            continue
        versions = {"full": full}
        if "sample" in editions:
            versions["sample"] = sample_profile(full)
        for edition in editions:
            profile = versions[edition]
            data_hash = hashlib.sha256((profile.data_hash() + layout).encode()).hexdigest()
            path = edition_path(out_dir, full.overview.id, edition)
            previous = store.latest_edition(db, full.overview.id, edition)
            files = [path] + ([preview_path(out_dir, full.overview.id)]
                              if edition == "sample" else [])
            if not force and previous and previous["data_hash"] == data_hash and \
                    all(file.exists() for file in files):
                skipped += 1
                continue
            if edition == "full" and previous:
                profile.changes = describe_changes(json.loads(previous["data_json"]),
                                                   profile.to_dict())
            jobs.append(Job(full.overview.id, edition, profile, data_hash, path))
    return jobs, skipped, failed


def render_profiles(db_path: str | os.PathLike[str], company_ids: list[str] | None, *,
                    editions: tuple[str, ...] = ("full", "sample"),
                    out_dir: str | os.PathLike[str], processes: int = 2, force: bool = False,
                    progress: bool = False, time_limit: float = TIME_LIMIT_S,
                    memory_limit: int = MEMORY_LIMIT_BYTES,
                    rule: ProfileRule | None = None,
                    thresholds: Thresholds | None = None) -> dict[str, Any]:
    """Render the editions whose data changed; returns rendered paths, skipped count, failures.

    company_ids None means every company that gets a profile by rule (reports.eligibility;
    default ProfileRule()). thresholds:
    the profile threshold per fact kind (reports.trust). failed maps a
    company id to what went wrong ("full: took longer than 60 s").
    """
    db = store.open_db(db_path)
    if company_ids is None:
        company_ids = [c["id"] for c in profiled(db, rule or ProfileRule())]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs, skipped, failed = plan(db, company_ids, tuple(editions), out_dir, force, thresholds)
    rendered: list[str] = []
    for job, error in _run(jobs, processes, progress, time_limit, memory_limit):
        if error:
            message = f"{job.edition}: {error}"
            failed[job.company_id] = "; ".join(filter(None, [failed.get(job.company_id),
                                                            message]))
            continue
        store.record_edition(db, job.company_id, job.edition, job.profile.to_dict(),
                             job.data_hash, str(job.path))
        rendered.append(str(job.path))
    return {"rendered": rendered, "skipped": skipped, "failed": failed}


class ProfileTimeout(BaseException):
    """Raised inside a worker when one profile takes longer than its time limit.

    A BaseException, like KeyboardInterrupt, so that WeasyPrint's broad `except Exception`
    around fetches and images cannot swallow it and carry on.
    """


def _on_alarm(signum: int, frame: object) -> None:
    raise ProfileTimeout


def _render_job(job: Job, time_limit: float) -> str | None:
    """Render one job in a worker; returns None, or what went wrong."""
    try:
        error = _render_with_alarm(job, time_limit)
    except ProfileTimeout:  # the alarm went off just as the render ended
        error = f"took longer than {time_limit:g} s"
    if error:
        job.path.with_suffix(".pdf.part").unlink(missing_ok=True)
    return error


def _render_with_alarm(job: Job, time_limit: float) -> str | None:
    signal.signal(signal.SIGALRM, _on_alarm)
    # The alarm repeats every second until cleared, in case something still swallows one.
    signal.setitimer(signal.ITIMER_REAL, time_limit, 1.0)
    try:
        from reports.render import render_pdf

        render_pdf(job.profile, job.path)
        if job.edition == "sample":
            write_preview(job.path, preview_path(job.path.parent, job.company_id))
    except ProfileTimeout:
        return f"took longer than {time_limit:g} s"
    except MemoryError:
        return "out of memory"
    except Exception as problem:  # a broken profile is reported, the batch goes on
        return f"{type(problem).__name__}: {problem}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run(jobs: list[Job], processes: int, progress: bool, time_limit: float,
         memory_limit: int) -> Iterator[tuple[Job, str | None]]:
    """Render jobs in worker processes; yields each job with its error (None if rendered)."""
    from tqdm import tqdm

    if not jobs:
        return
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that imported WeasyPrint already: no 0.6 s per worker.
    context.set_forkserver_preload(["reports.render", "weasyprint"])
    remaining = list(jobs)
    backstop = min(BACKSTOP_S, 5 + time_limit)
    with tqdm(total=len(jobs), unit="pdf", desc="rendering", disable=not progress,
              leave=False) as bar:
        while remaining:
            with context.Pool(min(processes, len(remaining)), initializer=_limit_memory,
                              initargs=(memory_limit,),
                              maxtasksperchild=TASKS_PER_WORKER) as pool:
                pending = [(job, pool.apply_async(_render_job, (job, time_limit)))
                           for job in remaining]
                remaining = []
                for index, (job, result) in enumerate(pending):
                    try:
                        error = result.get(timeout=time_limit + backstop)
                    except multiprocessing.TimeoutError:
                        # The worker does not answer: give up on this job, keep what the
                        # others finished, and send the rest to a fresh pool.
                        yield job, f"took longer than {time_limit:g} s (worker abandoned)"
                        bar.update(1)
                        for other, other_result in pending[index + 1:]:
                            if other_result.ready():
                                yield other, _outcome(other_result)
                                bar.update(1)
                            else:
                                remaining.append(other)
                        break
                    except Exception as problem:  # the result could not be sent back
                        error = f"{type(problem).__name__}: {problem}"
                    yield job, error
                    bar.update(1)


def _outcome(result: multiprocessing.pool.AsyncResult) -> str | None:
    try:
        return result.get(timeout=0)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
