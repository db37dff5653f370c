"""The intent component, trained and loaded through Rasa's own model storage (bot runtime):

.venv-bot/bin/pytest -c tests/bot/pytest.ini tests/bot
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.linear_intent_classifier import LinearIntentClassifier

# Small but real: six varied examples per intent, so the inner 5-fold calibration can run.
EXAMPLES = {
    "it_password_reset": [
        "jag har glömt mitt lösenord",
        "byta lösenord",
        "losenordet har gått ut",
        "kan du återställa mitt lösenord",
        "I forgot my password",
        "nytt lösenord tack",
    ],
    "it_printer": [
        "skrivaren skriver inte ut",
        "pappersstopp i skrivaren",
        "printern är offline",
        "min utskrift fastnar i kön",
        "the printer is not working",
        "skrivarn krånglar igen",
    ],
    "life_report_fault": [
        "gatlampan är trasig",
        "det är ett hål i vägen",
        "lyktstolpen lyser inte",
        "någon har klottrat på muren",
        "the street light is broken",
        "vattenpölen på cykelbanan fryser",
    ],
}


def training_data() -> TrainingData:
    return TrainingData(
        [
            Message.build(text=text, intent=intent)
            for intent, texts in EXAMPLES.items()
            for text in texts
        ]
    )


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="linear_intent")


def trained(storage: LocalModelStorage, **config: object) -> LinearIntentClassifier:
    component = LinearIntentClassifier.create(
        {**LinearIntentClassifier.get_default_config(), **config},
        storage,
        Resource("linear_intent"),
        context(),
    )
    component.train(training_data())
    return component


def parse(component: LinearIntentClassifier, text: str) -> Message:
    message = Message.build(text=text)
    component.process([message])
    return message


def test_unseen_wordings_get_the_right_intent(storage: LocalModelStorage) -> None:
    component = trained(storage)
    assert parse(component, "glömt lösenord").get("intent")["name"] == "it_password_reset"
    assert parse(component, "skrivaren har pappersstopp").get("intent")["name"] == "it_printer"
    assert parse(component, "gatlampan utanför huset är trasig").get("intent")["name"] == (
        "life_report_fault"
    )


def test_ranking_is_sorted_probabilities_capped_at_ranking_length(
    storage: LocalModelStorage,
) -> None:
    component = trained(storage, ranking_length=2)
    message = parse(component, "skrivaren skriver inte ut")
    ranking = message.get("intent_ranking")
    assert ranking[0]["name"] == "it_printer"
    assert len(ranking) == 2
    confidences = [entry["confidence"] for entry in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert message.get("intent") == ranking[0]
    full = component.confidences(["skrivaren skriver inte ut"])[0]
    assert full.sum() == pytest.approx(1.0)
    assert (full >= 0).all()


def test_calibration_fits_a_temperature_and_skips_when_intents_are_too_small(
    storage: LocalModelStorage,
) -> None:
    assert trained(storage).temperature != 1.0
    # Six examples per intent cannot feed seven calibration folds: plain softmax of the margins.
    assert trained(storage, calibration_folds=7).temperature == 1.0


def test_nonsense_is_less_confident_than_a_clear_request(storage: LocalModelStorage) -> None:
    component = trained(storage)
    clear = parse(component, "jag har glömt mitt lösenord").get("intent")["confidence"]
    nonsense = parse(component, "qwxz").get("intent")["confidence"]
    assert nonsense < clear


def test_empty_text_has_no_intent_like_diet(storage: LocalModelStorage) -> None:
    message = parse(trained(storage), "   ")
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []


def test_persisted_model_loads_and_predicts_the_same(storage: LocalModelStorage) -> None:
    component = trained(storage)
    texts = ["lösenordet funkar inte", "printern", "hål i gatan", "något helt annat"]
    before = component.confidences(texts)
    loaded = LinearIntentClassifier.load(
        LinearIntentClassifier.get_default_config(), storage, Resource("linear_intent"), context()
    )
    assert loaded.classes == component.classes
    assert loaded.temperature == pytest.approx(component.temperature)
    np.testing.assert_allclose(loaded.confidences(texts), before, rtol=1e-5)


def test_model_files_hold_no_pickle(storage: LocalModelStorage, tmp_path: Path) -> None:
    trained(storage)
    stored = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert stored == {"model.json", "arrays.npz"}
    for path in tmp_path.rglob("arrays.npz"):
        with np.load(path, allow_pickle=False) as arrays:  # raises if anything needs pickle
            assert set(arrays.files) == {"weights", "intercepts", "idf_0", "idf_1", "idf_2"}


def test_one_intent_is_not_trained_and_predicts_nothing(storage: LocalModelStorage) -> None:
    component = LinearIntentClassifier.create(
        LinearIntentClassifier.get_default_config(), storage, Resource("one"), context()
    )
    component.train(TrainingData([Message.build(text="hej", intent="greet")] * 3))
    assert parse(component, "hej").get("intent") == {"name": None, "confidence": 0.0}


def test_missing_model_loads_as_untrained(storage: LocalModelStorage) -> None:
    component = LinearIntentClassifier.load(
        LinearIntentClassifier.get_default_config(), storage, Resource("never"), context()
    )
    assert parse(component, "hej").get("intent") == {"name": None, "confidence": 0.0}


def test_shape_reads_the_form_of_a_message() -> None:
    shape = LinearIntentClassifier.shape
    assert shape("Storgatan 12") == "BOS C0 D EOS LEN2"
    assert shape("jag heter Anna Berg.") == "BOS w w C C P EOS LEN5"
    assert shape("rum B2") == "BOS w M EOS LEN2"
    assert shape("") == "BOS EOS LEN0"
    assert shape("a b c d e f g h i j").endswith("LEN8")  # capped


# Form answers against sentences: the answers share no words with each other, only a form.
FORM_ANSWERS = {
    "inform": [
        "Storgatan 12",
        "Anna Berg",
        "Kungsvägen 4 B",
        "Per Olsson",
        "Lilla Torget 7",
        "Eva Lind",
    ],
    "life_report_fault": EXAMPLES["life_report_fault"],
    "it_printer": EXAMPLES["it_printer"],
}


def test_shapes_recognise_a_form_answer_with_unseen_words(storage: LocalModelStorage) -> None:
    def trained_on_form_answers(weights: list[float]) -> LinearIntentClassifier:
        component = LinearIntentClassifier.create(
            {**LinearIntentClassifier.get_default_config(), "feature_weights": weights},
            storage,
            Resource(f"shapes_{weights[2]}"),
            context(),
        )
        data = [Message.build(text=t, intent=i) for i, ts in FORM_ANSWERS.items() for t in ts]
        component.train(TrainingData(data))
        return component

    unseen = ["Mårten Ek", "Björkvägen 31"]
    with_shapes = trained_on_form_answers([1.0, 1.4, 0.5])
    assert [parse(with_shapes, text).get("intent")["name"] for text in unseen] == ["inform"] * 2
    without = trained_on_form_answers([1.0, 1.4, 0.0])
    inform = with_shapes.classes.index("inform")
    more_sure = with_shapes.confidences(unseen)[:, inform] > without.confidences(unseen)[:, inform]
    assert more_sure.all()


def test_prediction_scales_features_as_training_did(storage: LocalModelStorage) -> None:
    component = trained(storage, feature_weights=[1.0, 2.0, 0.3])
    texts = ["lösenordet funkar inte", "printern", "hål i gatan"]
    reference = component.new_model().fit(
        [e.get("text") for e in training_data().intent_examples],
        [e.get("intent") for e in training_data().intent_examples],
    )
    margins = reference.decision_function(texts) * component.temperature
    expected = np.exp(margins) / np.exp(margins).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(component.confidences(texts), expected, rtol=1e-4)
    loaded = LinearIntentClassifier.load(
        LinearIntentClassifier.get_default_config(), storage, Resource("linear_intent"), context()
    )
    assert loaded.feature_weights == [1.0, 2.0, 0.3]  # stored with the model, not re-read
    np.testing.assert_allclose(loaded.confidences(texts), expected, rtol=1e-4)


def test_feature_weights_must_name_three_blocks(storage: LocalModelStorage) -> None:
    with pytest.raises(ValueError, match="three numbers"):
        trained(storage, feature_weights=[1.0, 1.0])
