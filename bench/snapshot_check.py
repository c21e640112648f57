"""The index snapshot changes start-up, not answers: ``python -m bench.snapshot_check``
(DATABASE_URL names the database; a snapshot in ``INDEX_SNAPSHOT_DIR``, e.g. written by
``flask match snapshot``, and any changes made since).

In one process: the indexes from the snapshot caught up with the database, then built afresh
from the database; for each, searches, the recommendations of a few bench seekers and the
candidates of a few open vacancies (ids in order, scores to 6 decimals). Prints the seconds of
each, the delta sizes and which answers differ (none, when all is well); exit status 1 if any.
"""

from __future__ import annotations

import sys
import time

QUERIES = ("laravel", "memperbaiki komputer kantor yang rusak", "jaringan", "admin", "python data")
SEEKERS = (1, 2, 3, 50, 999)


def main() -> int:
    from app import create_app
    from app.runtime import tune_worker

    tune_worker()
    app = create_app()
    with app.app_context():
        from sqlalchemy import select

        from app.extensions import db
        from app.models import SeekerProfile, User, Vacancy
        from app.services import indexes, matching
        from app.services.search import SearchQuery, search
        from bench.load import EMAIL_DOMAIN

        emails = [f"seeker{n}@{EMAIL_DOMAIN}" for n in SEEKERS]
        people = list(
            db.session.scalars(select(SeekerProfile).join(User).where(User.email.in_(emails)))
        )
        jobs = list(
            db.session.scalars(
                select(Vacancy).where(Vacancy.status == "open").order_by(Vacancy.id).limit(3)
            )
        )

        def answers() -> dict[str, object]:
            found: dict[str, object] = {}
            for text in QUERIES:
                page = search(SearchQuery(text=text, per_page=30))
                hits = [(h.vacancy.id, round(h.relevance, 6)) for h in page.hits]
                found[f"search {text!r}"] = (page.total, hits)
            for person in people:
                ranked = matching.recommendations(person, k=30)
                found[f"recommendations {person.id}"] = [
                    (r.vacancy.id, round(r.match.score or 0, 6)) for r in ranked
                ]
            for job in jobs:
                ranked = matching.candidates(job, k=30)
                found[f"candidates {job.id}"] = [
                    (c.profile.id, round(c.match.score or 0, 6)) for c in ranked
                ]
            return found

        indexes.reset()
        started = time.perf_counter()
        loaded = answers()
        print(
            f"from the snapshot: {time.perf_counter() - started:.1f} s (loaded: vacancies "
            f"{indexes.VACANCIES.loaded}, seekers {indexes.SEEKERS.loaded}; changed rows: "
            f"{len(indexes.VACANCIES.delta_ids)} vacancies, {len(indexes.SEEKERS.delta_ids)} "
            "seekers)"
        )
        app.config["INDEX_SNAPSHOT_DIR"] = ""
        indexes.reset()
        started = time.perf_counter()
        fresh = answers()
        print(f"built from the database: {time.perf_counter() - started:.1f} s")
    differ = [key for key in fresh if loaded.get(key) != fresh[key]]
    print(f"answers compared: {len(fresh)}, different: {len(differ)} {differ if differ else ''}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
