"""Background jobs: long work runs on RQ workers when ``REDIS_URL`` is set, and in a thread of
the web process otherwise (so ``make run`` needs nothing else). Either way the job's state lives
in the ``background_jobs`` table, which every web process reads for progress pages.

A job is a plain function registered with :func:`job`; it takes a :class:`JobContext` and
keyword parameters (JSON values), reports progress through the context, commits its work once
and returns a JSON-friendly result.
"""

from app.jobs.registry import JobContext, job, registered
from app.jobs.runner import enqueue, enqueue_after_commit, run
from app.jobs.state import get, pending, recover_stranded

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
