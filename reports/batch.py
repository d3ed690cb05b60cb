"""Render many profiles: only those whose data changed, in long-lived worker processes.

Each worker imports WeasyPrint once (~0.6 s) and renders profile after profile under a
memory limit; a profile that takes longer than the time limit is abandoned (its worker pool
is replaced) so one pathological profile cannot stall the batch.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.changes import describe_changes
from reports.editions import sample_profile
from reports.model import Profile
from reports.profile import build_profile
from rivalscope import store

MIN_MENTIONS = 3
TIME_LIMIT_S = 120
MEMORY_LIMIT_BYTES = 2 * 1024**3


@dataclass
class Job:
    company_id: str
    edition: str
    profile: Profile
    data_hash: str
    path: Path


def edition_path(out_dir: Path, company_id: str, edition: str) -> Path:
    return Path(out_dir) / f"{company_id}-{edition}.pdf"


def plan(db, company_ids: list[str], editions: tuple[str, ...], out_dir: Path,
         force: bool) -> tuple[list[Job], int]:
    """The renders needed (data hash changed, or file missing), and how many were skipped."""
    jobs, skipped = [], 0
    for company_id in company_ids:
        full = build_profile(db, company_id)
        versions = {"full": full}
        if "sample" in editions:
            versions["sample"] = sample_profile(full)
        for edition in editions:
            profile = versions[edition]
            data_hash = profile.data_hash()
            path = edition_path(out_dir, full.overview.id, edition)
            previous = store.latest_edition(db, full.overview.id, edition)
            if not force and previous and previous["data_hash"] == data_hash and path.exists():
                skipped += 1
                continue
            if edition == "full" and previous:
                profile.changes = describe_changes(json.loads(previous["data_json"]),
                                                   profile.to_dict())
            jobs.append(Job(full.overview.id, edition, profile, data_hash, path))
    return jobs, skipped


def render_profiles(db_path: str | os.PathLike[str], company_ids: list[str] | None, *,
                    editions: tuple[str, ...] = ("full", "sample"),
                    out_dir: str | os.PathLike[str], processes: int = 2, force: bool = False,
                    progress: bool = False) -> dict[str, Any]:
    """Render the editions whose data changed; returns rendered paths, skipped count, failures.

    company_ids None means every company with at least MIN_MENTIONS mentions.
    """
    db = store.open_db(db_path)
    if company_ids is None:
        company_ids = [c["id"] for c in store.companies_by_mentions(db, MIN_MENTIONS)]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs, skipped = plan(db, company_ids, tuple(editions), out_dir, force)
    rendered: list[str] = []
    failed: dict[str, str] = {}
    for job, error in _run(jobs, processes, progress):
        if error:
            failed[f"{job.company_id} ({job.edition})"] = error
            continue
        store.record_edition(db, job.company_id, job.edition, job.profile.to_dict(),
                             job.data_hash, str(job.path))
        rendered.append(str(job.path))
    return {"rendered": rendered, "skipped": skipped, "failed": failed}


def _render_job(job: Job) -> str | None:
    from reports.render import render_pdf

    try:
        render_pdf(job.profile, job.path)
    except MemoryError:
        return "out of memory"
    except Exception as error:  # a broken profile is reported, the batch goes on
        return f"{type(error).__name__}: {error}"
    return None


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def _run(jobs: list[Job], processes: int, progress: bool):
    from tqdm import tqdm

    bar = tqdm(total=len(jobs), unit="pdf", desc="rendering", disable=not progress,
               leave=False)
    if len(jobs) <= 1 or processes <= 1:
        for job in jobs:
            yield job, _render_job(job)
            bar.update(1)
        bar.close()
        return
    context = multiprocessing.get_context("forkserver")
    remaining = list(jobs)
    while remaining:
        with context.Pool(min(processes, len(remaining)), initializer=_limit_memory) as pool:
            pending = [(job, pool.apply_async(_render_job, (job,))) for job in remaining]
            remaining = []
            for index, (job, result) in enumerate(pending):
                try:
                    error = result.get(timeout=TIME_LIMIT_S)
                except multiprocessing.TimeoutError:
                    error = f"took longer than {TIME_LIMIT_S} s"
                    # The pool is torn down; the jobs not yet collected go to a fresh one.
                    remaining = [j for j, r in pending[index + 1:] if not _done_ok(r)]
                    yield job, error
                    bar.update(1)
                    for j, r in pending[index + 1:]:
                        if _done_ok(r):
                            yield j, r.get()
                            bar.update(1)
                    break
                yield job, error
                bar.update(1)
    bar.close()


def _done_ok(result) -> bool:
    return result.ready() and result.successful()
