"""Builds the register behind register-3661e98.sql: run with the code of commit 3661e98.

Not a test: the database that test_migrate_forward.py migrates was made with it, thus

    git worktree add --detach /tmp/old-main 3661e98 && cd /tmp/old-main && make install-test
    export DATABASE_URL=sqlite:////tmp/old.sqlite3 DEBUG=true
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py demo
    .venv/bin/python manage.py shell < /work/.../tests/data/build_register_3661e98.py
    sqlite3 /tmp/old.sqlite3 .dump > tests/data/register-3661e98.sql

On top of the Mjölby data it signs in the register (each kind of document, so that every
one of the old per-kind version columns is used):
- the 2019 pledge, copied from the signed 2018 one: signed by the police area chief and
  the chair of the KS (pledge_version);
- revision 2 of the 2018-2020 action plan: signed by both, so revision 1 is superseded
  (plan_version);
- a new 2019 agreement: signed by the police area chief only, it awaits the chair
  (agreement_version), and a second signature stays unsigned;
The drafts are edited before they are sent, so that the signed history records' ids differ
between the kinds. It adds a decision-basis line that names the 2019 pledge.
"""

from datetime import date

from django.contrib.auth import get_user_model

from actionplans.models import ActionPlan
from agreements.models import Agreement
from pledges.models import Pledge
from safety_partnership import signing
from safety_partnership.management.commands.demo import PASSWORD
from safety_partnership.models import CouncilCase, DecisionBasis
from safety_partnership.services import copy_document

User = get_user_model()
coordinator = User.objects.get(username="samordnare")
police_chief = User.objects.get(username="polischef")
chair = User.objects.get(username="ordforande")
signatories = [police_chief.person, chair.person]


def send(document):
    signing.send_for_signing(document=document, user=coordinator, signatories=signatories)


def sign(document, *users):
    for user in users:
        signing.sign(document=document, user=user, password=PASSWORD)
    document.refresh_from_db()


pledge = copy_document(
    Pledge.objects.get(),
    title="Medborgarlöfte i Mjölby Kommun 2019",
    period_start=date(2019, 1, 1),
    period_end=date(2019, 12, 31),
)
send(pledge)
sign(pledge, police_chief, chair)

plan = signing.revise(document=ActionPlan.objects.get(), user=coordinator)
plan.introduction += "\n\nReviderad 2019."
plan.save()
send(plan)
sign(plan, police_chief, chair)

# Made as the form for a new agreement makes it, with the 2015 agreement's texts: a copy
# would fail on PostgreSQL, whose history_change_reason (100 characters) cannot hold
# "Skapad utifrån " and the 2015 agreement's title (119 characters in all).
original = Agreement.objects.get()
agreement = Agreement(
    partnership=original.partnership,
    title="Samverkansöverenskommelse för trygghetsskapande och brottsförebyggande arbete "
    "i Östergötland 2019 – 2022",
    period_start=date(2019, 1, 1),
    period_end=date(2022, 12, 31),
    **{
        field: getattr(original, field)
        for field in (
            "filing_code",
            "introduction",
            "overall_goal",
            "sub_goals",
            "commitments",
            "leadership_meetings",
            "leadership_meetings_per_year",
            "follow_up",
        )
    },
)
agreement.full_clean()
agreement.save()
for year in (2019, 2020):
    agreement.follow_up += f"\nUppföljning {year}."
    agreement.save()
send(agreement)
sign(agreement, police_chief)

case = CouncilCase.objects.filter(decision_basis__pledge__isnull=False).first()
DecisionBasis.objects.create(
    case=case,
    position=case.decision_basis.count() + 1,
    title="Medborgarlöfte i Mjölby Kommun 2019",
    pledge=pledge,
)

for document in (pledge, plan, agreement):
    print(
        document,
        document.status,
        [(s.name, s.verification_code) for s in signing.signatures_of(document)],
    )
