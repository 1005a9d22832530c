"""Shared by the test_frozen_* modules: the signed plan and pledge of the Mjölby seed, their
rows, and the state of the register that every refused write must leave as it was.

Frozen means frozen: once signed, a plan or pledge and its rows change by no path. On the
Mjölby seed the 2018–2020 plan and the 2018 pledge are signed.
"""

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import CitizenDialogue, Pledge, PledgeDialogue, Promise
from safety_partnership.models import Signature

CONTENT = [
    Agreement,
    ActionPlan,
    FocusArea,
    Measure,
    Pledge,
    Promise,
    PledgeDialogue,
    CitizenDialogue,
    Signature,
]
# The Python guards refuse first where they can (FrozenDocument); a write that reaches the
# database first is refused by a trigger, on SQLite and PostgreSQL alike.
REFUSED = (PermissionDenied, DatabaseError)


def register_state() -> dict:
    """Every row of every signed-content model, and how long each one's history is."""
    return {
        model._meta.label: (
            list(model._base_manager.order_by("pk").values()),
            model.history.count(),
        )
        for model in CONTENT
    }


def signed_plan() -> ActionPlan:
    return ActionPlan.objects.get(status="signed")


def signed_pledge() -> Pledge:
    return Pledge.objects.get(status="signed")


def tillgrepp(plan: ActionPlan) -> FocusArea:
    return plan.focus_areas.get(title="Tillgreppsbrott")


def first_measure(plan: ActionPlan) -> Measure:
    return tillgrepp(plan).measures.order_by("position").first()


def first_promise(pledge: Pledge) -> Promise:
    return pledge.promises.order_by("position").first()


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def history_ids() -> dict:
    """The id of every history record of the signed plan, pledge and their rows."""
    plan, pledge = signed_plan(), signed_pledge()
    areas = list(plan.focus_areas.values_list("pk", flat=True))
    records = [
        ActionPlan.history.filter(id=plan.pk),
        FocusArea.history.filter(plan_id=plan.pk),
        Measure.history.filter(focus_area_id__in=areas),
        Pledge.history.filter(id=pledge.pk),
        Promise.history.filter(pledge_id=pledge.pk),
        Signature.history.filter(
            id__in=[s.pk for s in [*plan.signatures.all(), *pledge.signatures.all()]]
        ),
    ]
    return {qs.model.__name__: sorted(qs.values_list("history_id", flat=True)) for qs in records}


# The pk of each signed object that the views' addresses and the raw SQL refer to.
TARGETS = {
    "plan": lambda: signed_plan().pk,
    "area": lambda: tillgrepp(signed_plan()).pk,
    "measure": lambda: first_measure(signed_plan()).pk,
    "pledge": lambda: signed_pledge().pk,
    "promise": lambda: first_promise(signed_pledge()).pk,
    "link": lambda: signed_pledge().dialogue_links.order_by("pk").first().pk,
    "dialogue": lambda: signed_pledge().dialogues.order_by("pk").first().pk,
    "signature": lambda: signed_pledge().signatures.order_by("position").first().pk,
}
