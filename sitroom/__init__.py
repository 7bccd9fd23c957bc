"""sitroom: an auditable ledger of what happened and who says so.

    >>> import sitroom
    >>> article = sitroom.read(text_or_html, published="2024-10-23")
    >>> record = article.to_dict()

The NLP stack loads on first use, so ``import sitroom`` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError, SitroomError
from .record import Article

if TYPE_CHECKING:
    from .pipeline import read, read_all

__version__ = "0.1.0"

__all__ = ["Article", "InputError", "SitroomError", "__version__", "read", "read_all"]


def __getattr__(name: str) -> Any:
    if name in ("read", "read_all"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sitroom' has no attribute {name!r}")
