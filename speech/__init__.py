"""Speech to form data: audio → text (Vosk, offline) → form fields (spaCy rules).

Placeholder package: the speech issue fills it. Importable now so the layout is fixed.
"""

from __future__ import annotations
