from __future__ import annotations

import pytest

from actions import it_fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("skrivare", "printer"),
        ("Skrivaren", "printer"),
        ("lösenord", "password"),
        ("losenord", "password"),
        ("system access", "system_access"),
        ("Nätverk", "network"),
        ("möte", "meeting"),
        ("annat", "other"),
        ("banan", None),
    ],
)
def test_category_is_parsed_from_swedish_and_english_words(text: str, expected: str | None) -> None:
    assert it_fields.parse_category(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the buttons and the level names
        ("hög", "high"),
        ("Hog", "high"),
        ("HÖG", "high"),
        ("high", "high"),
        ("Hög \u2013 jag kan inte arbeta", "high"),  # en dash, as on the button
        ("Låg - det kan vänta", "low"),
        ("Låg \u2013 det kan vänta", "low"),
        ("lag", "low"),
        ("low", "low"),
        ("normal", "normal"),
        ("Medel", "normal"),
        ("medium", "normal"),
        ("1", "low"),
        ("2", "normal"),
        ("3", "high"),
        # negated urgency words mean low, in Swedish with and without å/ä/ö, and in English
        ("ingen brådska", "low"),
        ("ingen bradska", "low"),
        ("Ingen större brådska", "low"),
        ("det har ingen brådska alls", "low"),
        ("inte bråttom", "low"),
        ("inte brattom", "low"),
        ("inte så himla bråttom", "low"),
        ("inte akut", "low"),
        ("ej akut", "low"),
        ("inget akut", "low"),
        ("inte så viktigt", "low"),
        ("inte hög prioritet", "low"),
        ("utan brådska", "low"),
        ("ingen stress", "low"),
        ("not urgent", "low"),
        ("it isn't urgent", "low"),
        ("it isnt urgent", "low"),
        ("no hurry", "low"),
        ("I'm in no hurry", "low"),
        ("not in a hurry", "low"),
        ("no rush", "low"),
        ("it's not important", "low"),
        # calm phrases
        ("det kan vänta", "low"),
        ("det kan vanta", "low"),
        ("när ni hinner", "low"),
        ("nar ni har tid", "low"),
        ("it can wait", "low"),
        ("whenever", "low"),
        # a level name beats the words around it
        ("normal, inte akut", "normal"),
        ("låg, ingen brådska", "low"),
        # softened urgency is normal
        ("ganska bråttom", "normal"),
        ("lite bråttom", "normal"),
        ("somewhat urgent", "normal"),
        # urgent, and "cannot work / cannot wait" whatever else is said
        ("bråttom", "high"),
        ("brattom", "high"),
        ("brådskande", "high"),
        ("det är akut!", "high"),
        ("så snabbt som möjligt", "high"),
        ("ASAP", "high"),
        ("urgent", "high"),
        ("det kan inte vänta", "high"),
        ("det kan inte vanta", "high"),
        ("jag kan inte jobba", "high"),
        ("mitt lag kan inte arbeta", "high"),
        ("I cannot work", "high"),
        ("can't work at all", "high"),
        ("cant wait", "high"),
        # nothing, or a contradiction: the form asks again
        ("kanske", None),
        ("inte låg", None),
        ("viktigt men inte akut", None),
        ("låg eller hög", None),
        ("", None),
    ],
)
def test_urgency_words(text: str, expected: str | None) -> None:
    assert it_fields.parse_urgency(text) == expected


def test_email_is_extracted_and_lower_cased() -> None:
    assert (
        it_fields.parse_email("min mejl är Anna.A@Mittkoping.example")
        == "anna.a@mittkoping.example"
    )
    assert it_fields.parse_email("anna at example") is None


def test_swedish_phone_numbers_become_e164() -> None:
    assert it_fields.parse_phone("070-174 06 21") == "+46701740621"
    assert it_fields.parse_phone("12") is None


def test_reporter_name_needs_two_words_and_is_capitalised() -> None:
    assert it_fields.parse_reporter_name("jag heter anna andersson") == "Anna Andersson"
    assert it_fields.parse_reporter_name("my name is John Smith.") == "John Smith"
    assert it_fields.parse_reporter_name("Anna") is None
    assert it_fields.parse_reporter_name("anna@x.se") is None


@pytest.mark.parametrize(
    "name",
    ["Åsa Öberg", "Asa Oberg", "Karl-Erik af Ekström", "Anna Maria von Platen", "My Lindqvist"],
)
def test_real_names_with_particles_and_diacritics_are_names(name: str) -> None:
    assert it_fields.parse_reporter_name(name) is not None


@pytest.mark.parametrize(
    "text",
    [
        "är du en robot",
        "Är du en robot?",
        "ar du en manniska",
        "vem är du",
        "prata med en människa",
        "tack så mycket",
        "hej hej",
        "vet inte",
        "jag vet inte vad jag heter",
        "varför behöver ni det",
        "Anna Andersson?",
        "are you a bot",
        "who are you",
        "I don't know",
        "Anna Berg Lund Holm Ek Strand",
    ],
)
def test_questions_and_sentences_are_not_names(text: str) -> None:
    assert it_fields.parse_reporter_name(text) is None


def test_description_masks_personal_identity_numbers() -> None:
    text = "Skrivaren fungerar inte, mitt personnummer är 19900101-0017"
    description = it_fields.parse_description(text)
    assert description is not None
    assert "19900101-0017" not in description
    assert it_fields.parse_description("hej") is None


def test_employee_id_and_one_time_code_formats() -> None:
    assert it_fields.parse_employee_id("det är e10001") == "E10001"
    assert it_fields.parse_employee_id("E 10002") == "E10002"
    assert it_fields.parse_employee_id("10001") is None
    assert it_fields.parse_otp_code("482 913") == "482913"
    assert it_fields.parse_otp_code("482-913") == "482913"
    assert it_fields.parse_otp_code("48291") is None


def test_field_names_for_corrections() -> None:
    assert it_fields.parse_field("ändra e-posten") == "email"
    assert it_fields.parse_field("fel beskrivning") == "description"
    assert it_fields.parse_field("urgency") == "urgency"
    assert it_fields.parse_field("hmm") is None


def test_skip_words_and_location_categories() -> None:
    assert it_fields.is_skip("Hoppa över")
    assert it_fields.is_skip("skip")
    assert not it_fields.is_skip("anna@example.com")
    assert it_fields.needs_location("printer")
    assert not it_fields.needs_location("software")
