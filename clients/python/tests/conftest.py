"""Shared fixtures: the server under test comes from $SEXTANT_URL (and $SEXTANT_TOKEN).

`mvn -B verify` (module clients/python, PythonClientTest) starts a real `sextant serve` and sets both. By hand:
    ./sextant serve --port 7070 &  SEXTANT_URL=http://127.0.0.1:7070 python3 -m pytest clients/python/tests
"""
import os
import uuid
from pathlib import Path

import pytest

import sextant

MODULE = Path(__file__).resolve().parent.parent           # clients/python
REPO = MODULE.parent.parent                                # the repository root


@pytest.fixture(scope="session")
def url():
    value = os.environ.get("SEXTANT_URL")
    if not value:
        pytest.skip("SEXTANT_URL is not set: run through `mvn -B verify` (it starts a server), or start "
                    "`./sextant serve` and export SEXTANT_URL=http://127.0.0.1:7070")
    return value


@pytest.fixture(scope="session")
def token():
    return os.environ.get("SEXTANT_TOKEN") or None


@pytest.fixture(scope="session")
def client(url, token):
    return sextant.Client(url, token=token)


@pytest.fixture
def name(request):
    """A study name no other test uses."""
    return f"{request.node.name[:40]}-{uuid.uuid4().hex[:8]}"


SPACE = [
    {"name": "x", "type": "float", "low": 0.0, "high": 1.0},
    {"name": "lr", "type": "float", "low": 1e-4, "high": 1e-1, "log": True},
    {"name": "opt", "type": "categorical", "choices": ["adam", "sgd"]},
]
