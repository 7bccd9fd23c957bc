"""Near-duplicates: the same story under a new headline or with its end cut.

Texts are compared by their word 5-gram shingles. A MinHash signature
(datasketch) of each stored article is split into LSH bands, and the band
hashes are kept in the ledger, so a new article is compared only with the
few stored ones that share a band: no all-pairs comparison. Candidates are
then checked exactly: a near-duplicate shares at least ``JACCARD`` of its
shingles with a stored article, or at least ``CONTAINMENT`` of the shorter
text's shingles lie in the longer one (a wire copy with a trimmed ending).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable

import numpy as np

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard meet in some band
ROWS = NUM_PERM // BANDS
SHINGLE = 5
JACCARD = 0.8
CONTAINMENT = 0.9
MIN_SHINGLES = 20  # very short texts are compared only by exact id

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i: i + k]) for i in range(len(words) - k + 1)}


def signature(sh: Iterable[str]) -> np.ndarray:
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=17)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m.hashvalues.astype(np.uint64)


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band number, band hash) pairs; the hash fits SQLite's signed 64-bit integer."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS: (b + 1) * ROWS].tobytes()
        h = hash(chunk) if False else int.from_bytes(_fnv(chunk), "big", signed=True)
        out.append((b, h))
    return out


def _fnv(data: bytes) -> bytes:
    # FNV-1a, 64-bit: stable across processes (Python's hash() is salted).
    h = 0xcbf29ce484222325
    for byte in data:
        h ^= byte
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return struct.pack(">Q", h)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


def estimate(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def overlap(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_near_duplicate(a: set[str], b: set[str]) -> tuple[bool, float]:
    j, c = overlap(a, b)
    return (j >= JACCARD or c >= CONTAINMENT), c
