"""The parties' signatures of kept follow-up reports, where the partnership signs its reports
(Partnership.signs_followup_reports): a finalised annual follow-up, a finalised pledge report
and a compiled tertial. The partnership's signatories (the police area chief and the
municipality's signatory, as for its documents) sign once each with their password; each
signature keeps the name and title as printed and a SHA-256 of the report as it was signed.

Follow-up reports are not Documents: they are signed here, not in safety_partnership.signing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pledges.models import Pledge, PledgeReport, PromiseReport, TargetReport
from safety_partnership.access import active_person
from safety_partnership.models import Partnership, Person
from safety_partnership.observability import signing_refusals_logged
from safety_partnership.signing.confirmation import (
    confirm,
    confirmed_device,
    needs_second_factor,
)
from safety_partnership.signing.services import is_proposed_signatory, proposed_signatories

from .models import AnnualFollowUp, AreaAssessment, MeasureReport, ReportSignature
from .models import TertialCompilation as Compilation
from .tertials import Tertial

Report = AnnualFollowUp | PledgeReport | Compilation

# The address's short name of each kind of report (POST /uppfoljning/underteckna/<kind>/<pk>/).
KINDS: dict[str, type[models.Model]] = {
    "arsuppfoljning": AnnualFollowUp,
    "loftesrapport": PledgeReport,
    "tertial": Compilation,
}
SLUG_OF = {model: slug for slug, model in KINDS.items()}


def document_of(report: Report) -> Pledge | models.Model:
    """The plan or pledge the report follows up: its partnership and signatories are its."""
    if isinstance(report, PledgeReport):
        return report.pledge
    return report.plan


def partnership_of(report: Report) -> Partnership:
    return document_of(report).partnership  # type: ignore[attr-defined]


def is_kept(report: Report) -> bool:
    """Only what is finalised or compiled is signed: it no longer changes."""
    if isinstance(report, Compilation):
        return report.pk is not None
    return report.finalised_on is not None


def signs(report: Report | None) -> bool:
    return report is not None and partnership_of(report).signs_followup_reports


def rows_of(report: Report) -> list[models.Model]:
    """The rows printed in the report, in a fixed order."""
    if isinstance(report, AnnualFollowUp):
        return list(AreaAssessment.objects.filter(annual=report).order_by("pk"))
    if isinstance(report, PledgeReport):
        return [
            *PromiseReport.objects.filter(report=report).order_by("pk"),
            *TargetReport.objects.filter(report=report).order_by("pk"),
        ]
    # A compiled tertial: its reports, corrections made after compiling included.
    return list(
        MeasureReport.objects.filter(
            measure__focus_area__plan=report.plan_id, year=report.year, tertial=report.tertial
        ).order_by("pk")
    )


# Recorded after finalising without changing what was reported (the revision it led to).
NOT_CONTENT = {"revision"}


def fields_of(record: models.Model) -> dict[str, str | None]:
    return {
        f.attname: f.value_to_string(record)
        for f in record._meta.concrete_fields
        if f.name not in NOT_CONTENT
    }


def canonical_content(report: Report) -> bytes:
    """The report's fields and rows as deterministic JSON: the bytes that are signed."""
    tree = {
        "kind": SLUG_OF[type(report)],
        "report": fields_of(report),
        "rows": [{"model": r._meta.label_lower, **fields_of(r)} for r in rows_of(report)],
    }
    return json.dumps(tree, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_hash(report: Report) -> str:
    return hashlib.sha256(canonical_content(report)).hexdigest()


def signatures_of(report: Report) -> models.QuerySet[ReportSignature]:
    content_type = ContentType.objects.get_for_model(report)
    return ReportSignature.objects.filter(content_type=content_type, object_id=report.pk)


def page_of(report: Report) -> str:
    if isinstance(report, AnnualFollowUp):
        return reverse("followup:annual", args=[report.plan_id, report.year])
    if isinstance(report, PledgeReport):
        from pledges.reports import SLUGS  # pledges.reports imports followup.views, this

        return reverse("pledges:report", args=[report.pledge_id, SLUGS[report.kind]])
    tertial = Tertial(report.year, report.tertial)
    return reverse("followup:tertial", args=[report.plan_id, tertial.slug])


@dataclass
class Line:
    """A signatory as the page and the PDF show her: signed (signature) or not yet."""

    person: Person
    signature: ReportSignature | None


@dataclass
class Signing:
    report: Report
    kind: str
    lines: list[Line]
    may_sign: bool  # the user is a signatory who has not signed
    needs_code: bool  # she confirms with her authenticator app's code too (confirmation.py)
    without_app: bool  # ... and has not connected one yet
    complete: bool
    matches: bool  # the report still says what was signed (a later correction of a tertial)


def signing_of(report: Report | None, user=None, of=None) -> Signing | None:
    """What the 'Underskrifter' section and the PDF show; None where nothing is signed.
    of: the plan or pledge the page has loaded already (its partnership too), so that
    asking costs no more queries."""
    if report is not None and of is not None:
        setattr(report, "pledge" if isinstance(report, PledgeReport) else "plan", of)
    if report is None or not signs(report) or not is_kept(report):
        return None
    signatories = list(proposed_signatories(document_of(report)))  # type: ignore[arg-type]
    made = {s.person_id: s for s in signatures_of(report)}
    lines = [Line(p, made.get(p.pk)) for p in signatories]
    # Someone who signed and is no longer a signatory (a new chair) is still shown.
    listed = {p.pk for p in signatories}
    lines += [Line(s.person, s) for s in made.values() if s.person_id not in listed]
    person = active_person(user) if user is not None else None
    current = content_hash(report) if made else ""
    may_sign = person is not None and person.pk in listed and person.pk not in made
    needs_code = may_sign and needs_second_factor(user)
    return Signing(
        report=report,
        kind=SLUG_OF[type(report)],
        lines=lines,
        may_sign=may_sign,
        needs_code=needs_code,
        without_app=needs_code and confirmed_device(user) is None,
        complete=bool(signatories) and all(p.pk in made for p in signatories),
        matches=all(s.content_hash == current for s in made.values()),
    )


def sign(report: Report, user, password: str, code: str = "") -> ReportSignature:
    """The user signs the kept report, confirming with her password (and her authenticator
    app's code where her organisation asks for one). PermissionDenied for anyone who is not
    one of its signatories; ValidationError for a wrong password or code, or while locked.
    A refusal is logged (register.signing)."""
    with signing_refusals_logged(report, user):
        return _sign(report, user, password, code)


def _sign(report: Report, user, password: str, code: str) -> ReportSignature:
    if not signs(report) or not is_kept(report):
        raise PermissionDenied(_("Rapporten skrivs inte under."))
    person = active_person(user)
    signatories = proposed_signatories(document_of(report))  # type: ignore[arg-type]
    if person is None or not signatories.filter(pk=person.pk).exists():
        raise PermissionDenied(_("Bara samverkansparternas undertecknare skriver under rapporten."))
    confirm(user, password, code)
    if signatures_of(report).filter(person=person).exists():
        raise PermissionDenied(_("Du har redan skrivit under rapporten."))
    try:
        with transaction.atomic():
            return ReportSignature.objects.create(
                content_type=ContentType.objects.get_for_model(report),
                object_id=report.pk,
                person=person,
                name=person.name,
                title=person.title,
                signed_at=timezone.now(),
                content_hash=content_hash(report),
            )
    except IntegrityError:  # the same signatory twice at once: the first one counts
        raise PermissionDenied(_("Du har redan skrivit under rapporten.")) from None


# A report kept longer ago than this is no longer put before its signatories on the dashboard
# (a partnership that starts signing its reports is not handed years of old ones).
AWAITING_FOR = timedelta(days=365)


def label_of(report: Report) -> str:
    """'Årsuppföljning 2018 av Handlingsplan för 2018-2020', for a list of things to do."""
    if isinstance(report, AnnualFollowUp):
        what = _("Årsuppföljning %(year)s") % {"year": report.year}
        return _("%(what)s av %(title)s") % {"what": what, "title": report.plan.title}
    if isinstance(report, PledgeReport):
        return _("%(what)s av %(title)s") % {"what": report.label, "title": report.pledge.title}
    what = _("Tertialrapport %(tertial)s") % {"tertial": Tertial(report.year, report.tertial).label}
    return _("%(what)s av %(title)s") % {"what": what, "title": report.plan.title}


def awaiting_signature(person: Person | None, partnerships: list[Partnership]) -> list[Report]:
    """The kept reports of the last year that the person, a signatory of a partnership that
    signs its reports, has not signed yet: four queries, only for such a signatory."""
    if person is None:
        return []
    ids = [
        p.pk for p in partnerships if p.signs_followup_reports and is_proposed_signatory(person, p)
    ]
    if not ids:
        return []
    since = timezone.localdate() - AWAITING_FOR
    reports: list[Report] = [
        *AnnualFollowUp.objects.filter(
            plan__partnership_id__in=ids, finalised_on__gte=since
        ).select_related("plan"),
        *PledgeReport.objects.filter(
            pledge__partnership_id__in=ids, finalised_on__gte=since
        ).select_related("pledge"),
        *Compilation.objects.filter(
            plan__partnership_id__in=ids, compiled_at__date__gte=since
        ).select_related("plan"),
    ]
    signed = set(
        ReportSignature.objects.filter(person=person).values_list("content_type_id", "object_id")
    )
    types = ContentType.objects.get_for_models(AnnualFollowUp, PledgeReport, Compilation)
    return [r for r in reports if (types[type(r)].pk, r.pk) not in signed]
