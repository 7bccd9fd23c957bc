"""Ingest: read many inputs into the ledger, in order, in parallel if asked.

Each input is identified by its name and a digest of its content. An input
already accounted for is skipped, so running the same ingest again (after an
interruption, even kill -9) only does what is left, and leaves the ledger as
one clean run would. With ``workers > 1`` the NLP runs in worker processes
while this process writes, one article per transaction, in input order: the
ledger does not depend on how many workers there were.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from .errors import InputError
from .inputs import Source, sources
from .ledger import Ledger

BATCH = 8


@dataclass
class Report:
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: int = 0  # already in the ledger from an earlier run
    rejections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def inputs(self) -> int:
        return self.stored + self.duplicates + self.rejected + self.skipped


def digest(src: Source) -> str:
    h = hashlib.sha256()
    for part in (src.text, src.html):
        if part is not None:
            h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x00")
    return h.hexdigest()


# Results cross process boundaries as plain tuples: exceptions with keyword
# arguments do not survive pickling.
Result = tuple[str, str, str, Any]  # (kind, name, digest, payload)


def _process(batch: list[tuple[Source, str]], published: date | None) -> list[Result]:
    from .pipeline import read_all

    out: list[Result] = []
    items = read_all([s for s, _ in batch], published=published)
    for (src, dig), item in zip(batch, items):
        if isinstance(item, InputError):
            out.append(("rejected", src.input, dig, (item.reason, str(item))))
        else:
            out.append(("record", src.input, dig, item.to_dict()))
    return out


def _batches(items: Iterable[tuple[Source, str]], size: int) -> Iterator[list[tuple[Source, str]]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest(inputs: Iterable[str], ledger: Ledger, *, workers: int = 1, published: date | None = None,
           max_bytes: int | None = None,
           on_result: Callable[[str, str, str | None], None] | None = None) -> Report:
    """Read every input into the ledger; ``on_result(outcome, name, detail)``
    is called once per input (for progress and stderr lines)."""
    report = Report()

    def note(outcome: str, name: str, detail: str | None = None) -> None:
        if on_result is not None:
            on_result(outcome, name, detail)

    def todo() -> Iterator[tuple[Source, str]]:
        kw = {"max_bytes": max_bytes} if max_bytes else {}
        for item in sources(inputs, **kw):
            if isinstance(item, InputError):
                name = item.input or "?"
                if ledger.seen(name, ""):
                    report.skipped += 1
                    note("skipped", name)
                    continue
                ledger.reject(name, "", item.reason, str(item))
                report.rejected += 1
                report.rejections.append((name, str(item)))
                note("rejected", name, str(item))
                continue
            dig = digest(item)
            if ledger.seen(item.input, dig):
                report.skipped += 1
                note("skipped", item.input)
                continue
            yield item, dig

    def write(results: list[Result]) -> None:
        for kind, name, dig, payload in results:
            if kind == "rejected":
                reason, message = payload
                out = ledger.reject(name, dig, reason, message)
                if out.outcome == "rejected":
                    report.rejected += 1
                    report.rejections.append((name, message))
                    note("rejected", name, message)
                else:
                    report.skipped += 1
                continue
            out = ledger.add(payload, name, dig)
            if out.outcome == "stored":
                report.stored += 1
            elif out.outcome == "duplicate":
                report.duplicates += 1
            else:
                report.skipped += 1
            note(out.outcome, name, out.article_id)

    if workers <= 1:
        for batch in _batches(todo(), BATCH):
            write(_process(batch, published))
        return report
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Keep a bounded number of batches in flight; write results in order.
        futures: list[Any] = []
        for batch in _batches(todo(), BATCH):
            futures.append(pool.submit(_process, batch, published))
            while len(futures) > workers * 2:
                write(futures.pop(0).result())
        for fut in futures:
            write(fut.result())
    return report
