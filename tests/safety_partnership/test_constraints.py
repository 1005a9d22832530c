"""The database refuses what the domain forbids, whatever path the write takes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from actionplans.models import FocusArea, Measure
from agreements.models import Agreement
from safety_partnership.models import CouncilCase, Person, Role, Signature
from tests.conftest import make_partnership


def agreement(partnership, **fields) -> Agreement:
    values = {"title": "Överenskommelse", "period_start": date(2019, 1, 1)} | fields
    return Agreement(partnership=partnership, **values)


@pytest.mark.django_db
def test_a_period_that_ends_before_it_starts_is_refused():
    doc = agreement(
        make_partnership(), period_start=date(2019, 1, 1), period_end=date(2018, 12, 31)
    )
    # The session's Mjölby seed holds an agreement of its own.
    stored = Agreement.objects.count()

    with pytest.raises(ValidationError, match="Perioden måste sluta efter att den börjar"):
        doc.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        doc.save()
    assert Agreement.objects.count() == stored


@pytest.mark.django_db
def test_an_agreement_may_run_until_further_notice():
    doc = agreement(make_partnership(), period_end=None)
    doc.full_clean()
    doc.save()

    assert doc.period == "från 1 januari 2019, tills vidare"


@pytest.mark.django_db
def test_a_diary_number_is_unique_per_organisation(mjolby):
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilCase.objects.create(
            municipality=mjolby.municipality, diary_number="KS/2017:359", title="Dubblett"
        )
    # The same number at another municipality is its own case.
    other = make_partnership(mjolby.police_area)
    CouncilCase.objects.create(
        municipality=other.municipality, diary_number="KS/2017:359", title="Annan kommun"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement(mjolby, diary_number="2016:4").save()


@pytest.mark.django_db
def test_positions_are_unique_within_their_parent(draft_plan):
    plan = draft_plan
    with pytest.raises(IntegrityError), transaction.atomic():
        FocusArea.objects.create(plan=plan, position=1, title="Ännu ett första område")
    area = plan.focus_areas.get(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(focus_area=area, position=1, description="x", responsible="police")


@pytest.mark.django_db
def test_another_actor_must_be_named(draft_plan):
    area = FocusArea.objects.get(plan=draft_plan, title="Trafikmiljön")
    measure = Measure(
        focus_area=area, position=9, description="Hastighetsdisplay", responsible="other"
    )

    with pytest.raises(ValidationError, match="Ange vilken annan aktör"):
        measure.full_clean()
    measure.other_parties = "Trafikverket"
    measure.full_clean()
    measure.save()
    assert measure.responsible_label == "Trafikverket"


@pytest.mark.django_db
def test_a_police_signatory_belongs_to_a_police_area(mjolby):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            name="Utan område", role=Role.POLICE_SIGNATORY, municipality=mjolby.municipality
        )


@pytest.mark.django_db
def test_the_signatures_history_is_indexed_by_document():
    """A document's signatures as they were are found without reading every signature's
    history: the 290 municipalities' signatures hold thousands of rows."""
    table = Signature.history.model._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    indexed = [c["columns"] for c in constraints.values() if c["index"]]
    assert ["content_type_id", "object_id"] in indexed
