"""The register the access matrix visits, and the forms its POSTs send.

Of each kind of document there is a draft, one awaiting signatures and a signed one;
rows of the draft and of the document awaiting signatures; a council case with
paragraphs and a memo, and an empty one that may be deleted.
"""

from datetime import date

from django.db.models import Model, QuerySet

from actionplans.forms import FocusAreaForm, MeasureForm, PlanForm
from actionplans.models import ActionPlan, Measure
from agreements.forms import AgreementForm, CommitmentForm, GoalForm, LeadershipMeetingForm
from agreements.models import Agreement, LeadershipMeeting
from followup.models import AnnualFollowUp, AreaAssessment, MeasureReport
from pledges.forms import DialogueForm, PledgeForm, PromiseForm, PromisePointForm, TargetForm
from pledges.models import (
    CitizenDialogue,
    Pledge,
    PledgeReport,
    PromisePoint,
    PromiseReport,
    ReportKind,
    Target,
)
from safety_partnership.concurrency import latest_version
from safety_partnership.council.forms import (
    AdjustmentForm,
    CaseForm,
    MemoForm,
    ParagraphForm,
    RecipientForm,
)
from safety_partnership.models import (
    CouncilCase,
    CoverMemo,
    MinutesParagraph,
    Municipality,
    Person,
    ReviewMark,
)
from safety_partnership.services import copy_document
from safety_partnership.setup.forms import (
    MunicipalityForm,
    PartnershipForm,
    PersonForm,
    PoliceAreaForm,
)
from safety_partnership.signing.services import Scan, record_paper_signatures, send_for_signing

PASSWORD = "secret-pass-1"  # every test user's (conftest.make_user)


def awaiting(document, signatories: list[Person]):
    send_for_signing(document=document, user=None, signatories=signatories)
    document.refresh_from_db()
    return document


def marks_of(document) -> QuerySet:
    return ReviewMark.objects.filter(document_id=document.pk, document_type__model="actionplan")


def build_register(partnership, draft_plan: ActionPlan) -> dict[str, Model]:
    signatories = [
        Person.objects.get(name="Hanna Sjögren"),
        Person.objects.get(name="Cecilia W Burenby"),
    ]
    agreement = Agreement.objects.get()
    signed_plan = ActionPlan.objects.get(status="signed")
    signed_pledge = Pledge.objects.get()
    awaiting_plan = awaiting(
        copy_document(
            original=signed_plan,
            title="Handlingsplan för 2024-2026",
            period_start=date(2024, 1, 1),
            period_end=date(2026, 12, 31),
            agreement=agreement,
        ),
        signatories,
    )
    # 2019 stays free, so that the signed 2018 pledge may be extended or copied into it.
    draft_pledge, awaiting_pledge = (
        copy_document(
            original=signed_pledge,
            title=f"Medborgarlöfte {year}",
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
        )
        for year in (2020, 2021)
    )
    for each in (draft_pledge, awaiting_pledge):  # a point and a target, before signing
        first = each.promises.order_by("position").first()
        PromisePoint.objects.create(promise=first, position=1, text="Kvällstid")
        Target.objects.create(pledge=each, position=1, indicator="Skadegörelse", target_value=40)
    awaiting(awaiting_pledge, signatories)
    draft_agreement, awaiting_agreement = (
        Agreement.objects.create(
            partnership=partnership, title=f"Överenskommelse {year}", period_start=date(year, 1, 1)
        )
        for year in (2030, 2031)
    )
    for each in (draft_agreement, awaiting_agreement):
        each.goals.create(position=1, kind="overall", text="Ökad trygghet")
        each.commitment_rows.create(position=1, party="police", text="Medborgarlöften")
    awaiting(awaiting_agreement, signatories)
    paper_agreement = Agreement.objects.create(
        partnership=partnership, title="Överenskommelse 2032", period_start=date(2032, 1, 1)
    )
    record_paper_signatures(
        document=paper_agreement,
        user=None,
        signed_on=date(2032, 1, 10),
        place="Mjölby",
        signatories=signatories,
        scan=Scan(pdf=b"%PDF-1.4 scanned", file_name="underskrifter.pdf"),
    )
    write_reports(signed_pledge, signatories[0])
    # The partnership signs its follow-up reports: the kept ones show what to sign.
    partnership.signs_followup_reports = True
    partnership.save()
    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    adjusted_case = CouncilCase.objects.create(
        municipality=partnership.municipality, diary_number="KS/2024:8", title="Justerat ärende"
    )
    adjusted_paragraph = MinutesParagraph.objects.create(
        case=adjusted_case, body="ks", number=12, outcome="decision", decision="Antas."
    )
    adjusted_recipient = adjusted_paragraph.recipients.create(position=1, name="Akten")
    adjusted_paragraph.meeting_date = adjusted_paragraph.adjusted_on = date(2024, 2, 5)
    adjusted_paragraph.certified_on = date(2024, 2, 6)
    adjusted_paragraph.adjusters = "Mats Gerdau\nAnna Berg"
    adjusted_paragraph.certified_by = "Registrator"
    adjusted_paragraph.save()
    return {
        "partnership": partnership,
        "municipality": partnership.municipality,
        "agreement": agreement,
        "draft_agreement": draft_agreement,
        "awaiting_agreement": awaiting_agreement,
        "paper_agreement": paper_agreement,
        "draft_goal": draft_agreement.goals.get(),
        "awaiting_goal": awaiting_agreement.goals.get(),
        "draft_commitment": draft_agreement.commitment_rows.get(),
        "awaiting_commitment": awaiting_agreement.commitment_rows.get(),
        "meeting": LeadershipMeeting.objects.create(agreement=agreement, held_on=date(2016, 5, 2)),
        "signed_plan": signed_plan,
        "draft_plan": draft_plan,
        "awaiting_plan": awaiting_plan,
        "draft_area": draft_plan.focus_areas.order_by("position").first(),
        "draft_measure": draft_plan.focus_areas.order_by("position").first().measures.first(),
        "awaiting_area": awaiting_plan.focus_areas.order_by("position").first(),
        "awaiting_measure": awaiting_plan.focus_areas.order_by("position").first().measures.first(),
        "signed_pledge": signed_pledge,
        "draft_pledge": draft_pledge,
        "awaiting_pledge": awaiting_pledge,
        "draft_promise": draft_pledge.promises.order_by("position").first(),
        "awaiting_promise": awaiting_pledge.promises.order_by("position").first(),
        "draft_point": PromisePoint.objects.get(promise__pledge=draft_pledge),
        "awaiting_point": PromisePoint.objects.get(promise__pledge=awaiting_pledge),
        "draft_target": draft_pledge.targets.get(),
        "awaiting_target": awaiting_pledge.targets.get(),
        # The seed's dialogues: the signed 2018 pledge rests on them, so they stay as signed.
        "signed_dialogue": CitizenDialogue.objects.order_by("pk").first(),
        "dialogue": CitizenDialogue.objects.create(
            partnership=partnership, year=2019, town="Mantorp"
        ),
        "case": case,
        "paragraph": case.paragraphs.order_by("pk").first(),
        "paragraph_recipient": case.paragraphs.order_by("pk").first().recipients.first(),
        "memo": case.cover_memo,
        "memo_recipient": case.cover_memo.recipients.first(),
        "adjusted_case": adjusted_case,
        "adjusted_paragraph": adjusted_paragraph,
        "adjusted_recipient": adjusted_recipient,
        "empty_case": CouncilCase.objects.create(
            municipality=partnership.municipality, diary_number="KS/2024:7", title="Nytt ärende"
        ),
        # Texts of the copied plans that name a year of 2018–2020 (review.py).
        "draft_mark": marks_of(draft_plan).first(),
        "awaiting_mark": marks_of(awaiting_plan).first(),
        "chief_person": signatories[0],
        "police_area": partnership.police_area,
        "joint_measure": Measure.objects.filter(
            focus_area__plan=signed_plan, responsible="joint"
        ).first(),
        "tertial_comment": MeasureReport.objects.create(
            measure=Measure.objects.filter(focus_area__plan=signed_plan).first(),
            year=2018,
            tertial=2,
            party="municipality",
            status="ongoing",
            comment="Underrättelse från polisen",
            reported_by=signatories[1],
        ),
        "municipality_without_partnership": Municipality.objects.create(
            name="Ödeshögs kommun", code="0509"
        ),
        "uninvited_person": Person.objects.create(
            name="Nils Ny",
            role="reader",
            municipality=partnership.municipality,
            email="nils@example.se",
        ),
        "chair_person": signatories[1],
        "year_end_report": PledgeReport.objects.get(pledge=signed_pledge, kind=ReportKind.YEAR_END),
        "area_notes": area_notes(signed_plan),
        "promise_report": PromiseReport.objects.filter(
            report__pledge=signed_pledge, report__kind=ReportKind.YEAR_END
        ).first(),
        "half_year_report": PledgeReport.objects.get(
            pledge=signed_pledge, kind=ReportKind.HALF_YEAR
        ),
        # Written, not finalised: its proposal may start the plan's revision.
        "annual": AnnualFollowUp.objects.create(
            plan=signed_plan, year=2018, revision_proposal="Se över fokusområdet Trafikmiljön."
        ),
    }


def area_notes(plan: ActionPlan) -> AreaAssessment:
    """A focus area's notes in the plan's annual follow-up of 2019."""
    annual = AnnualFollowUp.objects.create(plan=plan, year=2019)
    area = plan.focus_areas.order_by("position").first()
    return AreaAssessment.objects.create(annual=annual, focus_area=area, summary="Lägesbild")


def write_reports(pledge: Pledge, person: Person) -> None:
    """The signed pledge's half-year report, written; its year-end report, finalised."""
    for kind in ReportKind:
        report = PledgeReport.objects.create(pledge=pledge, kind=kind, written_by=person)
        for promise in pledge.promises.order_by("position"):
            PromiseReport.objects.create(report=report, promise=promise, status="ongoing")
    year_end = PledgeReport.objects.get(pledge=pledge, kind=ReportKind.YEAR_END)
    year_end.finalised_on, year_end.finalised_by = date(2019, 1, 15), person
    year_end.save()


def half_year_version(pledge: Pledge) -> dict:
    """The version of the half-year report the page was opened on."""
    report = PledgeReport.objects.get(pledge=pledge, kind=ReportKind.HALF_YEAR)
    return {"version": str(report.history.order_by("-history_id").first().history_id)}


def pledge_report(pledge: Pledge) -> dict:
    data = half_year_version(pledge)
    for promise in pledge.promises.order_by("position"):
        data |= {f"lofte-{promise.pk}-status": "done", f"lofte-{promise.pk}-citizen_text": "Klart"}
    return data


# The forms' data -------------------------------------------------------------------------


def posted(form, **typed) -> dict:
    """What a browser sends back for the form as it opens, with what is typed in it."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            value = "on" if value else None
        elif isinstance(value, list | tuple | QuerySet):
            value = [str(getattr(each, "pk", each)) for each in value]
        elif isinstance(value, date):
            value = value.isoformat()
        if value is not None:
            data[form.add_prefix(name)] = value
    return {**data, **typed}


NO_DECISION_BASIS = {"underlag-TOTAL_FORMS": "0", "underlag-INITIAL_FORMS": "0"}
ROW = {"responsible": "joint", "other_parties": "", "responsible_note": ""}

# (register, the object of the URL) -> the POST's data; every one valid for an editor.
FORMS = {
    "new_agreement": lambda r, partnership: posted(
        AgreementForm(instance=Agreement(partnership=partnership)),
        title="Överenskommelse 2040",
        period_start="2040-01-01",
    ),
    "agreement": lambda r, agreement: posted(AgreementForm(instance=agreement)),
    "new_meeting": lambda r, agreement: {"held_on": "2017-04-03", "participants": "Ledningen"},
    "meeting": lambda r, meeting: posted(LeadershipMeetingForm(instance=meeting)),
    "new_goal": lambda r, agreement: {"kind": "sub", "text": "Färre inbrott"},
    "goal": lambda r, goal: posted(GoalForm(instance=goal)),
    "new_commitment": lambda r, agreement: {"party": "municipality", "text": "Trygghetsvandringar"},
    "commitment": lambda r, commitment: posted(CommitmentForm(instance=commitment)),
    "new_plan": lambda r, partnership: posted(
        PlanForm(instance=ActionPlan(partnership=partnership)),
        title="Handlingsplan 2040",
        period_start="2040-01-01",
        period_end="2040-12-31",
    ),
    "plan": lambda r, plan: posted(PlanForm(instance=plan)),
    "copy_plan": lambda r, plan: {
        "title": "Handlingsplan 2027-2029",
        "period_start": "2027-01-01",
        "period_end": "2029-12-31",
        "agreement": plan.agreement_id,
    },
    "new_area": lambda r, plan: {"title": "Nytt fokusområde"},
    "checked": lambda r, mark: {},  # "Kontrollerad" is a button, nothing typed
    "area": lambda r, area: posted(FocusAreaForm(instance=area)),
    "new_measure": lambda r, area: {"description": "Ny åtgärd", **ROW},
    "measure": lambda r, measure: posted(MeasureForm(instance=measure)),
    "move": lambda r, row: {"direction": "down"},
    "mark_internal": lambda r, row: {"internal": "1"},
    "new_pledge": lambda r, partnership: posted(
        PledgeForm(instance=Pledge(partnership=partnership)),
        title="Medborgarlöfte 2040",
        period_start="2040-01-01",
        period_end="2040-12-31",
    ),
    "pledge": lambda r, pledge: posted(PledgeForm(instance=pledge)),
    "copy_pledge": lambda r, pledge: {
        "title": "Medborgarlöfte 2019",
        "period_start": "2019-01-01",
        "period_end": "2019-12-31",
    },
    "extend": lambda r, pledge: {"extended_to": "2019-12-31", "extension_note": "Förlängt"},
    "new_promise": lambda r, pledge: {"text": "Nytt löfte", **ROW},
    "promise": lambda r, promise: posted(PromiseForm(instance=promise)),
    "new_point": lambda r, promise: {"text": "Ny punkt"},
    "point": lambda r, point: posted(PromisePointForm(instance=point)),
    "new_target": lambda r, pledge: {
        "indicator": "Anmälda skadegörelsebrott per år",
        "unit": "antal",
        "baseline_value": "120",
        "baseline_date": "2017-12-31",
        "target_value": "90",
        "target_date": "2019-12-31",
        "source": "Polisens statistik",
    },
    "target": lambda r, target: posted(TargetForm(instance=target)),
    "new_dialogue": lambda r, partnership: {"year": "2019", "town": "Mantorp"},
    "dialogue": lambda r, dialogue: posted(DialogueForm(instance=dialogue)),
    "signed_dialogue": lambda r, dialogue: posted(DialogueForm(instance=dialogue)),
    "new_case": lambda r, municipality: {
        "diary_number": "KS/2024:99",
        "title": "Nytt ärende",
        **NO_DECISION_BASIS,
    },
    "case": lambda r, case: {**posted(CaseForm(instance=case)), **NO_DECISION_BASIS},
    "memo": lambda r, case: posted(MemoForm(instance=CoverMemo.objects.get(case=case))),
    "new_paragraph": lambda r, case: posted(
        ParagraphForm(instance=MinutesParagraph(case=case)),
        body="ks",
        number="41",
        outcome="decision",
    ),
    "paragraph": lambda r, paragraph: posted(ParagraphForm(instance=paragraph)),
    "adjustment": lambda r, paragraph: posted(
        AdjustmentForm(instance=paragraph),
        meeting_date="2017-12-19",
        meeting_place="Stadshuset, Mjölby",
        adjusters="Mats Gerdau\nAnna Berg",
        adjusted_on="2017-12-21",
        certified_by="Registrator",
        certified_on="2017-12-22",
    ),
    "new_recipient": lambda r, parent: {"name": "Kommunpolisen"},
    # No app is being connected in the register: the confirmation is sent back with the reason.
    "second_factor": lambda r, _: {"password": PASSWORD, "code": "123456"},
    "new_municipality": lambda r, _: {"name": "Motala kommun", "code": "0583", "version": ""},
    "municipality": lambda r, municipality: posted(MunicipalityForm(instance=municipality)),
    "new_police_area": lambda r, _: {"name": "LPO Vadstena", "region": "ost", "version": ""},
    "police_area": lambda r, area: posted(PoliceAreaForm(instance=area)),
    "new_partnership": lambda r, _: {
        "municipality": r["municipality_without_partnership"].pk,
        "version": "",
    },
    "partnership": lambda r, partnership: posted(PartnershipForm(instance=partnership)),
    "new_person": lambda r, _: {
        "name": "Ny Person",
        "role": "reader",
        "municipality": r["partnership"].municipality_id,
        "version": "",
    },
    "person": lambda r, person: posted(PersonForm(instance=person)),
    "deactivate": lambda r, person: {"active": "0"},
    "import_token": lambda r, _: {"token": "no-such-preview"},
    "annual": lambda r, plan: {
        "revision_proposal": "Färre fokusområden.",
        "version": latest_version(r["annual"]),
    },
    "pledge_report": lambda r, pledge: pledge_report(pledge),
    "finalise_report": lambda r, pledge: half_year_version(pledge),
    "report": lambda r, measure: {"status": "ongoing", "comment": "Pågår enligt plan."},
    "recipient": lambda r, recipient: posted(RecipientForm(instance=recipient)),
    "send": lambda r, document: {
        "signatories": [r["chief_person"].pk, r["chair_person"].pk],
        "message": "",
    },
    "sign": lambda r, document: {"password": PASSWORD},
    "return": lambda r, document: {"comment": "Löfte 2 behöver skrivas om."},
    "paper": lambda r, document: {
        "signed_on": "2024-05-02",
        "place": "Mjölby",
        "signatories": [r["chief_person"].pk, r["chair_person"].pk],
        "scan_missing_reason": "Papperet finns i kommunens diarium.",
    },
}
