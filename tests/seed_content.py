"""The Mjölby pledge as the register signs it, written out by hand from fixtures/mjolby.json.

Signing hashes a document's content as canonical JSON (keys sorted, no spaces, UTF-8). The
expected content and hashes are written here, not worked out by the register, so that a
change in what is signed, or how, shows: signatures already made would no longer verify.
"""

import json

PROMISES_2018 = [
    {
        "text": "Polisen utför fotpatrullering i området",
        "responsible": "police",
        "other_parties": "",
        "responsible_note": "",
    },
    {
        "text": "Genomföra trygghetsvandringar med representanter från kommun, polis och "
        "andra berörda",
        "responsible": "joint",
        "other_parties": "",
        "responsible_note": "",
    },
    {
        "text": "Upplevda otrygghetsfaktorer skall ses över och vid behov åtgärdas av kommunen",
        "responsible": "municipality",
        "other_parties": "",
        "responsible_note": "",
    },
]

# The signed 2018 pledge: its status, links and extension are not part of what was signed.
PLEDGE_2018 = {
    "kind": "pledge",
    "title": "Medborgarlöfte i Mjölby Kommun 2018",
    "period_start": "2018-01-01",
    "period_end": "2018-12-31",
    "diary_number": "KS/2017:359",
    "revision": 1,
    "introduction": "Medborgarlöftet är en del av polisens och kommunens "
    "samverkansöverenskommelse om långsiktigt brottsförebyggande och trygghetsskapande arbete.",
    "situation_basis": "Medborgarlöftet utgår ifrån en lägesbild. Denna lägesbild har tagits "
    "fram genom medarbetardialoger, medborgardialoger, statistik och genom den interna kunskap "
    "som finns inom Polismyndighetens och Kommunens organisationer.",
    "from_staff_dialogues": True,
    "from_citizen_dialogues": True,
    "from_statistics": True,
    "from_internal_knowledge": True,
    "situation": "Den största delen av skadegörelsebrotten sker på Järnvägsgatan, resecentrum "
    "i Mjölby. Området upplevs av många medborgare som otryggt.",
    "focus_place": "Järnvägsgatan och området kring resecentrum i Mjölby",
    "promise_intro": "För att medborgarna skall känna sig tryggare och för att minska "
    "brottsligheten i området så lovar kommunen och polisen att:",
    "follow_up": "Resultatet kommer att följas upp och redovisas under 2018",
    "promises": PROMISES_2018,
}

# Since content form 2 a pledge's citizen dialogues and its extension are signed too.
DIALOGUE_2017 = {
    "year": 2017,
    "held_on": None,
    "town": "",
    "held_by": "Polisen och kommunen i samverkan",
    "raised": "",
}
PLEDGE_2018_FORM_2 = {
    **PLEDGE_2018,
    "dialogues": [DIALOGUE_2017] * 3,
    "extended_to": None,
    "extension_note": "",
}

# The 2019 draft copied from it: the same text, a new title and period, no diary number yet,
# and no dialogues (the new year's are chosen anew); in content form 2.
PLEDGE_2019_DRAFT = {
    **PLEDGE_2018_FORM_2,
    "title": "Medborgarlöfte i Mjölby Kommun 2019",
    "period_start": "2019-01-01",
    "period_end": "2019-12-31",
    "diary_number": "",
    "dialogues": [],
}


def canonical_json(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


# hashlib.sha256(canonical_json(...)).hexdigest() of the dicts above. PLEDGE_2018_HASH is
# content form 1, as signatures made before form 2 hashed it; they must still verify.
PLEDGE_2018_HASH = "f73f808965b94480cb9c15cbfc95c4f39311b1d15800fa0445c3329225f2806c"
PLEDGE_2018_FORM_2_HASH = "90ce2b8cddec892e2cdd78a43f9357bb310f49d08b03a1d1574f55122ad8846b"
PLEDGE_2019_DRAFT_HASH = "c5b8a80d80356469a4e9e5d3d80a2eb76690b4b178f06b9143fc8e1cb7f65894"


def in_form_3(content: dict) -> dict:
    """A pledge's content in form 3: with its joint goals, the points under each promise and
    its measurable targets (none of them in the seed)."""
    promises = [{**promise, "points": []} for promise in content["promises"]]
    return {**content, "joint_goals": "", "promises": promises, "targets": []}


PLEDGE_2018_FORM_3 = in_form_3(PLEDGE_2018_FORM_2)
PLEDGE_2019_DRAFT_FORM_3 = in_form_3(PLEDGE_2019_DRAFT)
PLEDGE_2018_FORM_3_HASH = "947090210d0edcd6e3bc031cc310a42b81fbeb4e9887c98d6cf82d2e4d76f4cf"
PLEDGE_2019_DRAFT_FORM_3_HASH = "92079ad343fbdab1eaa7fc9fef8f347a0a135b372439ab296ba77368c9b0b0d4"
