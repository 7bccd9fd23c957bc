"""sitroom: an auditable ledger of what happened and who says so."""

from .errors import SitroomError

__version__ = "0.1.0"

__all__ = ["SitroomError", "__version__"]
