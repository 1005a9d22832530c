"""The cooperation agreement as a kind of document: what the register's shared code needs."""

from datetime import date

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safety_partnership.access import get_partnership_for_user
from safety_partnership.history import Noun, Part, register_noun
from safety_partnership.kinds import DocumentKind, Task
from safety_partnership.models import DocumentStatus
from safety_partnership.services import copy_rows

from .access import get_agreement_for_user
from .forms import AgreementForm
from .models import Agreement, AgreementGoal, Commitment, GoalKind, LeadershipMeeting


def commitments_by_party(commitments) -> list[tuple[str, list]]:
    """[(party, [commitment, …]), …]: each party's commitments under it, the parties in the
    order their first commitment comes."""
    groups: dict[str, list] = {}
    for commitment in commitments:
        groups.setdefault(commitment.party_label, []).append(commitment)
    return list(groups.items())


def rows_context(goals, commitments) -> dict:
    """The agreement's goals (overall, sub) and commitments (by party), each list in order.
    Without rows, the page and the PDF print the text fields instead (the seed's form)."""
    goals = list(goals)
    return {
        "overall_goals": [g for g in goals if g.kind == GoalKind.OVERALL],
        "sub_goal_rows": [g for g in goals if g.kind == GoalKind.SUB],
        "commitments_by_party": commitments_by_party(commitments),
    }


def agreement_rows(agreement: Agreement) -> dict:
    return rows_context(
        agreement.goals.order_by("position"), agreement.commitment_rows.order_by("position")
    )


def copy_agreement_rows(original: Agreement, copy: Agreement) -> None:
    copy_rows(rows=original.goals.order_by("position"), agreement_id=copy.pk)
    copy_rows(rows=original.commitment_rows.order_by("position"), agreement_id=copy.pk)


register_noun(
    LeadershipMeeting, Noun("ett", gettext_lazy("ledningsmöte"), gettext_lazy("ledningsmötet"))
)
register_noun(AgreementGoal, Noun("ett", gettext_lazy("mål"), gettext_lazy("målet")))
register_noun(Commitment, Noun("ett", gettext_lazy("åtagande"), gettext_lazy("åtagandet")))


def history_parts(agreement: Agreement) -> list[Part]:
    return [
        Part(
            AgreementGoal,
            AgreementGoal.history.filter(agreement_id=agreement.pk),
            lambda r: (
                _("%(kind)s: %(text)s")
                % {"kind": r.get_kind_display(), "text": Truncator(r.text).words(8)}
            ),
        ),
        Part(
            Commitment,
            Commitment.history.filter(agreement_id=agreement.pk),
            lambda r: (
                _("Åtagande (%(party)s): %(text)s")
                % {
                    "party": r.party_name or r.get_party_display(),
                    "text": Truncator(r.text).words(8),
                }
            ),
        ),
        Part(
            LeadershipMeeting,
            LeadershipMeeting.history.filter(agreement_id=agreement.pk),
            lambda r: date_format(r.held_on, "j F Y"),
        ),
    ]


# A meeting's history record's links, as django-simple-history keeps them (m2m_fields).
PLANS_THEN = "historicalleadershipmeeting_followed_up_plans_set"
PLEDGES_THEN = "historicalleadershipmeeting_followed_up_pledges_set"


def with_followed_up(meetings: list[LeadershipMeeting]) -> list[LeadershipMeeting]:
    """Each meeting with .followed_up: the plans, then the pledges, it followed up. A meeting
    as it was (from its history record) lists those of that record, not today's."""
    records = [m._history for m in meetings if hasattr(m, "_history")]
    if records:
        prefetch_related_objects(
            records,
            f"{PLANS_THEN}__actionplan",
            f"{PLEDGES_THEN}__pledge",
        )
    else:
        prefetch_related_objects(meetings, "followed_up_plans", "followed_up_pledges")
    for meeting in meetings:
        if (record := getattr(meeting, "_history", None)) is not None:
            meeting.followed_up = [
                *(link.actionplan for link in getattr(record, PLANS_THEN).all()),
                *(link.pledge for link in getattr(record, PLEDGES_THEN).all()),
            ]
        else:
            meeting.followed_up = [
                *meeting.followed_up_plans.all(),
                *meeting.followed_up_pledges.all(),
            ]
    return meetings


def as_of_context(agreement: Agreement, then: Agreement, moment) -> dict:
    meetings = LeadershipMeeting.history.as_of(moment).filter(agreement_id=agreement.pk)
    goals = AgreementGoal.history.as_of(moment).filter(agreement_id=agreement.pk)
    commitments = Commitment.history.as_of(moment).filter(agreement_id=agreement.pk)
    return {
        "agreement": then,
        "meetings": with_followed_up(list(meetings.order_by("held_on"))),
        **rows_context(goals.order_by("position"), commitments.order_by("position")),
    }


# From this day of the year, a year with too few leadership meetings is flagged: late enough
# not to nag in spring, early enough to book a meeting before the year ends.
MEETINGS_FLAGGED_FROM = (10, 1)


def due(partnership, agreements: list[Agreement], today: date) -> list[Task]:
    """The leadership meets at least n times a calendar year while the agreement runs; from
    1 October a year with fewer meetings is flagged."""
    if today < date(today.year, *MEETINGS_FLAGGED_FROM):
        return []
    current = next(
        (
            a
            for a in agreements
            if a.is_signed
            and a.status != DocumentStatus.SUPERSEDED
            and a.period_start <= today
            and (a.period_end is None or today <= a.period_end)
        ),
        None,
    )
    if current is None:
        return []
    held = sum(m.held_on.year == today.year for m in current.meetings.all())
    wanted = current.leadership_meetings_per_year
    if held >= wanted:
        return []
    if held == 0:
        message = _(
            "Inget ledningsmöte är registrerat för %(year)s. Överenskommelsen kräver minst "
            "%(n)s per kalenderår."
        )
    else:
        message = _(
            "%(held)s av %(n)s ledningsmöten är registrerade för %(year)s. Överenskommelsen "
            "kräver minst %(n)s per kalenderår."
        )
    return [Task(message % {"year": today.year, "held": held, "n": wanted}, current)]


KIND = DocumentKind(
    model=Agreement,
    slug="overenskommelse",
    singular=gettext_lazy("samverkansöverenskommelse"),
    definite=gettext_lazy("överenskommelsen"),
    plural=gettext_lazy("samverkansöverenskommelser"),
    namespace="agreements",
    urls="agreements.urls",
    url_prefix="overenskommelser",
    get_for_user=get_agreement_for_user,
    partnership_path="partnership",
    parent_field="partnership",
    parent_for_user=get_partnership_for_user,
    form=AgreementForm,
    form_template="agreements/agreement_form.html",
    new_label=gettext_lazy("Ny samverkansöverenskommelse"),
    created_message=gettext_lazy("Överenskommelsen är skapad."),
    detail_template="agreements/agreement_detail.html",
    pdf_template="pdf/agreement.html",
    pdf_context=agreement_rows,
    copy_rows=copy_agreement_rows,
    # Goals and commitments are in the agreement's history; the dashboard's recent changes
    # keep to a query or so per kind of document (tests/safety_partnership/test_query_counts).
    as_of_context=as_of_context,
    history_parts=history_parts,
    due=due,
    dashboard_prefetch=("meetings",),
    create_links=lambda partnership, documents: [
        (_("Ny samverkansöverenskommelse"), reverse("agreements:create", args=[partnership.pk]))
    ],
)
