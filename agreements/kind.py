"""The cooperation agreement as a kind of document: what the register's shared code needs."""

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safety_partnership.access import get_partnership_for_user
from safety_partnership.history import Noun, Part, register_noun
from safety_partnership.kinds import DocumentKind, Task
from safety_partnership.models import DocumentStatus

from .access import get_agreement_for_user
from .forms import AgreementForm
from .models import Agreement, LeadershipMeeting

register_noun(
    LeadershipMeeting, Noun("ett", gettext_lazy("ledningsmöte"), gettext_lazy("ledningsmötet"))
)


def history_parts(agreement: Agreement) -> list[Part]:
    return [
        Part(
            LeadershipMeeting,
            LeadershipMeeting.history.filter(agreement_id=agreement.pk),
            lambda r: date_format(r.held_on, "j F Y"),
        )
    ]


def as_of_context(agreement: Agreement, then: Agreement, moment) -> dict:
    meetings = LeadershipMeeting.history.as_of(moment).filter(agreement_id=agreement.pk)
    return {"agreement": then, "meetings": list(meetings.order_by("held_on"))}


def due(partnership, agreements: list[Agreement], today: date) -> list[Task]:
    """The leadership meets at least once a calendar year while the agreement runs."""
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
    if current and not any(m.held_on.year == today.year for m in current.meetings.all()):
        return [
            Task(
                _("Årets ledningsmöte (minst %(n)s per kalenderår) är inte registrerat")
                % {"n": current.leadership_meetings_per_year},
                current,
            )
        ]
    return []


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
    as_of_context=as_of_context,
    history_parts=history_parts,
    due=due,
    dashboard_prefetch=("meetings",),
    create_links=lambda partnership, documents: [
        (_("Ny samverkansöverenskommelse"), reverse("agreements:create", args=[partnership.pk]))
    ],
)
