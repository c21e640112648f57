"""Held-out document scores per named subset of documents.

    python -m matching.lab.linking.document_subsets unread=k001,k002 read=k004,k005 [--folds 5]

The same cross-validation as ``python -m matching.lab.linking.document_fit`` (the document filter
fitted on K-1 folds, the held-out fold scored), with the held-out counts pooled per subset
instead of per kind: e.g. the curricula whose misses vocabulary entries were written from and
those that were only scored. Prints one line per subset and a JSON last line.
"""

from __future__ import annotations

import argparse
import json

from matching.lab.document_gold import read_gold
from matching.lab.evaluate_documents import Counts, metrics, train_test_splits
from matching.lab.linking.document_fit import counts_by_kind, fit, read_texts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m matching.lab.linking.document_subsets")
    parser.add_argument("subsets", nargs="+", help="NAME=id,id,... (document ids)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--model", default="e5")
    args = parser.parse_args(argv)
    subsets = {}
    for spec in args.subsets:
        name, _, ids = spec.partition("=")
        subsets[name] = {i.strip() for i in ids.split(",") if i.strip()}
    gold = read_gold()
    texts = read_texts(args.model)
    pooled = {name: Counts() for name in subsets}
    for train, held_out in train_test_splits(sorted({t.doc_id for t in texts}), args.folds):
        params = fit([t for t in texts if t.doc_id in set(train)], gold)
        for name, ids in subsets.items():
            test = [t for t in texts if t.doc_id in set(held_out) & ids]
            for c in counts_by_kind(test, params, gold).values():
                pooled[name].add(c)
    result = {name: metrics(c, len(subsets[name])) for name, c in pooled.items()}
    for name, m in result.items():
        c = pooled[name]
        print(f"{name}\tP={m['precision']:.3f}\tR={m['recall']:.3f}\ttp={c.tp} fp={c.fp} fn={c.fn}")
    print(json.dumps({k: {a: round(b, 4) for a, b in m.items()} for k, m in result.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
