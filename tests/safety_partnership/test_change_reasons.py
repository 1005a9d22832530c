"""The reason a history entry gives is cut to its column, never a server error: revising the
seed agreement (a 104-character title) and returning a document with a long comment work on
PostgreSQL as on SQLite, and the history says what happened."""

import pytest
from django.urls import reverse

from agreements.models import Agreement

LONG_COMMENT = "Löfte 3 behöver en tidplan och en ansvarig person hos kommunen. " * 2


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
    assert len(reason) == 100 and reason.endswith("…")
    assert reason.startswith("Skapad utifrån Samverkansöverenskommelse för trygghetsskapande")


@pytest.mark.django_db
def test_a_long_return_comment_is_kept_whole_in_the_signing_record(client, awaiting, people):
    _coordinator, police_chief, _chair = people
    client.force_login(police_chief)

    response = client.post(
        reverse("signing:return", args=["medborgarlofte", awaiting.pk]),
        {"comment": LONG_COMMENT},
        follow=True,
    )

    awaiting.refresh_from_db()
    assert response.status_code == 200 and awaiting.status == "draft"
    assert LONG_COMMENT.strip().splitlines()[0][:60] in response.text
    reason = awaiting.history.latest().history_change_reason
    assert reason.startswith("Återsänd: Löfte 3 behöver en tidplan") and len(reason) <= 100
