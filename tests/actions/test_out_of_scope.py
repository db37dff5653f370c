"""Out-of-scope routing: the right authority by keyword, or an honest "I can't help"."""

from __future__ import annotations

import asyncio
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content import load_content
from actions.life_words import fold
from actions.out_of_scope import ActionRouteOutOfScope, out_of_scope_answer, route_authority

FIXTURES = Path(__file__).parent / "fixtures" / "citizen"


def tracker_from(name: str, text: str, lang: str = "sv") -> Tracker:
    state: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    state["latest_message"]["text"] = text
    state["events"][-1]["text"] = text
    state["slots"]["lang"] = lang
    return Tracker.from_dict(state)


def answer_for(authority_id: str, lang: str) -> str:
    entry = next(
        a for a in load_content("authorities.yml")["authorities"] if a["id"] == authority_id
    )
    return str(entry["answer"][lang])


def without_diacritics(text: str) -> str:
    """What a keyboard without å/ä/ö gives: "Vårdcentralen" → "Vardcentralen"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def keyword_groups() -> list[tuple[str | None, str]]:
    """(authority id, or None for the municipality's own words; keyword) for the whole pack."""
    pack = load_content("authorities.yml")
    entries = [(None, pack["municipal"]), *((a["id"], a) for a in pack["authorities"])]
    return [
        (authority_id, word)
        for authority_id, entry in entries
        for key in ("keywords", "whole_words")
        for word in entry.get(key) or []
    ]


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("Jag har ont i magen", "healthcare"),
        ("hur bokar jag tid pa vardcentralen", "healthcare"),
        ("my child has a fever", "healthcare"),
        ("min tand gör ont", "healthcare"),
        ("someone broke into my house", "polisen"),
        ("how much tax do I pay", "skatteverket"),
        ("När kommer skatteåterbäringen?", "skatteverket"),
        ("jag vill byta efternamn", "skatteverket"),
        ("hur byter man namn", "skatteverket"),
        ("I want to change my name", "skatteverket"),
        ("Hur ansöker jag om föräldrapenning?", "forsakringskassan"),
        ("jag vill vabba imorgon", "forsakringskassan"),
        ("how do I get sick pay", "forsakringskassan"),
        ("Min cykel har blivit stulen", "polisen"),
        ("I want to report a crime", "polisen"),
        ("det brinner i huset bredvid", "emergency"),
        ("det har hänt en trafikolycka utanför skolan, folk är skadade", "emergency"),
        ("vi har krockat med bilen, en person är skadad", "emergency"),
        ("det luktar rök i trapphuset och brandlarmet tjuter", "emergency"),
        ("elden sprider sig till grannens hus", "emergency"),
        ("mamma har ramlat och slagit i huvudet, hon svarar inte", "emergency"),
        ("han har ont i bröstet och svårt att andas", "emergency"),
        ("there has been a car crash and someone is hurt", "emergency"),
        ("there is smoke coming out of the building next door", "emergency"),
        ("my husband has chest pain and can't breathe", "emergency"),
        ("a child fell into the lake", "emergency"),
    ],
)
def test_question_is_routed_to_the_authority(text: str, authority: str) -> None:
    assert route_authority(text, load_content("authorities.yml")) == authority


# The keywords added after reviewing the NLU data, in the words people use.
@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("kan ni boka en läkartid åt honom", "healthcare"),
        ("lakartid idag, det är brattom", "healthcare"),
        ("jag behöver träffa en läkare", "healthcare"),
        ("när har barnmorskan telefontid", "healthcare"),
        ("BVC har inte ringt om min bebis", "healthcare"),
        ("bvc tid for min son", "healthcare"),
        ("hur bokar jag tid hos distriktssköterskan åt honom?", "healthcare"),
        ("VARDCENTRALEN SVARAR INTE", "healthcare"),
        ("ring vard central", "healthcare"),
        ("var ligger akuten", "healthcare"),
        ("är akutmottagningen öppen i natt", "healthcare"),
        ("is there a hospital with an emergency room nearby", "healthcare"),
        ("where is the emergency department", "healthcare"),
        ("ring ambulans!", "emergency"),
        ("min fru har svimmat och vaknar inte", "emergency"),
        ("han svimmade på bussen", "emergency"),
        ("call an ambulance", "emergency"),
        ("my father fainted in the kitchen", "emergency"),
        ("det brinner i skogen", "emergency"),
        ("there is a fire in the stairwell", "emergency"),
        ("I want to change my first name", "skatteverket"),
        ("how do I get a coordination number", "skatteverket"),
        ("hur far jag ett samordningsnummer", "skatteverket"),
        ("jag vill anmäla ett rån", "polisen"),
        ("jag vill anmala ett ran", "polisen"),
        ("jag blev utsatt för rån i helgen", "polisen"),
        ("rånaren sprang mot stationen", "polisen"),
        ("I want to report a robbery", "polisen"),
        ("I was mugged last night", "polisen"),
        ("hur ansöker jag om pass", "passport"),
        ("Hur ansoker man om pass?", "passport"),
        ("passet har gått ut", "passport"),
        ("vi behöver förnya pass till barnen", "passport"),
        ("how do I renew my passport", "passport"),
        ("hur förnyar jag mitt körkort", "transportstyrelsen"),
        ("korkortet har gatt ut", "transportstyrelsen"),
        ("vad kostar fordonsskatten", "transportstyrelsen"),
        ("how do I renew my driving licence", "transportstyrelsen"),
        ("I lost my driver's license", "transportstyrelsen"),
        ("how do I pay vehicle tax", "transportstyrelsen"),
        ("jag vill söka studiemedel", "csn"),
        ("när ska jag betala tillbaka studielånet", "csn"),
        ("CSN har inte betalat ut", "csn"),
        ("how do I pay back my student loan", "csn"),
        ("hur söker man uppehållstillstånd", "migrationsverket"),
        ("uppehallstillstand for min fru", "migrationsverket"),
        ("jag vill ansöka om svenskt medborgarskap", "migrationsverket"),
        ("my residence permit expires soon", "migrationsverket"),
        ("I want to apply for Swedish citizenship", "migrationsverket"),
        ("hur skriver jag in mig på arbetsförmedlingen", "arbetsformedlingen"),
        ("jag är arbetslös, vad gör jag nu", "arbetsformedlingen"),
        ("jag har förlorat jobbet", "arbetsformedlingen"),
        ("I am unemployed", "arbetsformedlingen"),
        ("help for a job seeker", "arbetsformedlingen"),
        ("när kommer pensionen ut den här månaden", "pensionsmyndigheten"),
        ("hur mycket pension får jag", "pensionsmyndigheten"),
        ("jag vill ta ut min pension tidigare", "pensionsmyndigheten"),
        ("when will my pension be paid", "pensionsmyndigheten"),
        ("what will my pension amount be", "pensionsmyndigheten"),
    ],
)
def test_a_new_keyword_routes_to_its_authority(text: str, authority: str) -> None:
    assert route_authority(text, load_content("authorities.yml")) == authority


# life_job and life_financial_aid are the municipality's own, even beside an authority's words.
@pytest.mark.parametrize(
    "text",
    [
        "Hur söker jag sommarjobb?",
        "min dotter är 15, kan hon få feriejobb",
        "jag vill jobba som vikarie",
        "lediga jobb i kommunen",
        "jag är arbetssökande och vill jobba hos kommunen",
        "har ni några lediga jobb som sjuksköterska",
        "summer jobs for teenagers",
        "I want to work as a substitute teacher",
        "job vacancies for assistant nurses",
        "Hur söker man ekonomiskt bistånd?",
        "ekonomiskt bistand",
        "ansöka om försörjningsstöd",
        "forsorjningsstod",
        "jag är arbetslös och har inga pengar",
        "jag har förlorat jobbet och kan inte betala hyran",
        "I lost my job and have no money for rent",
        "emergency financial assistance",
        "emergency money today",
    ],
)
def test_the_municipalitys_own_topics_are_not_routed_away(text: str) -> None:
    assert route_authority(text, load_content("authorities.yml")) is None


# Prefix matching would find these inside unrelated words ("fire" in "fired", "rån" in "räntan").
@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("I was fired from my job", None),
        ("can we set off fireworks on new year's eve", None),
        ("is there a nursery school near me", None),
        ("får man tända eld på stranden", None),
        ("skrivaren känner inte igen mitt passerkort", None),
        ("hur hög är räntan på studielånet", "csn"),
        ("ett räntefritt lån", None),
        ("I ran out of my medicine", "healthcare"),
    ],
)
def test_whole_words_do_not_match_inside_other_words(text: str, authority: str | None) -> None:
    assert route_authority(text, load_content("authorities.yml")) == authority


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("this is an emergency", "emergency"),
        ("is there an emergency room nearby", "healthcare"),  # "emergency room" > "emergency"
        ("I feel sick", "healthcare"),
        ("how do I get sick pay", "forsakringskassan"),  # "sick pay" > "sick"
        ("min man har svimmat, ska vi åka till akuten", "emergency"),  # "svimmat" > "akuten"
        ("jag svimmar ibland och vill boka en läkartid", "healthcare"),  # "läkartid" > "svimma…"
        ("jag är arbetslös och har inga pengar", None),  # "inga pengar" > "arbetslös"
        ("Varför måste jag betala skatt på min pension?", "skatteverket"),
    ],
)
def test_the_longest_matching_keyword_wins(text: str, authority: str | None) -> None:
    assert route_authority(text, load_content("authorities.yml")) == authority


def test_ties_go_to_the_municipality_then_to_the_authority_listed_first() -> None:
    pack: dict[str, Any] = {
        "municipal": {"keywords": ["jobb"]},
        "authorities": [
            {"id": "first", "keywords": ["akut"]},
            {"id": "second", "keywords": ["akut", "jobb"]},
            {"id": "third", "keywords": ["akuten"]},
        ],
    }
    assert route_authority("akut hjälp", pack) == "first"
    assert route_authority("jobb", pack) is None
    assert route_authority("till akuten", pack) == "third"  # longer, though listed last


def test_whole_words_match_a_whole_word_even_at_the_end_of_a_sentence() -> None:
    pack: dict[str, Any] = {"authorities": [{"id": "polisen", "whole_words": ["ett rån"]}]}
    assert route_authority("Jag såg ett rån.", pack) == "polisen"
    assert route_authority("ett RAN", pack) == "polisen"
    assert route_authority("ett räntefritt lån", pack) is None


# Every keyword of the pack, alone, as written and as typed in capitals without å/ä/ö, goes to
# its own group: no keyword is shadowed by a longer one of another group.
@pytest.mark.parametrize(("authority", "word"), keyword_groups())
def test_each_keyword_routes_to_its_own_group(authority: str | None, word: str) -> None:
    pack = load_content("authorities.yml")
    assert route_authority(word, pack) == authority
    assert route_authority(without_diacritics(word).upper(), pack) == authority


def test_keywords_are_strings_and_none_is_listed_twice() -> None:
    words = [word for _, word in keyword_groups()]
    assert all(isinstance(word, str) and fold(word) for word in words), words
    folded = [fold(word) for word in words]
    assert sorted({w for w in folded if folded.count(w) > 1}) == []


@pytest.mark.parametrize(
    ("authority", "website"),
    [
        ("transportstyrelsen", "www.transportstyrelsen.se"),
        ("csn", "www.csn.se"),
        ("migrationsverket", "www.migrationsverket.se"),
        ("arbetsformedlingen", "www.arbetsformedlingen.se"),
        ("pensionsmyndigheten", "www.pensionsmyndigheten.se"),
        ("passport", "www.polisen.se"),
    ],
)
def test_the_answer_says_how_to_reach_the_authority_in_both_languages(
    authority: str, website: str
) -> None:
    assert website in answer_for(authority, "sv")
    assert website in answer_for(authority, "en")


@pytest.mark.parametrize(
    "text", ["Vad blir det för väder imorgon?", "berätta ett skämt", "jag bor på hotell"]
)
def test_unknown_topic_has_no_authority(text: str) -> None:
    assert route_authority(text, load_content("authorities.yml")) is None


def test_fallback_is_honest_and_names_the_contact_centre() -> None:
    authority, answer = out_of_scope_answer(
        "berätta ett skämt",
        "sv",
        load_content("authorities.yml"),
        load_content("municipality.yml"),
    )
    assert authority is None
    assert answer == (
        "Det kan jag tyvärr inte svara på. Jag vill inte gissa. Kontakta kommunens kontaktcenter "
        "på 070-174 06 10 (måndag–fredag 8.00–16.30) "  # noqa: RUF001 (the queue's hours)
        "eller mejla kontaktcenter@mittkoping.example."
    )


@pytest.mark.parametrize(
    ("text", "lang", "authority"),
    [
        ("Jag har ont i magen", "sv", "healthcare"),
        ("När kommer skatteåterbäringen?", "sv", "skatteverket"),
        ("Hur ansöker jag om föräldrapenning?", "sv", "forsakringskassan"),
        ("Min cykel har blivit stulen", "sv", "polisen"),
        ("my car was stolen", "en", "polisen"),
        ("hur förnyar jag mitt korkort", "sv", "transportstyrelsen"),
        ("how do I apply for student finance from CSN", "en", "csn"),
        ("jag vill ansöka om svenskt medborgarskap", "sv", "migrationsverket"),
        ("how do I register at Arbetsförmedlingen as unemployed", "en", "arbetsformedlingen"),
        ("när kommer pensionen ut den här månaden", "sv", "pensionsmyndigheten"),
        ("how do I get a new passport", "en", "passport"),
    ],
)
def test_action_answers_with_the_authority_and_sets_nothing(
    text: str, lang: str, authority: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = tracker_from("out_of_scope_message.json", text, lang)
    events = asyncio.run(ActionRouteOutOfScope().run(dispatcher, tracker, {}))
    assert events == []
    assert [m["text"] for m in dispatcher.messages] == [answer_for(authority, lang)]


def test_action_in_english_falls_back_honestly() -> None:
    dispatcher = CollectingDispatcher()
    tracker = tracker_from("out_of_scope_message.json", "tell me a joke", "en")
    asyncio.run(ActionRouteOutOfScope().run(dispatcher, tracker, {}))
    assert [m["text"] for m in dispatcher.messages] == [
        "Sorry, I can't help with that, and I don't want to guess. Contact the municipality's "
        "contact centre on 070-174 06 10 (Monday–Friday 08:00–16:30) "  # noqa: RUF001
        "or e-mail kontaktcenter@mittkoping.example."
    ]
