"""Rasa SDK action server for Ingång (`rasa run actions --actions actions`).

One module per feature; shared pieces: `api_client` (the only way to reach the API),
`content` (the content pack), `transcript` (redacted conversation for tickets).
"""

from __future__ import annotations

import sys
from pathlib import Path

# `swedish/` lives at the repository root and is shared with the API runtime.
_REPO_ROOT = str(Path(__file__).resolve().parent.parent)
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)
