"""Summarise Rasa's NLU cross-validation report: per-intent precision/recall/F1 and macro-F1.

    python scripts/nlu_report.py bench/nlu [--target 0.95]

Reads <dir>/intent_report.json (written by `rasa test nlu --cross-validation`), writes
<dir>/summary.md, and exits 1 when macro-F1 is below the target.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

AGGREGATES = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def summarise(report: dict[str, dict[str, float]]) -> tuple[str, float]:
    intents = sorted(name for name in report if name not in AGGREGATES)
    f1s = [report[name]["f1-score"] for name in intents]
    macro_f1 = sum(f1s) / len(f1s)
    rows = "\n".join(
        f"| {name} | {report[name]['precision']:.3f} | {report[name]['recall']:.3f} "
        f"| {report[name]['f1-score']:.3f} | {int(report[name]['support'])} |"
        for name in sorted(intents, key=lambda n: report[n]["f1-score"])
    )
    text = (
        "# NLU cross-validation (`make eval-nlu`, 5 folds)\n\n"
        f"Macro-F1 over {len(intents)} intents: **{macro_f1:.3f}**\n\n"
        "Weakest first. Confusion matrix: `intent_confusion_matrix.png`.\n\n"
        "| intent | precision | recall | F1 | examples |\n|---|---|---|---|---|\n"
        f"{rows}\n"
    )
    return text, macro_f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--target", type=float, default=0.95)
    args = parser.parse_args()
    report = json.loads((args.directory / "intent_report.json").read_text(encoding="utf-8"))
    text, macro_f1 = summarise(report)
    (args.directory / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    if macro_f1 < args.target:
        print(f"macro-F1 {macro_f1:.3f} is below the target {args.target}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
