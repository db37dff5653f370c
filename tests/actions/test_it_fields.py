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
        ("hög", "high"),
        ("Hog", "high"),
        ("Låg - det kan vänta", "low"),
        ("normal", "normal"),
        ("high", "high"),
        ("kanske", None),
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
    assert it_fields.parse_reporter_name("Anna") is None
    assert it_fields.parse_reporter_name("anna@x.se") is None


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
