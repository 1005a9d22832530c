"""The pledges of the Mjölby seed that the pledge tests read and edit."""

from datetime import date

import pytest

from pledges.models import Pledge
from safety_partnership.services import copy_document


@pytest.fixture
def pledge(mjolby) -> Pledge:
    """The signed 2018 pledge of the seed."""
    return Pledge.objects.get(partnership=mjolby)


@pytest.fixture
def draft(pledge) -> Pledge:
    """A 2019 draft started from the signed 2018 pledge, so that it may be edited."""
    return copy_document(
        original=pledge,
        title="Medborgarlöfte i Mjölby Kommun 2019",
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )
