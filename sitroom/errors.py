"""sitroom's exceptions.

Every error sitroom raises on purpose derives from SitroomError and carries a
stable code (``[S101]``) that users can search for. Errors of lower libraries
(httpx, json, lxml, sqlite3) are translated into these at the module that
calls them.

    SitroomError
     +-- UsageError            [S0xx] a wrong argument or option
     +-- InputError            [S1xx] an input that cannot become an article
     |    +-- EmptyInput        S101
     |    +-- BinaryInput       S102
     |    +-- TooLarge          S103
     |    +-- DecodeFailed      S104
     |    +-- MalformedInput    S105 (bad JSON line, unparsable HTML or feed)
     |    +-- FetchFailed       S106 (URL unreachable, HTTP error)
     |    +-- EmptyFeed         S107
     |    +-- NoText            S108 (nothing left after extraction)
     |    +-- UnsupportedLanguage S109
     |    +-- StageFailed       S110 (a bug met on this input: the batch goes on)
     +-- ModelError            [S2xx] a spaCy model or data file is missing
     +-- StoreError            [S3xx] the ledger database
"""

from __future__ import annotations


class SitroomError(Exception):
    """Root of sitroom's exceptions."""

    code = "S000"

    def __init__(self, message: str, *, input: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.input = input

    def __str__(self) -> str:
        where = f"{self.input}: " if self.input else ""
        return f"{where}{self.message} [{self.code}]"


class UsageError(SitroomError):
    code = "S001"


class InputError(SitroomError):
    """An input that cannot become an article. ``reason`` is a short slug."""

    code = "S100"
    reason = "unreadable"

    def __init__(self, message: str, *, input: str | None = None, reason: str | None = None) -> None:
        super().__init__(message, input=input)
        if reason:
            self.reason = reason


class EmptyInput(InputError):
    code = "S101"
    reason = "empty"


class BinaryInput(InputError):
    code = "S102"
    reason = "binary"


class TooLarge(InputError):
    code = "S103"
    reason = "too large"


class DecodeFailed(InputError):
    code = "S104"
    reason = "encoding"


class MalformedInput(InputError):
    code = "S105"
    reason = "malformed"


class FetchFailed(InputError):
    code = "S106"
    reason = "fetch"


class EmptyFeed(InputError):
    code = "S107"
    reason = "empty feed"


class NoText(InputError):
    code = "S108"
    reason = "no text"


class UnsupportedLanguage(InputError):
    code = "S109"
    reason = "language"

    def __init__(self, language: str, *, input: str | None = None) -> None:
        super().__init__(f"language {language!r} is not supported", input=input,
                         reason=f"language: {language}")
        self.language = language


class StageFailed(InputError):
    """A stage raised on one article. Reported as that input's rejection, so a
    batch goes on and nothing is lost silently; set SITROOM_DEBUG=1 to raise."""

    code = "S110"
    reason = "internal error"


class ModelError(SitroomError):
    code = "S200"


class StoreError(SitroomError):
    code = "S300"
