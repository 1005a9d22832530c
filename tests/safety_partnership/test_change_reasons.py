"""The reason a history entry gives is kept whole, whatever its length, on PostgreSQL as on
SQLite: revising a document with a long title and returning a document with a long comment
work, and the history page says what happened, word for word."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from tests.safety_partnership.signing_helpers import sign_on_paper

SENTENCE = "Löfte 3 behöver en tidplan och en ansvarig person hos kommunen. "
# 1,200 characters: within the return form's 2,000, far beyond the old 100 of the column.
LONG_COMMENT = (SENTENCE * 20)[:1199] + "."


def history_page(client, document) -> str:
    response = client.get(document.history_url)
    assert response.status_code == 200
    return response.text


@pytest.mark.django_db
def test_revising_the_seed_agreement_gives_a_draft_whose_history_says_where_it_came_from(
    client, coordinator
):
    agreement = Agreement.objects.get()
    assert len(agreement.title) > 100
    client.force_login(coordinator)

    response = client.post(reverse("signing:revise", args=["overenskommelse", agreement.pk]))

    revision = Agreement.objects.get(revision_of=agreement)
    assert response.status_code == 302 and response["Location"] == revision.get_absolute_url()
    reason = revision.history.earliest().history_change_reason
    assert reason == f"Skapad utifrån {agreement.title}"
    assert reason in history_page(client, revision)


@pytest.mark.django_db
def test_revising_a_plan_with_a_title_of_250_characters_keeps_the_whole_reason(
    client, coordinator, draft_plan
):
    draft_plan.title = ("Handlingsplan för ett tryggare Mjölby, " * 7)[:249] + "!"
    draft_plan.save()
    sign_on_paper(draft_plan)
    client.force_login(coordinator)

    response = client.post(reverse("signing:revise", args=["handlingsplan", draft_plan.pk]))

    revision = type(draft_plan).objects.get(revision_of=draft_plan)
    assert response.status_code == 302
    reason = revision.history.earliest().history_change_reason
    assert len(reason) == len("Skapad utifrån ") + 250
    assert reason == f"Skapad utifrån {draft_plan.title}"
    assert reason in history_page(client, revision)


@pytest.mark.django_db
def test_a_return_comment_of_1200_characters_is_kept_whole_in_the_history(client, awaiting, people):
    coordinator, police_chief, _chair = people
    assert len(LONG_COMMENT) == 1200
    client.force_login(police_chief)

    response = client.post(
        reverse("signing:return", args=["medborgarlofte", awaiting.pk]),
        {"comment": LONG_COMMENT},
        follow=True,
    )

    awaiting.refresh_from_db()
    assert response.status_code == 200 and awaiting.status == "draft"
    assert LONG_COMMENT in response.text
    reason = awaiting.history.latest().history_change_reason
    assert reason == f"Återsänd: {LONG_COMMENT}"
    client.force_login(coordinator)
    assert f"Anledning: Återsänd: {LONG_COMMENT}" in history_page(client, awaiting)
