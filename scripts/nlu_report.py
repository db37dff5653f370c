"""Summarise Rasa's NLU cross-validation report: per-intent precision/recall/F1 and macro-F1.

    python scripts/nlu_report.py bench/nlu [--target 0.95]

Reads <dir>/intent_report.json (written by `rasa test nlu --cross-validation`) and, when present,
<dir>/DIETClassifier_report.json (the entities), writes
<dir>/summary.md, and exits 1 when an issue group's macro-F1 is below the target. The groups
follow the issues: the IT helpdesk topics plus the general intents, and the citizen life events
plus the general intents. The form-answer intents (inform, correct_field) are in "all intents"
and in the table, not in the issue groups: an answer's label depends on the question just asked,
and the forms read answers from the text whatever the label.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

AGGREGATES = {"accuracy", "macro avg", "weighted avg", "micro avg"}
# Shared by both sides of the assistant (nlu_data/general.yml and out_of_scope.yml): small talk,
# yes/no, form control, handoff, status, out of scope.
GENERAL = {
    "greet",
    "goodbye",
    "thanks",
    "bot_challenge",
    "affirm",
    "deny",
    "stop",
    "explain",
    "resume",
    "human_handoff",
    "ticket_status",
    "out_of_scope",
}
Report = dict[str, dict[str, float]]


def intents_of(report: Report) -> list[str]:
    return sorted(name for name in report if name not in AGGREGATES)


def groups(report: Report) -> dict[str, list[str]]:
    """Intent names per group: all, IT helpdesk (issue 3), citizen life events (issue 4)."""
    names = intents_of(report)
    general = [n for n in names if n in GENERAL]
    return {
        "all intents": names,
        "IT helpdesk + general (issue 3)": [n for n in names if n.startswith("it_")] + general,
        "life events + general (issue 4)": [n for n in names if n.startswith("life_")] + general,
    }


def macro_f1(report: Report, names: list[str]) -> float:
    return sum(report[name]["f1-score"] for name in names) / len(names)


def entity_table(entities: Report) -> str:
    """Per-entity precision/recall/F1 from DIETClassifier_report.json (DIET extracts entities)."""
    named = {n: v for n, v in entities.items() if n not in AGGREGATES and isinstance(v, dict)}
    rows = "\n".join(
        f"| {name} | {values['precision']:.3f} | {values['recall']:.3f} "
        f"| {values['f1-score']:.3f} | {int(values['support'])} |"
        for name, values in sorted(named.items(), key=lambda item: item[1]["f1-score"])
    )
    return (
        "\n## Entities (DIET)\n\n"
        "| entity | precision | recall | F1 | examples |\n|---|---|---|---|---|\n"
        f"{rows}\n"
    )


def summarise(report: Report, entities: Report | None = None) -> tuple[str, dict[str, float]]:
    scores = {label: macro_f1(report, names) for label, names in groups(report).items() if names}
    score_rows = "\n".join(
        f"| {label} | {len(groups(report)[label])} | **{score:.3f}** |"
        for label, score in scores.items()
    )
    rows = "\n".join(
        f"| {name} | {report[name]['precision']:.3f} | {report[name]['recall']:.3f} "
        f"| {report[name]['f1-score']:.3f} | {int(report[name]['support'])} |"
        for name in sorted(intents_of(report), key=lambda n: report[n]["f1-score"])
    )
    text = (
        "# NLU cross-validation (`make eval-nlu`, 5 folds)\n\n"
        "| group | intents | macro-F1 |\n|---|---|---|\n"
        f"{score_rows}\n\n"
        "Weakest first. Confusion matrix: `intent_confusion_matrix.png`.\n\n"
        "| intent | precision | recall | F1 | examples |\n|---|---|---|---|---|\n"
        f"{rows}\n"
    )
    if entities:
        text += entity_table(entities)
    return text, scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--target", type=float, default=0.95)
    args = parser.parse_args()
    report = json.loads((args.directory / "intent_report.json").read_text(encoding="utf-8"))
    entity_report = args.directory / "DIETClassifier_report.json"
    entities = json.loads(entity_report.read_text("utf-8")) if entity_report.exists() else None
    text, scores = summarise(report, entities)
    (args.directory / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    # The issues set the target for their groups; "all intents" is reported alongside.
    below = {
        label: score for label, score in scores.items() if "issue" in label and score < args.target
    }
    for label, score in below.items():
        print(f"macro-F1 {score:.3f} ({label}) is below the target {args.target}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
