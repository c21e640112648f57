"""Background jobs: long work runs on RQ workers when ``REDIS_URL`` is set, and in a thread of
the web process otherwise (so ``make run`` needs nothing else). Either way the job's state lives
in the ``background_jobs`` table, which every web process reads for progress pages.

A job is a plain function registered with :func:`job`; it takes a :class:`JobContext` and
keyword parameters (JSON values), reports progress through the context, commits its work once
and returns a JSON-friendly result.
"""

from app.jobs.runner import (
    JobContext,
    enqueue,
    enqueue_after_commit,
    get,
    job,
    pending,
    recover_stranded,
    registered,
    run,
)

__all__ = [
    "JobContext",
    "enqueue",
    "enqueue_after_commit",
    "get",
    "job",
    "pending",
    "recover_stranded",
    "registered",
    "run",
]
