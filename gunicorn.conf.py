"""gunicorn settings for ``make serve`` (``gunicorn -c gunicorn.conf.py wsgi:app``).

Workers are sized to the machine (``WEB_CONCURRENCY`` overrides); each worker loads the
embedding model, the skill index and the ranking/search indexes once, right after it starts,
before it takes requests.
"""

from __future__ import annotations

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, max(2, os.cpu_count() or 1))))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 120
graceful_timeout = 30
keepalive = 5
max_requests = 5000  # a worker is replaced now and then (gracefully), bounding slow leaks
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}i)s'


def post_worker_init(worker) -> None:  # type: ignore[no-untyped-def]
    """Load the model, the skill index and the ranking/search indexes before this worker's
    first request (one BLAS thread per request, the build's freed memory given back:
    ``app.runtime``)."""
    from app.runtime import freeze_heap, release_memory, tune_worker

    tune_worker()
    app = worker.wsgi
    if os.environ.get("LINKMATCH_SKIP_WARM") == "1":
        return
    with app.app_context():
        from app.extensions import db
        from app.services.matching import warm_up

        warm_up()
        db.session.remove()
    release_memory()
    freeze_heap()
