"""Every route of the register, and what each kind of visitor is answered, written out.

The expectations follow the rules of safety_partnership/access.py, stated here
independently of the code: anonymous visitors are sent to the login page; those who
may not read a partnership's documents (the coordinator of another municipality, the
people of another police area, a person no longer active) are told nothing exists
(404); readers (the police area chief, the KS chair, the registrar) are refused
changes (403); the coordinator of the municipality and a superuser change drafts, and
are refused (403) changes to a document that awaits signatures or is signed. Council
cases are the municipality's records: the registrar edits them too, and only she (and a
superuser) records that minutes are adjusted, after which nobody changes them.
"""

from dataclasses import dataclass

LOGIN, OK, FOUND, DENIED, HIDDEN = "login", 200, 302, 403, 404
# Redirected with a message that says why nothing was done (level info, warning or error).
BACK = "302, nothing done"

PERSONAS = (
    "anonymous",
    "coordinator",
    "other_coordinator",
    "other_area",
    "police_chief",
    "chair",
    "staff",
    "superuser",
    "inactive",
)


def cells(*outcomes) -> dict[str, object]:
    return dict(zip(PERSONAS, outcomes, strict=True))


# What each visitor is answered, in the order of PERSONAS.
# fmt: off
#                   anonymous coordinator other_co- other_  police  chair   staff   super-  inactive
#                                         ordinator area    chief                   user
PUBLIC      = cells(OK,       OK,         OK,       OK,     OK,     OK,     OK,     OK,     OK)
HOME        = cells(LOGIN,    OK,         OK,       OK,     OK,     OK,     OK,     OK,     OK)
READ        = cells(LOGIN,    OK,         HIDDEN,   HIDDEN, OK,     OK,     OK,     OK,     HIDDEN)
EDIT        = cells(LOGIN,    OK,         HIDDEN,   HIDDEN, DENIED, DENIED, DENIED, OK,     HIDDEN)
DONE        = cells(LOGIN,    FOUND,      HIDDEN,   HIDDEN, DENIED, DENIED, DENIED, FOUND,  HIDDEN)
LOCKED      = cells(LOGIN,    DENIED,     HIDDEN,   HIDDEN, DENIED, DENIED, DENIED, DENIED, HIDDEN)
# An editor is sent back with the reason (e.g. a case that still has paragraphs).
EDITOR_BACK = cells(LOGIN,    BACK,       HIDDEN,   HIDDEN, DENIED, DENIED, DENIED, BACK,   HIDDEN)
# Signing: only the signatories asked (the chief and the chair) sign or send back;
# any other reader is sent back to the document ("not waiting for your signature").
SIGN_PAGE   = cells(LOGIN,    BACK,       HIDDEN,   HIDDEN, OK,     OK,     BACK,   BACK,   HIDDEN)
SIGN        = cells(LOGIN,    BACK,       HIDDEN,   HIDDEN, FOUND,  FOUND,  BACK,   BACK,   HIDDEN)
RETURN      = cells(LOGIN,    DENIED,     HIDDEN,   HIDDEN, FOUND,  FOUND,  DENIED, DENIED, HIDDEN)
# Council cases: the registrar edits them too, and she alone records that minutes are adjusted.
CASE_EDIT   = cells(LOGIN,    OK,         HIDDEN,   HIDDEN, DENIED, DENIED, OK,     OK,     HIDDEN)
CASE_DONE   = cells(LOGIN,    FOUND,      HIDDEN,   HIDDEN, DENIED, DENIED, FOUND,  FOUND,  HIDDEN)
CASE_BACK   = cells(LOGIN,    BACK,       HIDDEN,   HIDDEN, DENIED, DENIED, BACK,   BACK,   HIDDEN)
ADJUST      = cells(LOGIN,    DENIED,     HIDDEN,   HIDDEN, DENIED, DENIED, OK,     OK,     HIDDEN)
ADJUSTED    = cells(LOGIN,    DENIED,     HIDDEN,   HIDDEN, DENIED, DENIED, FOUND,  FOUND,  HIDDEN)
# Importing: the coordinators (of any municipality: the file says which; hers only) and
# superusers; a POST with a preview that has expired is sent back to upload again.
IMPORT      = cells(LOGIN,    OK,         OK,       DENIED, DENIED, DENIED, DENIED, OK,     DENIED)
IMPORT_BACK = cells(LOGIN,    BACK,       BACK,     DENIED, DENIED, DENIED, DENIED, BACK,   DENIED)
# Tertial follow-up of a signed plan: readers read (the overview, each tertial and its
# report PDF: READ); each party's people report their measures (a joint one: either); the
# coordinator compiles (sent back while measures lack reports).
REPORT      = cells(LOGIN,    FOUND,      HIDDEN,   HIDDEN, FOUND,  DENIED, DENIED, DENIED, HIDDEN)
COMPILE     = cells(LOGIN,    BACK,       HIDDEN,   HIDDEN, DENIED, DENIED, DENIED, BACK,   HIDDEN)
# A signed pledge's reports: readers read; the police area's people and the municipality's
# coordinator write (as themselves: a superuser is no party); the coordinator finalises.
WRITE_REPORT = cells(LOGIN,   OK,         HIDDEN,   HIDDEN, OK,     DENIED, DENIED, DENIED, HIDDEN)
FINALISE    = cells(LOGIN,    FOUND,      HIDDEN,   HIDDEN, DENIED, DENIED, DENIED, DENIED, HIDDEN)
# A kept follow-up report, where the partnership signs its reports: only its signatories (the
# chief and the chair) sign; any other reader is refused, and nobody signs an unkept one.
SIGN_REPORT = cells(LOGIN,    DENIED,     HIDDEN,   HIDDEN, FOUND,  FOUND,  DENIED, DENIED, HIDDEN)
# Setting up the register: superusers (and organisations' administrators, not a persona here).
SETUP       = cells(LOGIN,    DENIED,     DENIED,   DENIED, DENIED, DENIED, DENIED, OK,     DENIED)
SETUP_DONE  = cells(LOGIN,    DENIED,     DENIED,   DENIED, DENIED, DENIED, DENIED, FOUND,  DENIED)
# A signatory's own authenticator app: every active signatory (of any organisation, for her
# own login), nobody else; confirming with no app being connected is sent back.
OWN_APP     = cells(LOGIN,    DENIED,     DENIED,   OK,     OK,     OK,     DENIED, DENIED, DENIED)
OWN_APP_DONE = cells(LOGIN,   DENIED,     DENIED,   FOUND,  FOUND,  FOUND,  DENIED, DENIED, DENIED)
OWN_APP_BACK = cells(LOGIN,   DENIED,     DENIED,   BACK,   BACK,   BACK,   DENIED, DENIED, DENIED)
# The public pages (/kommuner/): the same for everyone; a document that is not signed is
# not there at all, whoever asks.
NOWHERE     = cells(HIDDEN,   HIDDEN,     HIDDEN,   HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
# fmt: on


@dataclass(frozen=True)
class Route:
    method: str
    name: str
    args: tuple  # keys of the register (its objects' pks) or literal slugs
    expected: dict[str, object]
    form: str | None = None  # a key of register.FORMS: the POST's data

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name} {'/'.join(self.args)}"


def get(name: str, *args: str, expected: dict) -> Route:
    return Route("get", name, args, expected)


def post(name: str, *args: str, expected: dict, form: str | None = None) -> Route:
    return Route("post", name, args, expected, form)


def recipients(
    routes: str, parent: str, recipient: str, page=CASE_EDIT, done=CASE_DONE
) -> list[Route]:
    """'Beslutet skickas till' of a paragraph or of the memo: editable until the minutes are
    adjusted (then page and done are LOCKED)."""
    return [
        get(f"council:{routes}_create", parent, expected=page),
        post(f"council:{routes}_create", parent, expected=done, form="new_recipient"),
        get(f"council:{routes}_edit", recipient, expected=page),
        post(f"council:{routes}_edit", recipient, expected=done, form="recipient"),
        post(f"council:{routes}_move", recipient, expected=done, form="move"),
        get(f"council:{routes}_delete", recipient, expected=page),
        post(f"council:{routes}_delete", recipient, expected=done),
    ]


def signing(slug: str, draft: str, waiting: str, signed: str) -> list[Route]:
    """The signing pages of one kind of document, at the status each is for."""
    return [
        get("signing:send", slug, draft, expected=EDIT),
        post("signing:send", slug, draft, expected=DONE, form="send"),
        get("signing:sign", slug, waiting, expected=SIGN_PAGE),
        post("signing:sign", slug, waiting, expected=SIGN, form="sign"),
        post("signing:return", slug, waiting, expected=RETURN, form="return"),
        post("signing:recall", slug, waiting, expected=DONE),
        post("signing:revise", slug, signed, expected=DONE),
        get("signing:send", slug, waiting, expected=LOCKED),
        post("signing:send", slug, waiting, expected=LOCKED, form="send"),
        get("signing:paper", slug, draft, expected=EDIT),
        post("signing:paper", slug, draft, expected=DONE, form="paper"),
        # Signed on paper while the register's signatures were awaited: recall it first.
        get("signing:paper", slug, waiting, expected=LOCKED),
        post("signing:paper", slug, waiting, expected=LOCKED, form="paper"),
    ]


def rows(kind: str, draft: str, waiting: str, form: str) -> list[Route]:
    """Edit, move and delete a row of a draft (allowed) and of a document awaiting signatures."""
    return [
        get(f"{kind}_edit", draft, expected=EDIT),
        post(f"{kind}_edit", draft, expected=DONE, form=form),
        get(f"{kind}_edit", waiting, expected=LOCKED),
        post(f"{kind}_edit", waiting, expected=LOCKED, form=form),
        get(f"{kind}_delete", draft, expected=EDIT),
        post(f"{kind}_delete", draft, expected=DONE),
        get(f"{kind}_delete", waiting, expected=LOCKED),
        post(f"{kind}_delete", waiting, expected=LOCKED),
        post(f"{kind}_move", draft, expected=DONE, form="move"),
        post(f"{kind}_move", waiting, expected=LOCKED, form="move"),
    ]


def document(ns: str, draft: str, waiting: str, signed: str, form: str) -> list[Route]:
    """A document's own pages: read at every status, changed as a draft only."""
    return [
        *(get(f"{ns}:detail", key, expected=READ) for key in (draft, waiting, signed)),
        get(f"{ns}:history", waiting, expected=READ),
        get(f"{ns}:as_of", signed, expected=READ),
        get(f"{ns}:edit", draft, expected=EDIT),
        post(f"{ns}:edit", draft, expected=DONE, form=form),
        get(f"{ns}:edit", waiting, expected=LOCKED),
        post(f"{ns}:edit", waiting, expected=LOCKED, form=form),
        get(f"{ns}:edit", signed, expected=LOCKED),
        post(f"{ns}:edit", signed, expected=LOCKED, form=form),
        get(f"{ns}:delete", draft, expected=EDIT),
        post(f"{ns}:delete", draft, expected=DONE),
        get(f"{ns}:delete", waiting, expected=LOCKED),
        post(f"{ns}:delete", waiting, expected=LOCKED),
        get(f"{ns}:delete", signed, expected=LOCKED),
        post(f"{ns}:delete", signed, expected=LOCKED),
    ]


ROUTES = [
    get("home", expected=HOME),
    get("search", expected=HOME),  # any signed-in user searches what they may read
    get("verify", expected=PUBLIC),
    get("second_factor", expected=OWN_APP),
    post("second_factor_start", expected=OWN_APP_DONE),
    post("second_factor_confirm", expected=OWN_APP_BACK, form="second_factor"),
    get("health", expected=PUBLIC),  # /halsa/, for the proxy: no login
    get("partnership", "partnership", expected=READ),
    # Agreements; leadership meetings follow a signed agreement up, so they are recorded on it.
    *document("agreements", "draft_agreement", "awaiting_agreement", "agreement", "agreement"),
    get("agreements:create", "partnership", expected=EDIT),
    post("agreements:create", "partnership", expected=DONE, form="new_agreement"),
    get("agreements:meeting_create", "agreement", expected=EDIT),
    post("agreements:meeting_create", "agreement", expected=DONE, form="new_meeting"),
    get("agreements:meeting_edit", "meeting", expected=EDIT),
    post("agreements:meeting_edit", "meeting", expected=DONE, form="meeting"),
    get("agreements:meeting_delete", "meeting", expected=EDIT),
    post("agreements:meeting_delete", "meeting", expected=DONE),
    # Goals and commitments: the agreement's content, changed only while it is a draft.
    get("agreements:goal_create", "draft_agreement", expected=EDIT),
    post("agreements:goal_create", "draft_agreement", expected=DONE, form="new_goal"),
    get("agreements:goal_create", "awaiting_agreement", expected=LOCKED),
    post("agreements:goal_create", "awaiting_agreement", expected=LOCKED, form="new_goal"),
    get("agreements:goal_create", "agreement", expected=LOCKED),
    *rows("agreements:goal", "draft_goal", "awaiting_goal", "goal"),
    get("agreements:commitment_create", "draft_agreement", expected=EDIT),
    post("agreements:commitment_create", "draft_agreement", expected=DONE, form="new_commitment"),
    get("agreements:commitment_create", "awaiting_agreement", expected=LOCKED),
    post(
        "agreements:commitment_create",
        "awaiting_agreement",
        expected=LOCKED,
        form="new_commitment",
    ),
    *rows("agreements:commitment", "draft_commitment", "awaiting_commitment", "commitment"),
    *signing("overenskommelse", "draft_agreement", "awaiting_agreement", "agreement"),
    # Action plans and their focus areas and measures.
    *document("actionplans", "draft_plan", "awaiting_plan", "signed_plan", "plan"),
    get("actionplans:create", "partnership", expected=EDIT),
    post("actionplans:create", "partnership", expected=DONE, form="new_plan"),
    get("actionplans:copy", "signed_plan", expected=EDIT),
    post("actionplans:copy", "signed_plan", expected=DONE, form="copy_plan"),
    get("actionplans:focus_area_create", "draft_plan", expected=EDIT),
    post("actionplans:focus_area_create", "draft_plan", expected=DONE, form="new_area"),
    get("actionplans:focus_area_create", "awaiting_plan", expected=LOCKED),
    post("actionplans:focus_area_create", "awaiting_plan", expected=LOCKED, form="new_area"),
    get("actionplans:focus_area_create", "signed_plan", expected=LOCKED),
    *rows("actionplans:focus_area", "draft_area", "awaiting_area", "area"),
    get("actionplans:measure_create", "draft_area", expected=EDIT),
    post("actionplans:measure_create", "draft_area", expected=DONE, form="new_measure"),
    get("actionplans:measure_create", "awaiting_area", expected=LOCKED),
    post("actionplans:measure_create", "awaiting_area", expected=LOCKED, form="new_measure"),
    *rows("actionplans:measure", "draft_measure", "awaiting_measure", "measure"),
    *signing("handlingsplan", "draft_plan", "awaiting_plan", "signed_plan"),
    # The signing pages at a status they are not for: the send and paper forms are for a
    # draft only (403), the other actions send the editor back with the reason.
    get("signing:send", "handlingsplan", "signed_plan", expected=LOCKED),
    get("signing:paper", "handlingsplan", "signed_plan", expected=LOCKED),
    post("signing:paper", "handlingsplan", "signed_plan", expected=LOCKED, form="paper"),
    post("signing:revise", "handlingsplan", "awaiting_plan", expected=EDITOR_BACK),
    post("signing:recall", "handlingsplan", "draft_plan", expected=EDITOR_BACK),
    # "Kontrollerad" on a copied text that names an old year: a draft's content only.
    post("review_checked", "draft_mark", expected=DONE, form="checked"),
    post("review_checked", "awaiting_mark", expected=LOCKED, form="checked"),
    # Pledges, their promises and the citizen dialogues behind them.
    *document("pledges", "draft_pledge", "awaiting_pledge", "signed_pledge", "pledge"),
    get("pledges:create", "partnership", expected=EDIT),
    post("pledges:create", "partnership", expected=DONE, form="new_pledge"),
    get("pledges:copy", "signed_pledge", expected=EDIT),
    post("pledges:copy", "signed_pledge", expected=DONE, form="copy_pledge"),
    # An extension leaves the content as it is: allowed on a signed pledge, not while signing.
    get("pledges:extend", "signed_pledge", expected=EDIT),
    post("pledges:extend", "signed_pledge", expected=DONE, form="extend"),
    get("pledges:extend", "awaiting_pledge", expected=LOCKED),
    post("pledges:extend", "awaiting_pledge", expected=LOCKED, form="extend"),
    get("pledges:promise_create", "draft_pledge", expected=EDIT),
    post("pledges:promise_create", "draft_pledge", expected=DONE, form="new_promise"),
    get("pledges:promise_create", "awaiting_pledge", expected=LOCKED),
    post("pledges:promise_create", "awaiting_pledge", expected=LOCKED, form="new_promise"),
    get("pledges:promise_create", "signed_pledge", expected=LOCKED),
    *rows("pledges:promise", "draft_promise", "awaiting_promise", "promise"),
    # Points under a promise and measurable targets: rows of the pledge, like its promises.
    get("pledges:point_create", "draft_promise", expected=EDIT),
    post("pledges:point_create", "draft_promise", expected=DONE, form="new_point"),
    get("pledges:point_create", "awaiting_promise", expected=LOCKED),
    post("pledges:point_create", "awaiting_promise", expected=LOCKED, form="new_point"),
    *rows("pledges:point", "draft_point", "awaiting_point", "point"),
    get("pledges:target_create", "draft_pledge", expected=EDIT),
    post("pledges:target_create", "draft_pledge", expected=DONE, form="new_target"),
    get("pledges:target_create", "awaiting_pledge", expected=LOCKED),
    post("pledges:target_create", "awaiting_pledge", expected=LOCKED, form="new_target"),
    get("pledges:target_create", "signed_pledge", expected=LOCKED),
    post("pledges:target_create", "signed_pledge", expected=LOCKED, form="new_target"),
    *rows("pledges:target", "draft_target", "awaiting_target", "target"),
    *signing("medborgarlofte", "draft_pledge", "awaiting_pledge", "signed_pledge"),
    # The pledge's reports: the half-year report is written, the year-end report finalised.
    get("pledges:report", "signed_pledge", "halvarsrapport", expected=READ),
    get("pledges:report_edit", "signed_pledge", "halvarsrapport", expected=WRITE_REPORT),
    post(
        "pledges:report_edit",
        "signed_pledge",
        "halvarsrapport",
        expected=REPORT,
        form="pledge_report",
    ),
    post(
        "pledges:report_finalise",
        "signed_pledge",
        "halvarsrapport",
        expected=FINALISE,
        form="finalise_report",
    ),
    get("pledges:report_pdf", "signed_pledge", "halvarsrapport", expected=READ),
    get("pledges:report", "signed_pledge", "arsrapport", expected=READ),
    get("pledges:report_edit", "signed_pledge", "arsrapport", expected=LOCKED),
    post(
        "pledges:report_edit", "signed_pledge", "arsrapport", expected=LOCKED, form="pledge_report"
    ),
    post(
        "pledges:report_finalise",
        "signed_pledge",
        "arsrapport",
        expected=LOCKED,
        form="finalise_report",
    ),
    get("pledges:dialogue_detail", "dialogue", expected=READ),
    get("pledges:dialogue_history", "dialogue", expected=READ),
    get("pledges:dialogue_create", "partnership", expected=EDIT),
    post("pledges:dialogue_create", "partnership", expected=DONE, form="new_dialogue"),
    get("pledges:dialogue_edit", "dialogue", expected=EDIT),
    post("pledges:dialogue_edit", "dialogue", expected=DONE, form="dialogue"),
    get("pledges:dialogue_delete", "dialogue", expected=EDIT),
    post("pledges:dialogue_delete", "dialogue", expected=DONE),
    # A dialogue the signed pledge rests on: read, never changed; its delete page says why.
    get("pledges:dialogue_detail", "signed_dialogue", expected=READ),
    get("pledges:dialogue_edit", "signed_dialogue", expected=LOCKED),
    post("pledges:dialogue_edit", "signed_dialogue", expected=LOCKED, form="signed_dialogue"),
    get("pledges:dialogue_delete", "signed_dialogue", expected=EDIT),
    post("pledges:dialogue_delete", "signed_dialogue", expected=LOCKED),
    # Council cases: records of the municipality, changed by its coordinator and its
    # registrar until the minutes are adjusted; the registrar records the adjustment.
    get("council:detail", "case", expected=READ),
    get("council:history", "case", expected=READ),
    get("council:as_of", "case", expected=READ),
    get("council:memo", "case", expected=READ),
    get("council:create", "municipality", expected=CASE_EDIT),
    post("council:create", "municipality", expected=CASE_DONE, form="new_case"),
    get("council:edit", "case", expected=CASE_EDIT),
    post("council:edit", "case", expected=CASE_DONE, form="case"),
    get("council:memo_edit", "case", expected=CASE_EDIT),
    post("council:memo_edit", "case", expected=CASE_DONE, form="memo"),
    get("council:paragraph_create", "case", expected=CASE_EDIT),
    post("council:paragraph_create", "case", expected=CASE_DONE, form="new_paragraph"),
    get("council:paragraph_edit", "paragraph", expected=CASE_EDIT),
    post("council:paragraph_edit", "paragraph", expected=CASE_DONE, form="paragraph"),
    get("council:paragraph_delete", "paragraph", expected=CASE_EDIT),
    post("council:paragraph_delete", "paragraph", expected=CASE_DONE),
    get("council:paragraph_adjust", "paragraph", expected=ADJUST),
    post("council:paragraph_adjust", "paragraph", expected=ADJUSTED, form="adjustment"),
    *recipients("paragraph_recipient", "paragraph", "paragraph_recipient"),
    *recipients("memo_recipient", "memo", "memo_recipient"),
    # Adjusted minutes: read, never changed, not even by the registrar.
    get("council:detail", "adjusted_case", expected=READ),
    get("council:paragraph_edit", "adjusted_paragraph", expected=LOCKED),
    post("council:paragraph_edit", "adjusted_paragraph", expected=LOCKED, form="paragraph"),
    get("council:paragraph_delete", "adjusted_paragraph", expected=LOCKED),
    post("council:paragraph_delete", "adjusted_paragraph", expected=LOCKED),
    get("council:paragraph_adjust", "adjusted_paragraph", expected=LOCKED),
    post("council:paragraph_adjust", "adjusted_paragraph", expected=LOCKED, form="adjustment"),
    *recipients("paragraph_recipient", "adjusted_paragraph", "adjusted_recipient", LOCKED, LOCKED),
    get("pdf:download", "arende", "adjusted_case", expected=READ),
    # A case with paragraphs and a memo is not deleted; an empty one is.
    get("council:delete", "case", expected=CASE_BACK),
    post("council:delete", "case", expected=CASE_BACK),
    get("council:delete", "empty_case", expected=CASE_EDIT),
    post("council:delete", "empty_case", expected=CASE_DONE),
    # A CSV of measures into a draft plan: previewed first; an expired preview is sent back.
    get("actionplans:import_measures", "draft_plan", expected=EDIT),
    post("actionplans:import_measures", "draft_plan", expected=EDITOR_BACK, form="import_token"),
    get("actionplans:import_measures", "signed_plan", expected=LOCKED),
    # Tertial follow-up.
    get("followup:plan", "signed_plan", expected=READ),
    get("followup:tertial", "signed_plan", "2018-T2", expected=READ),
    get("followup:tertial_pdf", "signed_plan", "2018-T2", expected=READ),
    post("followup:report", "joint_measure", "2018-T2", expected=REPORT, form="report"),
    post("followup:compile", "signed_plan", "2018-T2", expected=COMPILE),
    # Annual follow-up: read by readers, written by the parties' people as the tertial reports
    # are, finalised by the coordinator (sent back while an effect goal is unassessed), and
    # the plan's revision started by whoever edits the plan.
    get("followup:annual", "signed_plan", "2018", expected=READ),
    post("followup:annual", "signed_plan", "2018", expected=REPORT, form="annual"),
    get("followup:annual_pdf", "signed_plan", "2018", expected=READ),
    post("followup:annual_finalise", "signed_plan", "2018", expected=COMPILE),
    post("followup:annual_revise", "signed_plan", "2018", expected=DONE),
    # Signing a kept report (one address for the three kinds): the finalised year-end report
    # of the pledge is signed by its signatories; the written, unfinalised annual follow-up
    # and half-year report by nobody.
    post(
        "followup:sign_report",
        "loftesrapport",
        "year_end_report",
        expected=SIGN_REPORT,
        form="sign",
    ),
    post("followup:sign_report", "loftesrapport", "half_year_report", expected=LOCKED, form="sign"),
    post("followup:sign_report", "arsuppfoljning", "annual", expected=LOCKED, form="sign"),
    # The public pages: signed documents only; marking internal is the editors' (DONE).
    get("public:municipalities", expected=PUBLIC),
    get("public:municipality", "0586-mjolby-kommun", expected=PUBLIC),
    get("public:pledge", "0586-mjolby-kommun", "signed_pledge", expected=PUBLIC),
    get("public:pledge", "0586-mjolby-kommun", "draft_pledge", expected=NOWHERE),
    get("public:pledge", "0586-mjolby-kommun", "awaiting_pledge", expected=NOWHERE),
    get("public:pledge_pdf", "0586-mjolby-kommun", "signed_pledge", expected=PUBLIC),
    get("public:pledge_pdf", "0586-mjolby-kommun", "draft_pledge", expected=NOWHERE),
    get("public:pledge_pdf", "0586-mjolby-kommun", "awaiting_pledge", expected=NOWHERE),
    get("public:plan", "0586-mjolby-kommun", "signed_plan", expected=PUBLIC),
    get("public:plan", "0586-mjolby-kommun", "draft_plan", expected=NOWHERE),
    get("public:plan_pdf", "0586-mjolby-kommun", "signed_plan", expected=PUBLIC),
    get("public:plan_pdf", "0586-mjolby-kommun", "draft_plan", expected=NOWHERE),
    get("public:municipality", "0509-odeshogs-kommun", expected=NOWHERE),  # nothing signed
    # Open data (/oppna-data/): the public content as files, the same for everyone.
    get("public:open_data", expected=PUBLIC),
    get("public:open_json", expected=PUBLIC),
    get("public:open_measures", expected=PUBLIC),
    get("public:open_promises", expected=PUBLIC),
    get("public:open_feed", expected=PUBLIC),
    get("public:open_schema", expected=PUBLIC),
    get("public:open_json", "0586-mjolby-kommun", expected=PUBLIC),
    get("public:open_measures", "0586-mjolby-kommun", expected=PUBLIC),
    get("public:open_promises", "0586-mjolby-kommun", expected=PUBLIC),
    get("public:open_json", "0509-odeshogs-kommun", expected=NOWHERE),  # nothing signed
    get("public:search", expected=PUBLIC),
    get("public:themes", expected=PUBLIC),
    get("public:theme", "trygghet", expected=PUBLIC),
    get("public:theme", "inget-sadant", expected=NOWHERE),
    post("public:mark", "atgard", "joint_measure", expected=DONE, form="mark_internal"),
    post("public:mark", "tertialkommentar", "tertial_comment", expected=DONE, form="mark_internal"),
    post("public:mark", "loftesrapport", "promise_report", expected=DONE, form="mark_internal"),
    post("public:mark", "arsuppfoljning", "area_notes", expected=DONE, form="mark_internal"),
    # Import and export in the exchange format: readers export, coordinators import.
    get("exchange:export", "partnership", expected=READ),
    get("exchange:import", expected=IMPORT),
    post("exchange:import", expected=IMPORT_BACK, form="import_token"),
    # Setting up: organisations, partnerships, people and their logins.
    get("setup:index", expected=SETUP),
    get("setup:municipality_create", expected=SETUP),
    post("setup:municipality_create", expected=SETUP_DONE, form="new_municipality"),
    get("setup:municipality_edit", "municipality", expected=SETUP),
    post("setup:municipality_edit", "municipality", expected=SETUP_DONE, form="municipality"),
    get("setup:police_area_create", expected=SETUP),
    post("setup:police_area_create", expected=SETUP_DONE, form="new_police_area"),
    get("setup:police_area_edit", "police_area", expected=SETUP),
    post("setup:police_area_edit", "police_area", expected=SETUP_DONE, form="police_area"),
    get("setup:partnership_create", expected=SETUP),
    post("setup:partnership_create", expected=SETUP_DONE, form="new_partnership"),
    get("setup:partnership_edit", "partnership", expected=SETUP),
    post("setup:partnership_edit", "partnership", expected=SETUP_DONE, form="partnership"),
    get("setup:person_create", expected=SETUP),
    post("setup:person_create", expected=SETUP_DONE, form="new_person"),
    get("setup:person_edit", "chief_person", expected=SETUP),
    post("setup:person_edit", "chief_person", expected=SETUP_DONE, form="person"),
    post("setup:person_invite", "uninvited_person", expected=SETUP_DONE),
    post("setup:person_active", "chief_person", expected=SETUP_DONE, form="deactivate"),
    # PDFs: anyone who may read the document downloads it.
    get("pdf:download", "overenskommelse", "agreement", expected=READ),
    get("pdf:download", "handlingsplan", "signed_plan", expected=READ),
    get("pdf:download", "medborgarlofte", "draft_pledge", expected=READ),
    get("pdf:download", "arende", "case", expected=READ),
    get("pdf:signed_paper", "overenskommelse", "paper_agreement", expected=READ),
    get("pdf:download", "missiv", "case", expected=READ),
    get("pdf:case_package", "case", expected=READ),
]
