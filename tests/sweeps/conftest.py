import pytest

from tests.sweeps.world import world_build


@pytest.fixture
def world(db):
    """The demo data with organization A's objects of every kind and the cast (tests/sweeps/world.py)."""
    return world_build()
