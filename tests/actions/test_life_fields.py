"""Pure parsers behind the citizen forms' validators (actions/life_fields.py, life_forms.py)."""

from __future__ import annotations

import pytest

from actions.fault_report import category_keywords, guess_category
from actions.life_fields import (
    best_keyword_match,
    fold,
    is_no,
    is_question,
    is_yes,
    only_asks,
    parse_address,
    parse_category,
    parse_correction,
    parse_description,
    parse_name,
    parse_on_behalf,
    parse_optional_email,
    parse_optional_phone,
    parse_personal_id,
    parse_phone,
)
from actions.life_forms import confirm_step, correction_keywords, forms_content, summary_text

# 19420315-1230 and 19121212-1212 have valid check digits; 19420375-1237 is the
# samordningsnummer (day + 60) for 15 March 1942.
VALID_ID = "19420315-1230"


def test_fold_removes_case_and_diacritics() -> None:
    assert fold("Gatlampan ÄR släckt!") == "gatlampan ar slackt"


# What the user wrote → the address as the case officer gets it (None: asked again).
ADDRESSES = [
    ("Storgatan 12", "Storgatan 12"),
    ("det är på storgatan 12", "Storgatan 12"),
    ("Gamla vägen 3b", "Gamla vägen 3B"),
    ("vid Kvarnbacken 4 i stan", "Kvarnbacken 4"),
    ("Stora torget 2, Mittköping", "Stora torget 2"),
    ("Asvagen 7", "Asvagen 7"),
    ("Storgatan 12, 123 45 Mittköping", "Storgatan 12"),
    # multi-word street names keep every word
    ("Per Albin Hanssons väg 14", "Per Albin Hanssons väg 14"),
    ("jag bor på Per Albin Hanssons väg 14", "Per Albin Hanssons väg 14"),
    ("per albin hanssons väg 14", "Per albin hanssons väg 14"),
    ("lampan vid per albin hanssons väg 14 är trasig", "Per albin hanssons väg 14"),
    ("Karl XII:s torg 1", "Karl XII:s torg 1"),
    ("S:t Persgatan 5", "S:t Persgatan 5"),
    ("lampan vid S:t Persgatan 5 är släckt", "S:t Persgatan 5"),
    ("St. Eriksgatan 3", "St. Eriksgatan 3"),
    ("Lilla Nygatan 3", "Lilla Nygatan 3"),
    # letters and flat numbers belong to the address
    ("Storgatan 12 B", "Storgatan 12 B"),
    ("storgatan 12 b", "Storgatan 12 B"),
    ("Storgatan 12B", "Storgatan 12B"),
    ("Storgatan 12 B är trasig", "Storgatan 12 B"),
    ("Storgatan 12 i stan", "Storgatan 12"),
    ("Björkvägen 21 lgh 1102", "Björkvägen 21 lgh 1102"),
    ("Björkvägen 21, lgh 1102", "Björkvägen 21 lgh 1102"),
    # a name without a street word only as the whole answer
    ("Solhem 3", "Solhem 3"),
    ("Solhem 3, Mittköping", "Solhem 3"),
    ("Lampan 3 är trasig", None),
    ("Gatlampan är trasig sedan 3 dagar", None),
    ("vägen 3", None),
    ("Skrivaren på plan 2", None),
    ("jag är 84 år", None),
    ("ingen aning", None),
    ("vid skolan", None),
    ("12", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSES)
def test_address_is_street_and_number_as_written(text: str, expected: str | None) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("address", sorted({a for _, a in ADDRESSES if a}))
def test_a_parsed_address_parses_to_itself(address: str) -> None:
    # A resumed form validates its earlier answers again.
    assert parse_address(address) == address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gatlampan är släckt", "street_lighting"),
        ("Gatubelysning", "street_lighting"),
        ("street_lighting", "street_lighting"),
        ("ett stort potthål", "road"),
        ("någon har klottrat", "graffiti"),
        ("gungan är trasig", "playground"),
        ("tradet har fallit", "tree"),
        ("vattenläcka i gatan", "water"),
        ("the street light is broken", "street_lighting"),
        ("annat", "other"),
    ],
)
def test_category_from_words(text: str, expected: str) -> None:
    assert parse_category(text, category_keywords()) == expected


def test_category_guess_from_first_message_never_says_other() -> None:
    assert guess_category("jag vill anmäla något annat") is None
    assert guess_category("Lampan på Storgatan 12 lyser inte") == "street_lighting"


def test_unknown_category_is_none() -> None:
    assert parse_category("blablabla", category_keywords()) is None


def test_longest_keyword_wins_and_ties_go_to_the_first_group() -> None:
    groups = {"health": ["sick"], "insurance": ["sick pay"], "other": ["pay"]}
    assert best_keyword_match("how do I get sick pay", groups) == "insurance"
    assert best_keyword_match("I feel sick", groups) == "health"
    assert best_keyword_match("nothing here", groups) is None


def test_keywords_match_at_word_start_only() -> None:
    assert best_keyword_match("jag uppskattar det", {"tax": ["skatt"]}) is None
    assert best_keyword_match("skatten är hög", {"tax": ["skatt"]}) == "tax"


@pytest.mark.parametrize(
    ("text", "intent"),
    [("Ja", None), ("japp!", None), ("ja, skicka", None), ("yes", None), ("/affirm", "affirm")],
)
def test_yes(text: str, intent: str | None) -> None:
    assert is_yes(text, intent)
    assert not is_no(text, intent)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("nej", None), ("Nej tack", None), ("nä", None), ("no", None), ("/deny", "deny")],
)
def test_no(text: str, intent: str | None) -> None:
    assert is_no(text, intent)
    assert not is_yes(text, intent)


def test_optional_phone_normalizes_skips_and_rejects() -> None:
    assert parse_optional_phone("070-123 45 67") == "+46701234567"
    assert parse_optional_phone("nej") == ""
    assert parse_optional_phone("/deny", "deny") == ""
    assert parse_optional_phone("ring mig") is None
    assert parse_optional_phone("") == ""  # a skip validated again when the form resumes


def test_required_phone_has_no_skip() -> None:
    assert parse_phone("nej") is None
    assert parse_phone("0701234567") == "+46701234567"


def test_optional_email() -> None:
    assert parse_optional_email(" anna@example.se. ") == "anna@example.se"
    assert parse_optional_email("nej tack") == ""
    assert parse_optional_email("anna at example") is None
    assert parse_optional_email("") == ""


def test_description_needs_a_few_words() -> None:
    assert parse_description("  Lampan   blinkar hela natten ") == "Lampan blinkar hela natten"
    assert parse_description("ok") is None
    assert parse_description("nej") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Svensson", "Anna Svensson"),
        ("jag heter karl-erik öberg", "Karl-erik Öberg"),
        ("My name is John Smith", "John Smith"),
    ],
)
def test_name(text: str, expected: str) -> None:
    assert parse_name(text) == expected


@pytest.mark.parametrize(
    "text",
    ["12345", "a", "anna@example.se", "vad kostar hemtjänst", "Vem är du", "är du en robot?"],
)
def test_not_a_name(text: str) -> None:
    assert parse_name(text) is None


@pytest.mark.parametrize(
    "text",
    ["19420315-1230", "194203151230", "420315-1230", "4203151230", "det är 19420315-1230"],
)
def test_personal_id_is_normalized(text: str) -> None:
    assert parse_personal_id(text) == VALID_ID


def test_coordination_number_is_accepted() -> None:
    assert parse_personal_id("19420375-1237") == "19420375-1237"


@pytest.mark.parametrize("text", ["19420315-1231", "19421315-1230", "hemligt", "1234"])
def test_wrong_personal_id_is_rejected(text: str) -> None:
    assert parse_personal_id(text) is None


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("för min mamma", None, True),
        ("Ja, för en anhörig", None, True),
        ("/affirm", "affirm", True),
        ("för mig själv", None, False),
        ("nej", None, False),
        ("my mother", None, True),
        ("kanske", None, None),
    ],
)
def test_on_behalf(text: str, intent: str | None, expected: bool | None) -> None:
    assert parse_on_behalf(text, intent) is expected


def test_correction_names_the_field() -> None:
    keywords = correction_keywords("fault_report_form", forms_content())
    assert parse_correction("adressen är fel", keywords) == "address"
    assert parse_correction("address", keywords) == "address"
    assert parse_correction("telefonnumret", keywords) == "phone"
    assert parse_correction("vet inte", keywords) is None


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("Ja, skicka", None, ("yes", None)),
        ("/affirm", "affirm", ("yes", None)),
        ("/deny", "deny", ("no", None)),
        ("nej, adressen är fel", None, ("change", "address")),
        ("ändra personnumret", None, ("change", "personal_id")),
        ("hmm", None, ("unclear", None)),
    ],
)
def test_confirm_step(text: str, intent: str | None, expected: tuple[str, str | None]) -> None:
    keywords = correction_keywords("home_care_form", forms_content())
    assert confirm_step(text, intent, keywords) == expected


def test_summary_lists_every_field_in_order_with_not_given() -> None:
    values = {"category": "Klotter", "address": "Parkgatan 3", "description": "Tags på muren"}
    text = summary_text("fault_report_form", values, "sv", forms_content())
    assert text == (
        "Typ av fel: Klotter\nAdress: Parkgatan 3\nBeskrivning: Tags på muren\n"
        "Telefon: inte angivet\nE-post: inte angivet"
    )


def test_summary_in_english_shows_yes_for_booleans() -> None:
    text = summary_text("home_care_form", {"on_behalf": True}, "en", forms_content())
    assert "Applying for someone else: yes" in text.splitlines()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hur gör jag en felanmälan?", True),
        ("hur felanmaler man", True),
        ("kan jag anmäla fel här", True),
        ("How do I report a fault", True),
        ("lampan är trasig?", True),
        ("jag vill felanmäla", False),
        ("Gatlampan är trasig", False),
        ("Hurra, lampan fungerar", False),
    ],
)
def test_is_question(text: str, expected: bool) -> None:
    assert is_question(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vad kostar hemtjänst?", True),
        ("vad kostar hemtjänsten", True),
        ("Hej, vad kostar hemtjänst?", True),
        ("Ursäkta. Hur lång tid tar det?", True),
        ("hur gör jag, jag har aldrig gjort det här", True),
        ("lampan är trasig?", True),
        ("Lampan är släckt, kan ni laga den?", False),  # tells first, then asks
        ("Mamma har svårt att duscha. Kan hon få hjälp?", False),
        ("Hon behöver hjälp med städning", False),
        ("Gatlampan blinkar", False),
    ],
)
def test_only_asks(text: str, expected: bool) -> None:
    assert only_asks(text) is expected
