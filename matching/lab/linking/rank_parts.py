"""Where rank's CPU time goes: each part of the gated path timed alone, per sentence.

    python -m matching.lab.linking.rank_parts [--repeats 3] [--json]

On the bench's 224 sentences and the benchmark index (``matching.lab.bench``), with the
encoders uncached as the bench uses them. Each part runs on one BLAS thread, as the gate runs
it, and is timed ``--repeats`` times; the fastest run counts. Printed per sentence in ms of CPU
(all threads) and of wall-clock time:

- the gate's cheap pass: USE's encoding, USE's cosines with every label and form, character
  TF-IDF, the exact forms, the z-scores and the cheap fusion with the gate's test;
- USE's cosines in chunks of 32 sentences (the gate's parts until 2026-12-07), and as the gate
  runs them now: USE's encoding in halves side by side and its cosines split between two threads
  (``use_encode_halves``, ``use_cosines_split``; compare their wall-clock ms);
- e5's encoding and its cosines (labels and, where weighted, forms) of every sentence;
- ``rank_many`` as a whole (the gate's phases on both cores; e5 only for the sentences sent).

From these, ``cpu_ms_per_sentence_at_share`` adds the cheap pass to the share of e5 the gate
sends, and ``ceiling_per_s_two_cores`` is what that CPU time would give with both cores busy all
the time (2000 / it): an upper bound of the gated rank on this machine, at this share.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable

from matching.blas import single_blas
from matching.linking.lexical import tfidf_signals


def _best(work: Callable[[], object], count: int, repeats: int) -> tuple[float, float]:
    """(CPU ms, wall ms) per item of the fastest of ``repeats`` runs of ``work``."""
    from matching.lab.bench import _rate

    per_s, per_cpu_s = max((_rate(work, count) for _ in range(repeats)), key=lambda r: r[0])
    return 1000 / per_cpu_s, 1000 / per_s


def measure(index, sentences: list[str], repeats: int) -> dict[str, float]:  # noqa: ANN001
    """Per-sentence CPU and wall ms of each part of ``index``'s gated rank of ``sentences``."""
    from matching.linking import rank_gate
    from matching.linking.segments import embed_stripped

    gate, n, out = index.rank_gate, len(sentences), {}
    if gate is None or index.aux is None:
        raise SystemExit("the index has no e5 gate or no second embedder")
    forms = bool(index.weights.tfidf_form or gate.cheap.tfidf_form)

    def part(name: str, work: Callable[[], object]) -> None:
        out[f"{name}_cpu_ms"], out[f"{name}_wall_ms"] = _best(work, n, repeats)

    with single_blas():
        aux = index.aux_embed(sentences, weighted_only=False)
        part("use_encode", lambda: index.aux_embed(sentences, weighted_only=False))
        part("use_cosines", lambda: index._cosines(aux, True, aux=True))
        part(  # the same products in the chunks of 32 that the gate used until 2026-12-07
            "use_cosines_in_32s",
            lambda: [index._cosines(aux[i : i + 32], True, aux=True) for i in range(0, n, 32)],
        )
        pool = rank_gate.split_pool()
        part("use_encode_halves", lambda: rank_gate.aux_vectors(index, sentences, pool))
        part("use_cosines_split", lambda: index._cosines(aux, True, True, pool, rank_gate.WORKERS))
        part("tfidf", lambda: tfidf_signals(index.tfidf, sentences, forms))
        part("exact_forms", lambda: index._alias_signal(sentences))
        sig = rank_gate.cheap_signals(
            index,
            index._cosines(aux, True, aux=True),
            rank_gate.lexical_signals(index, sentences, forms),
        )
        part("fusion_and_gate", lambda: rank_gate.cheap_fusion(index, sig, gate, slice(None)))
        vectors = embed_stripped(index.embedder, sentences)
        part("e5_encode", lambda: embed_stripped(index.embedder, sentences))
        part("e5_cosines", lambda: index._cosines(vectors, bool(index.weights.sem_form)))
    part("rank_many", lambda: index.rank_many(sentences, k=10))
    share = rank_gate.gated_scores(index, sentences, gate)[1] / n
    cheap = sum(out[f"{k}_cpu_ms"] for k in ("use_encode", "use_cosines", "tfidf"))
    cheap += out["exact_forms_cpu_ms"] + out["fusion_and_gate_cpu_ms"]
    at_share = cheap + share * (out["e5_encode_cpu_ms"] + out["e5_cosines_cpu_ms"])
    out.update(
        sentences=n,
        e5_share=share,
        cheap_pass_cpu_ms=cheap,
        cpu_ms_per_sentence_at_share=at_share,
        ceiling_per_s_two_cores=2000 / at_share,
        rank_many_per_s=1000 / out["rank_many_wall_ms"],
        rank_many_cores_busy=out["rank_many_cpu_ms"] / out["rank_many_wall_ms"],
    )
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    p = argparse.ArgumentParser(
        prog="python -m matching.lab.linking.rank_parts", description=__doc__.split("\n")[0]
    )
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    from matching.lab import bench

    _, _, index = bench._warm_start(bench._parse_args(["--cold", "none"]), time.perf_counter(), {})
    index = bench.with_encoders(index)  # as the bench times them
    out = {"load_avg_1min_at_start": os.getloadavg()[0]}
    out.update(measure(index, bench.rank_sentences(), args.repeats))
    out = {k: round(v, 3) for k, v in out.items()}
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k}\t{v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
