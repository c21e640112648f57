"""Load (and fault) bench through HTTP: ``python -m bench.load --url http://127.0.0.1:8000
--users 20 --duration 60 [--fault postgres-restart|redis-stop --database-url ...]``.

Signs in as generated accounts (``flask seed scale``: seekers, employers, schools; the bench
password), runs each user's actions for ``--duration`` seconds (back to back, or with
``--think`` seconds of reading between two; users start at random moments within ``--ramp``
seconds, by default the think time, as people arrive, not all in the same instant) and prints,
per page,
requests, errors, median and 95th-percentile milliseconds, with the machine's load. With
``--fault``, the fault happens at ``--fault-at`` seconds and the table is repeated per phase
(before, during, after); with ``--database-url`` every vacancy the site said it saved is looked
up afterwards (lost writes).
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time

from bench import faults
from bench.client import Session
from bench.scenario import Shared, User
from bench.stats import Sample, by_page, by_phase, errors, load_line, table

BENCH_PASSWORD = "bench-scale-2026"  # noqa: S105 - app.services.scale_data.BENCH_PASSWORD
EMAIL_DOMAIN = "scale.example"  # app.services.scale_data.EMAIL_DOMAIN


ROLES = ("seeker", "employer", "school")


def roles(users: int, wanted: tuple[str, ...] = ROLES) -> list[str]:
    """The role of each bench user: about 70 % seekers, 20 % employers, 10 % schools (at least
    one employer and one school from 3 users on), of the ``wanted`` roles (the rest seekers)."""
    employers = max(1 if users >= 3 else 0, round(users * 0.2)) if "employer" in wanted else 0
    schools = max(1 if users >= 3 else 0, round(users * 0.1)) if "school" in wanted else 0
    seekers = users - employers - schools
    return ["employer"] * employers + ["school"] * schools + ["seeker"] * seekers


def sign_in(url: str, chosen: list[str], seed: int, shared: Shared) -> list[User]:
    """A signed-in, prepared user per role (the n-th of a role logs in as ``<role>n@...``)."""
    counts: dict[str, int] = {}
    made = []
    for i, role in enumerate(chosen):
        counts[role] = counts.get(role, 0) + 1
        session = Session(url)
        email = f"{role}{counts[role]}@{EMAIL_DOMAIN}"
        if not session.login(email, BENCH_PASSWORD):
            raise SystemExit(f"cannot sign in as {email} (run `flask seed scale` first)")
        user = User(session, role, random.Random(seed + i), shared)  # noqa: S311 - load mix
        user.prepare()
        made.append(user)
    return made


def run(
    users: list[User],
    duration: float,
    began: float,
    samples: list[Sample],
    think: float = 0.0,
    ramp: float = 0.0,
) -> None:
    """Every user acts until ``duration`` seconds after ``began``, pausing between two actions
    for a random time of mean ``think`` seconds (uniform, 0.5 to 1.5 times it; 0: none). Users
    start at random moments within the first ``ramp`` seconds (0: all at once)."""
    lock = threading.Lock()

    def loop(user: User) -> None:
        if ramp > 0:
            time.sleep(user.rng.uniform(0.0, ramp))
        while time.perf_counter() - began < duration:
            started = time.perf_counter() - began
            page, answer, ok = user.step()
            with lock:
                samples.append(Sample(page, started, answer.ms, ok, answer.status))
            if think > 0:
                left = duration - (time.perf_counter() - began)
                time.sleep(max(0.0, min(left, user.rng.uniform(0.5, 1.5) * think)))

    threads = [threading.Thread(target=loop, args=(u,), daemon=True) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a user reads a page before the next action (0: none, back to back)",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        help="users start at random moments within this many seconds (default: the think "
        "time, so the run is not one burst of every user's first request; 0: all at once)",
    )
    parser.add_argument(
        "--roles", default=",".join(ROLES), help="which roles take part (default: all three)"
    )
    parser.add_argument("--fault", choices=faults.FAULTS)
    parser.add_argument("--fault-at", type=float, help="seconds into the run (default: 1/3)")
    parser.add_argument("--fault-command", help="restart, or stop (default: see bench/faults.py)")
    parser.add_argument("--recover-command", help="start again after a stop")
    parser.add_argument(
        "--hold", type=float, default=10.0, help="seconds a stopped service stays down"
    )
    parser.add_argument(
        "--settle", type=float, default=5.0, help="seconds after the fault still 'during'"
    )
    parser.add_argument("--database-url", help="PostgreSQL URL to check the saved vacancies in")
    args = parser.parse_args(argv)

    shared = Shared()
    print(f"Signing in {args.users} users at {args.url} ...", file=sys.stderr)
    chosen = roles(args.users, tuple(args.roles.split(",")))
    users = sign_in(args.url, chosen, args.seed, shared)
    load_before = load_line()
    samples: list[Sample] = []
    window = faults.FaultWindow()
    began = time.perf_counter()
    fault_thread = None
    if args.fault:
        first, then = faults.DEFAULT_COMMANDS[args.fault]
        at = args.duration / 3 if args.fault_at is None else args.fault_at

        def fault() -> None:
            time.sleep(at)
            faults.cause(
                args.fault,
                args.fault_command or first,
                args.recover_command if args.recover_command is not None else then,
                args.hold,
                began,
                window,
            )

        fault_thread = threading.Thread(target=fault, daemon=True)
        fault_thread.start()
    ramp = args.think if args.ramp is None else args.ramp
    run(users, args.duration, began, samples, args.think, ramp)
    if fault_thread:
        fault_thread.join()
    roles_text = ", ".join(f"{r}s: {chosen.count(r)}" for r in ROLES)
    think = f"think time {args.think:g} s mean" if args.think > 0 else "no think time"
    think += f", users started within {ramp:g} s" if ramp > 0 else ", users started at once"
    print(f"\n{args.users} users ({roles_text}), {think}, {args.duration:.0f} s against {args.url}")
    print(f"throughput: {len(samples) / args.duration:.1f} requests/s")
    print(f"machine before: {load_before}; after: {load_line()}\n")
    print(table(by_page(samples)))
    failed = errors(samples)
    if failed:
        print("errors: " + "; ".join(f"{p} {st or 'no answer'} x{n}" for p, st, n in failed))
    if args.fault:
        print(
            f"\n{args.fault} from {window.start:.1f} s to {window.end:.1f} s (+{args.settle:.0f} s settle)"
        )
        print(window.output)
        print(table(by_phase(samples, window.start, window.end + args.settle), first="phase"))
    if args.database_url:
        found, lost = faults.lost_writes(args.database_url, shared.posted)
        print(
            f"\nvacancies saved (seen by the client): {len(shared.posted)}, in the database: {found}, lost: {lost}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
