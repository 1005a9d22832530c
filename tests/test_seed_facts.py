"""The loaded Mjölby register carries the facts of the seed documents, as a user would check them.

The seed is seeds/000_e6c371c468004a2d.txt: the agreement 2015–2018, the action plan
2018–2020, the citizen pledge 2018, § 6 and § 41 of the minutes and the cover memo.
"""

from datetime import date

from django.apps import apps
from simple_history.models import HistoricalChanges

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import CitizenDialogue, Pledge
from safety_partnership.models import CouncilCase, DocumentStatus, MinutesParagraph, Person
from safety_partnership.seed import fixture_path, load_fixture

POLICE = "Polisen"
MUNICIPALITY = "Kommunen"
JOINT = "Kommunen och polisen"

# The Ansvar column, read one party per group of measures (DOMAIN.md).
RESPONSIBILITY_PER_FOCUS_AREA = {
    "Trafikmiljön": [POLICE, MUNICIPALITY],
    "Otrygghetsfaktorer i boendemiljön": [MUNICIPALITY, MUNICIPALITY, JOINT, JOINT],
    "Ordningsstörningar": [POLICE] + [MUNICIPALITY] * 4,
    "Tillgreppsbrott": [POLICE] * 4 + [JOINT] * 3,
    "Våldsbejakande extremism": ["Kommunen (Se eget dokument)"] * 4 + [JOINT],
    "Droger, ANDT": [POLICE] + ["Kommunen (ANDT samordn)"] * 2,
}


def the_plan() -> ActionPlan:
    return ActionPlan.objects.get(period_start=date(2018, 1, 1))


def the_pledge() -> Pledge:
    return Pledge.objects.get(title="Medborgarlöfte i Mjölby Kommun 2018")


def the_agreement(partnership) -> Agreement:
    return Agreement.objects.get(partnership=partnership)


def paragraph(number: int) -> MinutesParagraph:
    return MinutesParagraph.objects.get(number=number)


def signatures_of(document) -> list[tuple[str, str]]:
    return [(s.name, s.title) for s in document.signatures.order_by("position")]


def row_counts(history: bool) -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and issubclass(model, HistoricalChanges) == history
    }


# The action plan


def test_the_plan_has_six_focus_areas_in_the_seeds_order(mjolby):
    titles = list(the_plan().focus_areas.order_by("position").values_list("title", flat=True))

    assert titles == [
        "Trafikmiljön",
        "Otrygghetsfaktorer i boendemiljön",
        "Ordningsstörningar",
        "Tillgreppsbrott",
        "Våldsbejakande extremism",
        "Droger, ANDT",
    ]


def test_each_measure_has_the_responsible_party_of_its_group_in_the_ansvar_column(mjolby):
    found = {
        area.title: [m.responsible_label for m in area.measures.order_by("position")]
        for area in the_plan().focus_areas.order_by("position")
    }

    assert found == RESPONSIBILITY_PER_FOCUS_AREA
    assert Measure.objects.filter(focus_area__plan=the_plan()).count() == 26


def test_measure_texts_are_kept_word_for_word(mjolby):
    texts = set(Measure.objects.values_list("description", flat=True))

    assert {
        "Underrättelse och info styrda punktinsatser, i form av hastighets- och "
        "rutinkontroller på tider och platser som är aktuella.",
        "Genomföra, följa upp samt återkoppla resultat från trygghetsvandringar",
        "Ökad brottsförebyggande information till utsatta medborgarkategorier och "
        "utsatta bostadsområden.",
        "Att under 2018 skapa en lokal handlingsplan mot VBE.",
        "Regelbunden kartläggning, bland annat genom enkäten ”Om mig” och "
        "avloppsmätningar av narkotika.",
    } <= texts


def test_a_measure_that_wraps_onto_the_next_page_stays_one_measure(mjolby):
    first_drug_measure = Measure.objects.get(focus_area__title="Droger, ANDT", position=1)

    assert first_drug_measure.description == (
        "Underrättelsestyrda punktinsatser/kontroller i syfte att identifiera ungdomar i "
        "riskzonen för att etablera ett missbruk. Även för att identifiera personer i behov "
        "av vård p.g.a. sitt missbruk. Fokus på försäljningsledet."
    )
    assert first_drug_measure.responsible_label == POLICE


def test_wrapped_cells_keep_their_column(mjolby):
    traffic = FocusArea.objects.get(title="Trafikmiljön")
    theft = FocusArea.objects.get(title="Tillgreppsbrott")
    drugs = FocusArea.objects.get(title="Droger, ANDT")

    assert traffic.cause_analysis.endswith("som körkortsinnehavare och förare.")
    assert theft.cause_analysis.endswith("Här förekommer bland annat omkringresande ligor.")
    assert theft.effect_goal.endswith(
        "en aktiv kriminell verksamhet. Tidigt identifiera tänkbara lokala misstänkta."
    )
    assert theft.sub_goal.startswith("Förebyggande verksamhet genom att starta upp")
    assert drugs.problem.endswith("särskilt avseende ungdomar.")
    assert drugs.effect_goal.endswith("Identifiera individer i behov av sociala insatser.")
    assert drugs.cause_analysis == "" and drugs.sub_goal == ""


def test_the_action_plan_is_signed_on_paper_by_the_police_chief_and_the_board_chair(mjolby):
    plan = the_plan()

    assert plan.status == DocumentStatus.SIGNED
    assert plan.period == "2018–2020"
    assert signatures_of(plan) == [
        ("Hanna Sjögren", "Lokalpolisområdeschef"),
        ("Cecilia W Burenby", "Kommunstyrelsens ordförande"),
    ]
    assert set(plan.signatures.values_list("method", flat=True)) == {"paper"}


def test_the_plan_is_followed_up_every_tertial_and_yearly_after_the_second(mjolby):
    plan = the_plan()

    assert plan.follow_up_interval == "tertial"
    assert plan.annual_follow_up_after_tertial == 2
    assert "Löpande uppföljning sker efter varje tertial." in plan.follow_up
    assert "Årsuppföljningen påbörjas efter andra tertialen varje år." in plan.follow_up


# The citizen pledge


def test_the_pledge_has_three_promises_in_order_with_their_responsible_parties(mjolby):
    promises = [(p.text, p.responsible_label) for p in the_pledge().promises.order_by("position")]

    assert promises == [
        ("Polisen utför fotpatrullering i området", POLICE),
        (
            "Genomföra trygghetsvandringar med representanter från kommun, polis och andra berörda",
            JOINT,
        ),
        (
            "Upplevda otrygghetsfaktorer skall ses över och vid behov åtgärdas av kommunen",
            MUNICIPALITY,
        ),
    ]


def test_the_pledges_situation_picture_uses_the_corrected_spellings(mjolby):
    situation = the_pledge().situation

    assert "skadegörelsebrotten sker på Järnvägsgatan, resecentrum i Mjölby" in situation
    assert "upplevs av många medborgare som otryggt." in situation


def test_no_ocr_misspelling_is_left_anywhere_in_the_fixture_file():
    text = fixture_path("mjolby").read_text(encoding="utf-8")

    assert "Järnvägsgatan" in text and "otryggt" in text
    for misspelling in ("Järnväggsgatan", "otruggt", "otrugg"):
        assert misspelling not in text


def test_the_pledges_situation_picture_draws_on_all_four_sources(mjolby):
    pledge = the_pledge()

    assert pledge.from_staff_dialogues
    assert pledge.from_citizen_dialogues
    assert pledge.from_statistics
    assert pledge.from_internal_knowledge


def test_three_citizen_dialogues_of_2017_led_to_the_pledge_and_name_no_town(mjolby):
    dialogues = CitizenDialogue.objects.filter(partnership=mjolby)

    assert dialogues.count() == 3
    assert {(d.year, d.town) for d in dialogues} == {(2017, "")}
    assert list(the_pledge().dialogues.order_by("pk")) == list(dialogues.order_by("pk"))


# The agreement


def test_the_agreement_runs_2015_2018_with_its_diary_number_and_filing_code(mjolby):
    agreement = the_agreement(mjolby)

    assert agreement.period == "2015–2018"
    assert agreement.diary_number == "2016:4"
    assert agreement.filing_code == "048"
    assert agreement.status == DocumentStatus.SIGNED


def test_the_agreement_is_signed_by_the_acting_police_chief_and_the_board_chair(mjolby):
    agreement = the_agreement(mjolby)

    assert signatures_of(agreement) == [
        ("Hanna Sjögren", "Tf lokalpolisområdeschef"),
        ("Cecilia Vilhelmsson", "Kommunstyrelsens ordf."),
    ]
    assert set(agreement.signatures.values_list("signed_on", flat=True)) == {date(2015, 12, 17)}


def test_the_agreement_has_the_leadership_meet_at_least_once_a_calendar_year(mjolby):
    agreement = the_agreement(mjolby)

    assert agreement.leadership_meetings == (
        "Ledningen för lokalpolisområdet ska träffa kommunledningen minst en gång under "
        "kalenderåret för att följa upp handlingsplanerna."
    )
    assert agreement.leadership_meetings_per_year == 1


# The council cases and the cover memo


def test_paragraph_6_proposes_the_plan_and_the_pledge_to_the_board(mjolby):
    section = paragraph(6)

    assert section.case.diary_number == "KS/2017:359"
    assert section.proposal_heading == "Arbetsutskottets förslag till kommunstyrelsen"
    assert section.proposal == (
        "1. Kommunstyrelsen antar kommunstyrelsens förvaltnings förslag till Handlingsplan "
        "för 2018-2020\n"
        "2. Kommunstyrelsen antar kommunstyrelsens förvaltnings förslag till Medborgarlöften 2018"
    )


def test_the_case_summary_points_the_pledge_at_jarnvagsgatan_correctly_spelt(mjolby):
    summary = CouncilCase.objects.get(diary_number="KS/2017:359").summary

    assert summary.endswith(
        "Medborgarförslaget för 2018 föreslås fokusera på Järnvägsgatan och området kring "
        "resecentrum i Mjölby."
    )
    assert "- Droger, ANDT (Alkohol, narkotika, dopning och tobak)" in summary


def test_paragraph_6_is_sent_to_the_seeds_recipients_in_order(mjolby):
    recipients = paragraph(6).recipients.order_by("position").values_list("name", flat=True)

    assert list(recipients) == [
        "Kommunstyrelsen",
        "Polismyndigheten, Lokalpolisområde Motala",
        "Ordf. strategiska nätverket för trygghet och säkerhet, Ulf Johansson",
        "Säkerhetssamordnare, Roger Max",
        "Akten",
    ]


def test_the_decision_basis_links_to_the_agreement_the_plan_and_the_pledge(mjolby):
    lines = CouncilCase.objects.get(diary_number="KS/2017:359").decision_basis.order_by("position")

    assert [(line.title, line.document) for line in lines] == [
        (
            "Samverkansöverenskommelse för trygghetsskapande och brottsförebyggande arbete "
            "2015-2018",
            the_agreement(mjolby),
        ),
        ("Förslag till handlingsplan för 2018-2020", the_plan()),
        ("Förslag till medborgarlöften 2018", the_pledge()),
    ]


def test_roger_max_is_the_case_officer_with_his_phone_number(mjolby):
    case = CouncilCase.objects.get(diary_number="KS/2017:359")

    assert case.case_officer == Person.objects.get(name="Roger Max")
    assert case.case_officer.phone == "0142-852 36"


def test_paragraph_41_notes_the_information_and_is_sent_only_to_the_file(mjolby):
    section = paragraph(41)

    assert section.case.diary_number == "KS/2017:350"
    assert section.outcome == "information_noted"
    assert section.information.startswith("Josefine Arvidsson, kommunpolisen informerar")
    assert "Fokusområdena kommer att vara trafikmiljön, otrygghetsfaktorer i" in (
        section.information
    )
    assert section.decision.endswith("tackar för informationen som noteras till protokollet.")
    assert list(section.recipients.values_list("name", flat=True)) == ["Akten"]


def test_the_cover_memo_of_2017_12_19_is_signed_by_the_deputy_chief_and_the_coordinator(mjolby):
    memo = CouncilCase.objects.get(diary_number="KS/2017:359").cover_memo

    assert memo.date == date(2017, 12, 19)
    assert signatures_of(memo) == [
        ("Carina Brofeldt", "Bitr. Kommunchef"),
        ("Roger Max", "Säkerhetssamordnare"),
    ]


def test_the_cover_memo_is_sent_to_its_three_recipients_in_order(mjolby):
    memo = CouncilCase.objects.get(diary_number="KS/2017:359").cover_memo

    assert list(memo.recipients.order_by("position").values_list("name", flat=True)) == [
        "Polismyndigheten, Lokalpolisområde Motala",
        "Ordf. strategiska nätverket för trygghet och säkerhet, Ulf Johansson",
        "Säkerhetssamordnare, Roger Max",
    ]


# Loading again


def test_loading_the_fixture_twice_creates_no_duplicate_rows(mjolby):
    before = row_counts(history=False)

    saved, unchanged = load_fixture("mjolby")

    assert saved == 0 and unchanged > 0
    assert row_counts(history=False) == before


def test_loading_the_fixture_twice_adds_no_history(mjolby):
    before = row_counts(history=True)

    load_fixture("mjolby")

    assert sum(before.values()) > 0
    assert row_counts(history=True) == before
