"""The JSON Schemas of the event file and the registries: the single source of truth.

Editors read the files directly (``# yaml-language-server: $schema=...``); the validator
checks structure with them, and the format reference page is rendered from them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent


@cache
def load_schema(name: str) -> dict[str, Any]:
    """``name`` is ``event``, ``actors``, ``tags`` or ``events-api`` (api/events.json)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
