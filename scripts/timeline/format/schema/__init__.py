"""The JSON Schemas of the event file and the registries: the single source of truth.

Editors read the files directly (``# yaml-language-server: $schema=...``); the validator
checks structure with them, and the format reference page is rendered from them.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent
# The schemas the files of an events tree name in their modeline: the ones this engine
# publishes, where a timeline project keeps them, seen from the folder holding the events
# folder; the first that exists is named. `timeline init` copies them into `schema/`; this
# repository names the package's own.
SCHEMA_FOLDERS = ("schema", "scripts/timeline/format/schema")
# The schemas a site publishes (under /schema/), and so a timeline project keeps.
PUBLISHED = ("event", "actors", "tags")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """``name`` is ``event``, ``actors``, ``tags`` or ``events-api`` (api/events.json)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def modeline_path(kind: str, events_dir: Path, folder: Path) -> str:
    """The path an editor follows from a file in ``folder`` (inside ``events_dir``) to the
    ``kind`` schema: the first of SCHEMA_FOLDERS beside the events folder that has it, else
    the place `timeline init` puts it."""
    root = events_dir.parent
    found = next((root / name for name in SCHEMA_FOLDERS
                  if (root / name / f"{kind}.schema.json").is_file()), root / SCHEMA_FOLDERS[0])
    return Path(os.path.relpath(found / f"{kind}.schema.json", folder)).as_posix()
