"""Search quality on judged queries: ``python -m bench.search_quality [--folds 5]``.

Builds a throw-away SQLite database with the demo scene (``flask seed demo``: the regions, the
vocabulary and the demo vacancies, their vectors stored), reads the judged queries of
``bench/search_queries.json`` (Indonesian and English, the relevant vacancies per query by title,
graded 2/1) and prints nDCG@10 and P@5 of

* ``before``: the ranking search had before issue 13 (half words, half meaning, no places);
* ``after``: the shipped weights (``app.services.search.WEIGHTS``);
* ``held-out``: weights chosen on the other folds by grid search, scored on each fold's queries
  (k-fold cross-validation over queries), with the weights each fold chose.

The signals of every query are computed once; the weights are compared on them in NumPy.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from matching.search_rank import BASELINE, RankWeights, ndcg_at, precision_at, relevance

QUERIES = Path(__file__).with_name("search_queries.json")
GRID = {
    "skill": [0.5, 1.0],
    "title": [0.0, 0.3],
    "words": [0.1, 0.3],
    "meaning": [1.0, 1.5],
    "meaning_margin": [0.0, 0.1, 0.12, 0.13, 0.14, 0.15, 0.18],
    "lexical_first": [False, True],
    "idf": [False, True],
    "min_words": [0.0, 0.3, 0.5],
}


def _app():  # type: ignore[no-untyped-def]
    """The app on a fresh SQLite file with the demo scene and its vectors."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from app import create_app
    from app.config import TestingConfig
    from app.extensions import db
    from app.models import Vacancy
    from app.services import vectors
    from app.services.demo import seed_demo
    from app.services.regions import load_regions
    from app.services.vocabulary import load_vocabulary
    from matching.vocab import load_vocabulary as shipped

    folder = Path(tempfile.mkdtemp(prefix="search-quality-"))
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'bench.sqlite'}",
        ALLOW_DEMO_DATA=True,
    )
    with app.app_context():
        db.create_all()
        load_regions(app.config["REGIONS_FILE"])
        load_vocabulary(shipped())
        seed_demo()
        made = list(db.session.scalars(db.select(Vacancy)))
        vectors.store_many("vacancy", [(v.id, vectors.vacancy_text(v)) for v in made])
        db.session.commit()
    return app


def collect(app) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    """Per judged query: the candidates' signals, titles and the judgements."""
    from app.extensions import db
    from app.models import Vacancy
    from app.services.search import SearchQuery, asked_skills, signals
    from app.services.search_reasons import read_query

    judged = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    out = []
    with app.test_request_context():
        titles = dict(db.session.execute(db.select(Vacancy.id, Vacancy.title)).all())
        for item in judged:
            read = read_query(item["q"])
            asked = asked_skills(read)
            found = signals(SearchQuery(text=item["q"]), read, asked)
            old = signals(SearchQuery(text=item["q"]), _unread(item["q"]), [])
            out.append(
                {
                    "q": item["q"],
                    "relevant": item["relevant"],
                    "topic": read.has_topic,
                    "new": found,
                    "old": old,
                    "titles": [titles[int(i)] for i in found.ids],
                    "old_titles": [titles[int(i)] for i in old.ids],
                }
            )
    return out


def _unread(text: str):  # type: ignore[no-untyped-def]
    """The query as the old search read it: the whole text, no places."""
    from matching.search_query import ParsedQuery

    return ParsedQuery(" ".join(t for t in text.lower().split()))


def ranked(entry: dict, weights: RankWeights, old: bool = False) -> list[str]:  # type: ignore[type-arg]
    """Titles in the order search shows them (relevance, then newest, then id)."""
    found = entry["old"] if old else entry["new"]
    titles = entry["old_titles"] if old else entry["titles"]
    score, kept = relevance(
        found.skill, found.title, found.words, found.meaning, weights, found.rare
    )
    if not old and not entry["topic"]:
        kept[:] = True  # places and filler only: every vacancy of the places
    rows = np.flatnonzero(kept)
    order = rows[np.lexsort((found.ids[rows], -found.posted[rows], -score[rows]))]
    return [titles[r] for r in order]


def measure(
    entries: list[dict],
    weights: RankWeights,
    old: bool = False,  # type: ignore[type-arg]
) -> tuple[float, float, float]:
    """Mean nDCG@10, P@5 and result precision (the share of the first page's hits that are
    relevant: junk shown, where P@5 also counts empty places) over ``entries``."""
    ndcg, p5, shown = [], [], []
    for entry in entries:
        order = ranked(entry, weights, old)
        ndcg.append(ndcg_at(order, entry["relevant"], 10))
        p5.append(precision_at(order, entry["relevant"], 5))
        page = order[:10]
        shown.append(sum(1 for t in page if t in entry["relevant"]) / len(page) if page else 0.0)
    return float(np.mean(ndcg)), float(np.mean(p5)), float(np.mean(shown))


def objective(figures: tuple[float, float, float]) -> float:
    """What the grid search maximises: nDCG@10, with a quarter weight on showing no junk."""
    return figures[0] + 0.25 * figures[2]


def candidates(base: RankWeights) -> list[RankWeights]:
    """Every weight setting of the grid."""
    keys = list(GRID)
    return [
        replace(base, **dict(zip(keys, values, strict=True)))
        for values in itertools.product(*GRID.values())
    ]


def best(entries: list[dict], grid: list[RankWeights]) -> RankWeights:  # type: ignore[type-arg]
    """The grid setting with the best ``objective`` on ``entries``."""
    return max(grid, key=lambda w: objective(measure(entries, w)))


def main(argv: list[str] | None = None) -> None:
    """Print before / after / held-out figures."""
    from app.services.search import WEIGHTS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", action="store_true", help="print each query's top 5")
    args = parser.parse_args(argv)
    entries = collect(_app())
    print(f"{len(entries)} judged queries over the demo vacancies")
    for name, weights, old in (("before", BASELINE, True), ("after", WEIGHTS, False)):
        ndcg, p5, shown = measure(entries, weights, old)
        print(f"{name:9} nDCG@10 {ndcg:.3f}  P@5 {p5:.3f}  result precision {shown:.3f}")
    order = list(range(len(entries)))
    random.Random(args.seed).shuffle(order)  # noqa: S311 - fold assignment
    folds = [order[f :: args.folds] for f in range(args.folds)]
    grid = candidates(WEIGHTS)
    held: list[tuple[float, float, float, int]] = []
    for f, fold in enumerate(folds):
        train = [entries[i] for i in order if i not in fold]
        chosen = best(train, grid)
        ndcg, p5, shown = measure([entries[i] for i in fold], chosen)
        held.append((ndcg, p5, shown, len(fold)))
        print(
            f"fold {f + 1}: chose skill {chosen.skill} title {chosen.title} words {chosen.words} "
            f"meaning {chosen.meaning} margin {chosen.meaning_margin} "
            f"lexical first {chosen.lexical_first} idf {chosen.idf} min words {chosen.min_words}: "
            f"held-out nDCG@10 {ndcg:.3f} P@5 {p5:.3f}"
        )
    total = sum(h[-1] for h in held)
    ndcg, p5, shown = (sum(h[i] * h[-1] for h in held) / total for i in range(3))
    print(
        f"held-out  nDCG@10 {ndcg:.3f}  P@5 {p5:.3f}  result precision {shown:.3f}  "
        f"({args.folds}-fold over queries)"
    )
    chosen = best(entries, grid)
    print(
        f"chosen on all queries: skill {chosen.skill} title {chosen.title} words {chosen.words} "
        f"meaning {chosen.meaning} margin {chosen.meaning_margin} "
        f"lexical first {chosen.lexical_first} idf {chosen.idf} min words {chosen.min_words}"
    )
    if args.show:
        for entry in entries:
            print(entry["q"], "->", ranked(entry, WEIGHTS)[:5])


if __name__ == "__main__":
    main()
