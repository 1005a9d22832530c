"""Pledges of one partnership do not overlap, unless one revises the other."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pledges.models import Pledge
from safety_partnership.models import DocumentStatus
from tests.conftest import make_partnership, year


def pledge(partnership, period, **fields) -> Pledge:
    start, end = period
    return Pledge(
        partnership=partnership,
        title="Medborgarlöfte",
        period_start=start,
        period_end=end,
        **fields,
    )


@pytest.mark.django_db
def test_a_second_pledge_overlapping_the_first_is_refused(mjolby):
    mid_year = pledge(mjolby, (date(2018, 7, 1), date(2019, 6, 30)))

    with pytest.raises(ValidationError, match="överlappar medborgarlöftet"):
        mid_year.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        mid_year.save()
    assert Pledge.objects.filter(partnership=mjolby).count() == 1


@pytest.mark.django_db
def test_the_next_year_and_other_partnerships_are_free(mjolby):
    following = pledge(mjolby, year(2019))
    following.full_clean()
    following.save()
    elsewhere = pledge(make_partnership(mjolby.police_area), year(2018))
    elsewhere.save()

    assert Pledge.objects.count() == 3


@pytest.mark.django_db
def test_an_extension_counts_as_part_of_the_period(mjolby):
    draft_2019 = pledge(mjolby, year(2019), extended_to=date(2020, 12, 31))
    draft_2019.full_clean()
    draft_2019.save()

    assert draft_2019.extension_label == "Förlängning föreslagen till och med 31 december 2020"
    with pytest.raises(IntegrityError), transaction.atomic():
        pledge(mjolby, year(2020)).save()


@pytest.mark.django_db
def test_an_extension_must_end_after_the_period(mjolby):
    pledge_2018 = Pledge.objects.get(partnership=mjolby)
    pledge_2018.extended_to = date(2018, 6, 30)

    with pytest.raises(ValidationError, match="förlängning måste sluta efter"):
        pledge_2018.full_clean()


@pytest.mark.django_db
def test_a_revision_may_overlap_the_pledge_it_revises(mjolby):
    signed = Pledge.objects.get(partnership=mjolby)
    revision = pledge(mjolby, year(2018), revision=2, revision_of=signed)
    revision.full_clean()
    revision.save()

    signed.status = DocumentStatus.SUPERSEDED
    signed.save()
    assert Pledge.objects.filter(partnership=mjolby).count() == 2
