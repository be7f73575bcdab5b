"""The exceptions of the Sextant client: one class per kind of answer the server gives."""
from __future__ import annotations

from typing import Any, Optional


class SextantError(Exception):
    """Any error from a Sextant server or from reaching it.

    ``message`` is the server's explanation (its ``{"error": ...}`` text) or the client's own; ``status`` is the
    HTTP status (``None`` when the server could not be reached); ``body`` is the decoded error body, if any.
    """

    def __init__(self, message: str, status: Optional[int] = None, body: Any = None) -> None:
        super().__init__(message if status is None else f"{message} (HTTP {status})")
        self.message = message
        self.status = status
        self.body = body


class InvalidRequestError(SextantError):
    """400 or 413: the request was malformed (bad JSON, unknown field, a value outside the space, wrong metrics)."""


class AuthenticationError(SextantError):
    """401 or 403: missing or wrong token, or a request from a host or origin the server refuses."""


class NotFoundError(SextantError):
    """404: unknown study, trial or route."""


class ConflictError(SextantError):
    """409: the trial is already finished, the study name is taken, or there are too few trials for a model."""


class ServerError(SextantError):
    """5xx, or an answer that is not the JSON the API promises."""


class SextantConnectionError(SextantError):
    """The server could not be reached (refused, timed out, name not resolved)."""


def error_for(status: int, message: str, body: Any = None) -> SextantError:
    """The exception class that matches an HTTP status."""
    if status in (400, 413, 422):
        cls: type = InvalidRequestError
    elif status in (401, 403):
        cls = AuthenticationError
    elif status == 404:
        cls = NotFoundError
    elif status == 409:
        cls = ConflictError
    elif status >= 500:
        cls = ServerError
    else:
        cls = SextantError
    return cls(message, status, body)
