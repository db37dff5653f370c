"""Fast checks of the NLU training data, for the edit-measure loop (seconds, not minutes).

    .venv-bot/bin/python scripts/nlu_check.py [--errors] [--min-examples N]

1. Hygiene: the same example under two intents (an error for Rasa too), and near-duplicates —
   pairs that differ by a word or two. Near-duplicates make cross-validation look better than the
   bot is (the twin lands in the training fold), so they are reported and counted.
2. A quick score: 5-fold stratified cross-validation of the bot's own intent model (the
   features and SVM of bot/components/linear_intent_classifier.py, without Rasa around it),
   per issue group as `make eval-nlu` reports it. Its folds are not Rasa's, so the two differ
   by a few thousandths; the number we publish comes from `make eval-nlu` (Rasa itself).

Exit status 1 when an example is duplicated across intents or an intent has fewer than
--min-examples examples.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bot.components.linear_intent_classifier import LinearIntentClassifier  # noqa: E402
from scripts.nlu_report import groups  # noqa: E402

ENTITY = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")
WORD = re.compile(r"\w+")
NEAR_DUPLICATE = 0.8  # Jaccard similarity of word sets at or above which two examples are twins


def load_examples(data_dir: Path) -> list[tuple[str, str]]:
    """(intent, plain text) for every example under data_dir, entity markup removed."""
    examples: list[tuple[str, str]] = []
    for path in sorted(data_dir.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in document.get("nlu", []):
            if "intent" not in item:
                continue
            for line in str(item.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((item["intent"], ENTITY.sub(r"\1", line[2:]).strip()))
    return examples


def normalise(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def words(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text.lower()))


def cross_intent_duplicates(examples: list[tuple[str, str]]) -> dict[str, set[str]]:
    intents_by_text: dict[str, set[str]] = defaultdict(set)
    for intent, text in examples:
        intents_by_text[normalise(text)].add(intent)
    return {text: found for text, found in intents_by_text.items() if len(found) > 1}


def near_duplicates(examples: list[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    """Pairs of examples (any intents) whose word sets overlap at NEAR_DUPLICATE or more."""
    sets = [(intent, text, words(text)) for intent, text in examples]
    pairs = []
    for i, (intent_a, text_a, set_a) in enumerate(sets):
        if len(set_a) < 3:  # "ja tack" and "nej tack" are not twins worth reporting
            continue
        for intent_b, text_b, set_b in sets[i + 1 :]:
            if len(set_b) < 3:
                continue
            overlap = len(set_a & set_b) / len(set_a | set_b)
            if overlap >= NEAR_DUPLICATE and normalise(text_a) != normalise(text_b):
                pairs.append((intent_a, text_a, intent_b, text_b))
    return pairs


def proxy_cross_validation(examples: list[tuple[str, str]], folds: int = 5) -> None:
    texts = [text for _, text in examples]
    labels = [intent for intent, _ in examples]
    # The component's own model; storage is only touched by train/persist, not used here.
    component = LinearIntentClassifier({}, None, None)  # type: ignore[arg-type]
    model = component.new_model()
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=2026)
    predicted = cross_val_predict(model, texts, labels, cv=splitter, n_jobs=2)
    print(f"\n{folds}-fold macro-F1: {f1_score(labels, predicted, average='macro'):.3f}")
    report = classification_report(labels, predicted, output_dict=True, zero_division=0)
    for label, names in groups(report).items():
        print(f"  {label}: {sum(report[n]['f1-score'] for n in names) / len(names):.3f}")
    scores = sorted(
        (values["f1-score"], intent)
        for intent, values in report.items()
        if isinstance(values, dict) and intent not in {"macro avg", "weighted avg"}
    )
    print("weakest intents (F1):")
    for score, intent in scores[:12]:
        print(f"  {score:.2f}  {intent}")
    print("most frequent confusions (true -> predicted):")
    confusions = Counter((t, p) for t, p in zip(labels, predicted, strict=True) if t != p)
    for (true, guess), count in confusions.most_common(15):
        print(f"  {count:3d}  {true} -> {guess}")
    if "--errors" in sys.argv:
        print("misclassified examples:")
        for text, true, guess in zip(texts, labels, predicted, strict=True):
            if true != guess:
                print(f"  {true} -> {guess}: {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "nlu_data")
    parser.add_argument("--min-examples", type=int, default=15)
    parser.add_argument("--errors", action="store_true", help="list every misclassified example")
    args = parser.parse_args()

    examples = load_examples(args.data)
    counts = Counter(intent for intent, _ in examples)
    print(f"{len(examples)} examples, {len(counts)} intents")
    for intent, count in sorted(counts.items(), key=lambda item: item[1]):
        print(f"  {count:4d}  {intent}")
    failed = False
    too_few = [intent for intent, count in counts.items() if count < args.min_examples]
    if too_few:
        failed = True
        print(f"fewer than {args.min_examples} examples: {', '.join(sorted(too_few))}")
    duplicates = cross_intent_duplicates(examples)
    for text, intents in sorted(duplicates.items()):
        failed = True
        print(f"same example under {', '.join(sorted(intents))}: {text!r}")
    twins = near_duplicates(examples)
    print(f"near-duplicate pairs (word overlap >= {NEAR_DUPLICATE}): {len(twins)}")
    for intent_a, text_a, intent_b, text_b in twins[:40]:
        print(f"  {intent_a}: {text_a!r}  ~  {intent_b}: {text_b!r}")
    proxy_cross_validation(examples)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
