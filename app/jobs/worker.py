"""The RQ worker of ``flask jobs worker``, supervising itself: when Redis goes away it logs,
waits with a growing pause and starts again once Redis answers, instead of exiting.

RQ's own loop already waits for Redis while it blocks for the next job, but any other call that
meets the lost connection (the heartbeat, the suspension check, finishing a job) ends ``work()``
and would end the process. Here a fresh worker is started after each such end; the loop stops
only when asked (SIGTERM or SIGINT, as RQ handles them), in burst mode when the queue is empty,
or when Redis answers but the worker keeps ending at once (a real fault, raised).
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable

log = logging.getLogger(__name__)
FIRST_PAUSE_S = 1.0
MAX_PAUSE_S = 30.0


def lower_priority(increment: int) -> int:
    """Lower this process's CPU priority by ``increment`` (``os.nice``; 0 leaves it): jobs take
    the CPU that page requests leave. Returns the niceness now."""
    return os.nice(max(0, increment))


PUBSUB_POLL_S = 1.0


def quick_stop_worker(queues, connection):  # type: ignore[no-untyped-def]
    """An RQ ``SimpleWorker`` (jobs in this process: the model and indexes stay loaded) whose
    command channel is polled every ``PUBSUB_POLL_S``: RQ polls it every 60 s, and redis-py 8
    waits for the poll to end when the worker stops, so a warm shutdown (SIGTERM, a burst
    run's end) took up to a minute."""
    from rq import SimpleWorker

    class QuickStopWorker(SimpleWorker):
        def subscribe(self) -> None:
            self.pubsub = self.connection.pubsub()
            self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
            self.pubsub_thread = self.pubsub.run_in_thread(
                sleep_time=PUBSUB_POLL_S,
                daemon=True,
                exception_handler=self._pubsub_exception_handler,
            )

    return QuickStopWorker(queues, connection=connection)


def redis_answers(connection) -> bool:  # type: ignore[no-untyped-def]
    """Redis answers a ping on ``connection``."""
    from redis.exceptions import ConnectionError, TimeoutError

    try:
        return bool(connection.ping())
    except (ConnectionError, TimeoutError, OSError):
        return False


def supervise(
    url: str,
    queue_name: str,
    *,
    burst: bool = False,
    on_start: Callable[[], object] | None = None,
    max_pause: float = MAX_PAUSE_S,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Work ``queue_name`` on the Redis at ``url`` until stopped, reconnecting when Redis is lost.

    ``on_start`` runs before each (re)start while Redis answers (recovering stranded jobs: a
    Redis restart loses its queue)."""
    from redis import Redis
    from redis.exceptions import ConnectionError, TimeoutError
    from rq import Queue

    stop = {"requested": False}
    pause = FIRST_PAUSE_S
    quick_ends = 0
    while not stop["requested"]:
        connection = Redis.from_url(url, health_check_interval=30)
        if not redis_answers(connection):
            log.warning("Redis at %s does not answer: trying again in %.0f s", _safe(url), pause)
            _pause(pause, stop, sleep)
            pause = min(pause * 2, max_pause)
            continue
        pause = FIRST_PAUSE_S
        if on_start is not None:
            on_start()
        worker = quick_stop_worker([Queue(queue_name, connection=connection)], connection)
        worker.max_connection_wait_time = max_pause  # RQ's own wait while blocking for a job
        started = time.monotonic()
        try:
            worker.work(burst=burst)  # no scheduler: the app schedules no job (retries are
            # immediate), and its separate process dies with the connection
        except (ConnectionError, TimeoutError) as error:  # raised by RQ's teardown
            log.warning("the worker lost Redis (%s)", error)
        if burst or _asked_to_stop(worker):
            return
        quick_ends = quick_ends + 1 if time.monotonic() - started < 5 else 0
        if quick_ends >= 5 and redis_answers(connection):
            raise RuntimeError("the RQ worker keeps ending with Redis up: see the log above")
        log.warning("the worker ended without being asked to (Redis lost?): starting it again")
        _pause(pause, stop, sleep)


def _asked_to_stop(worker) -> bool:  # type: ignore[no-untyped-def]
    """The worker got SIGTERM or SIGINT (RQ records it either way; only a busy worker sets
    ``_stop_requested``, an idle one ends at once)."""
    return bool(worker._stop_requested or worker._shutdown_requested_date is not None)


def _pause(seconds: float, stop: dict[str, bool], sleep: Callable[[float], None]) -> None:
    """Sleep ``seconds`` between attempts; SIGTERM or SIGINT meanwhile ends the loop."""

    def request_stop(signum: int, frame: object) -> None:
        stop["requested"] = True

    previous = [signal.signal(s, request_stop) for s in (signal.SIGTERM, signal.SIGINT)]
    try:
        end = time.monotonic() + seconds
        while not stop["requested"] and time.monotonic() < end:
            sleep(min(0.2, max(end - time.monotonic(), 0.0)))
    finally:
        for s, handler in zip((signal.SIGTERM, signal.SIGINT), previous, strict=True):
            signal.signal(s, handler)


def _safe(url: str) -> str:
    """``url`` without its password (for the log)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"
