"""Fixtures of the signing tests (test_signing_*): the people who sign and a pledge to sign."""

from datetime import date

import pytest
from django.core import mail

from pledges.models import Pledge
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from tests.safety_partnership.signing_helpers import TITLE_2019

# The helper modules that assert, so that a failure there is reported as in a test module.
pytest.register_assert_rewrite(
    "tests.safety_partnership.council_helpers", "tests.safety_partnership.migration_checks"
)


@pytest.fixture
def people(coordinator, police_chief, chair):
    """The coordinator and both signatories, with the e-mail addresses they are reached at."""
    for user, address in [
        (coordinator, "roger.max@mjolby.se"),
        (police_chief, "hanna.sjogren@polisen.se"),
        (chair, "cecilia.burenby@mjolby.se"),
    ]:
        user.email = address
        user.save()
    return coordinator, police_chief, chair


@pytest.fixture
def draft(mjolby) -> Pledge:
    """Next year's pledge, copied from the signed 2018 pledge."""
    return copy_document(
        original=Pledge.objects.get(),
        title=TITLE_2019,
        period_start=date(2019, 1, 1),
        period_end=date(2019, 12, 31),
    )


@pytest.fixture
def awaiting(draft, people) -> Pledge:
    coordinator, police_chief, chair = people
    signing.send_for_signing(
        document=draft, user=coordinator, signatories=[police_chief.person, chair.person]
    )
    mail.outbox.clear()
    draft.refresh_from_db()
    return draft
