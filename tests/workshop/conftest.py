"""A workshop in a folder under tmp_path, and its application behind Starlette's test client for
each `Person` (``people.py``) who uses it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from coprod_check.model.catalog import Catalog
from coprod_check.workshop.app import create_app
from coprod_check.workshop.guard import Guesses
from coprod_check.workshop.room import Workshop
from tests.helpers import bundled_catalog
from tests.workshop.people import BASE, Person


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return bundled_catalog()


@pytest.fixture
def workshop(catalog: Catalog, tmp_path: Path) -> Workshop:
    (tmp_path / "room").mkdir()
    return Workshop.open(
        catalog, tmp_path / "room", project="Riverside family hub", frameworks=None, pathway=None
    )


@pytest.fixture
def guesses() -> Guesses:
    return Guesses()


@pytest.fixture
def person(workshop: Workshop, guesses: Guesses) -> Iterator[Callable[[], Person]]:
    """Make a new participant's browser (each with cookies of its own)."""
    app = create_app(workshop, names=["localhost"], guesses=guesses)
    clients: list[TestClient] = []

    def new() -> Person:
        client = TestClient(app, base_url=BASE)
        clients.append(client)
        return Person(client)

    yield new
    for client in clients:
        client.close()
