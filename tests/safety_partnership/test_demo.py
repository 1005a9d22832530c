"""`manage.py demo` loads Mjölby and the demo logins, and can run twice.

The suite loads the seed once per session; these tests start from an empty
register, as `make run` does on a new database.
"""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from actionplans.models import Measure
from safety_partnership.models import Person


@pytest.mark.django_db
def test_demo_creates_the_logins_with_the_documented_password(empty_register):
    call_command("demo")

    for username in ["samordnare", "polischef", "ordforande", "registrator", "admin"]:
        assert authenticate(username=username, password="mjolby-demo") is not None
    assert get_user_model().objects.get(username="admin").is_superuser
    assert Person.objects.get(user__username="samordnare").name == "Roger Max"
    assert Person.objects.get(user__username="polischef").name == "Hanna Sjögren"
    assert Person.objects.get(user__username="ordforande").name == "Cecilia W Burenby"
    assert (
        Person.objects.get(user__username="registrator")
        .get_role_display()
        .startswith("Registrator")
    )


@pytest.mark.django_db
def test_demo_twice_creates_no_duplicates_and_keeps_the_logins_linked(empty_register):
    call_command("demo")
    counts = (Person.objects.count(), Measure.objects.count(), Person.history.count())

    call_command("demo")

    assert (Person.objects.count(), Measure.objects.count(), Person.history.count()) == counts
    assert get_user_model().objects.count() == 5
    assert Person.objects.get(name="Roger Max").user.username == "samordnare"


def test_no_migration_creates_users():
    """Demo logins come only from the demo command, never from migrations."""
    from pathlib import Path

    for migration in Path(__file__).resolve().parents[2].glob("*/migrations/*.py"):
        text = migration.read_text()
        assert "create_user" not in text and "create_superuser" not in text, migration
