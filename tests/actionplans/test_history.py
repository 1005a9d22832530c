"""Every change is kept: who made it, why, and the whole plan as it was before."""

import pytest
from django.utils import timezone

from actionplans.models import ActionPlan, FocusArea, Measure


def measures_of(area) -> list[str]:
    return [m.description for m in area.measures.order_by("position")]


@pytest.mark.django_db
def test_a_change_in_the_admin_is_attributed_to_the_user_who_made_it(draft_plan, superuser, client):
    measure = Measure.objects.get(focus_area__plan=draft_plan, description="Se över vegetation")
    client.force_login(superuser)

    response = client.post(
        f"/admin/actionplans/measure/{measure.pk}/change/",
        {
            "focus_area": measure.focus_area_id,
            "position": measure.position,
            "description": "Se över vegetation längs gång- och cykelvägar",
            "responsible": "municipality",
            "other_parties": "",
            "responsible_note": "",
        },
    )

    assert response.status_code == 302
    latest = measure.history.latest()
    assert latest.history_user == superuser
    assert latest.history_type == "~"
    assert latest.prev_record.description == "Se över vegetation"


@pytest.mark.django_db
def test_a_change_reason_is_kept_with_the_change(draft_plan):
    measure = Measure.objects.get(focus_area__plan=draft_plan, description="Nätverksarbete")
    measure.description = "Nätverksarbete med föreningslivet"
    measure._change_reason = "Justerat efter tertialuppföljningen"
    measure.save()

    assert measure.history.latest().history_change_reason == "Justerat efter tertialuppföljningen"


@pytest.mark.django_db
def test_the_plan_is_reconstructed_as_it_was_before_a_measure_changed(draft_plan):
    plan = draft_plan
    area = FocusArea.objects.get(plan=plan, title="Otrygghetsfaktorer i boendemiljön")
    as_loaded = measures_of(area)
    before = timezone.now()

    changed = area.measures.get(position=1)
    changed.description = "Se över vegetation vid resecentrum"
    changed.save()
    area.measures.get(position=4).delete()
    area.title = "Otrygghet i boendemiljön"
    area.save()

    then = plan.history.as_of(before)
    old_areas = list(then.focus_areas.order_by("position"))
    assert [a.title for a in old_areas][:2] == ["Trafikmiljön", "Otrygghetsfaktorer i boendemiljön"]
    assert measures_of(old_areas[1]) == as_loaded
    assert measures_of(old_areas[1])[0] == "Se över vegetation"
    # And the present is the changed plan.
    assert measures_of(area) == [
        "Se över vegetation vid resecentrum",
        "Kontinuerlig översyn av belysning",
        "Genomföra, följa upp samt återkoppla resultat från trygghetsvandringar",
    ]


@pytest.mark.django_db
def test_the_loaded_seed_has_a_starting_point_in_its_history(mjolby):
    plan = ActionPlan.objects.get()

    first = plan.history.earliest()
    assert first.history_type == "+"
    assert first.history_change_reason == "Inläst från registrets grunddata"
    assert Measure.history.filter(history_type="+").count() == Measure.objects.count()
