"""`python -m speech` — command-line entry point (placeholder until the speech issue lands)."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    """Say plainly that speech input is not built yet; exit code 2 so scripts notice."""
    del argv
    print(
        "speech: tal till formulär är inte byggt än / speech-to-form is not built yet",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
