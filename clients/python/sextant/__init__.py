"""Sextant's Python client: ask/tell over the REST API of a ``sextant serve`` (standard library only).

Start from :class:`Client`; :mod:`sextant.optuna` holds an Optuna sampler backed by a Sextant study.
"""
from .client import Client, Study, Trial
from .errors import (AuthenticationError, ConflictError, InvalidRequestError, NotFoundError, ServerError,
                     SextantConnectionError, SextantError)

__version__ = "0.1.0"

__all__ = ["Client", "Study", "Trial", "SextantError", "InvalidRequestError", "AuthenticationError",
           "NotFoundError", "ConflictError", "ServerError", "SextantConnectionError", "__version__"]
