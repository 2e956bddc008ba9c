"""The former home of the checker, split into timeline.check's modules; what other areas
still import from here, until they import it from its new home."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.check.files import is_web_url as _is_web_url  # SHIM: moved to check.files
from timeline.check.files import registry_hint  # SHIM: moved to timeline.check.files
from timeline.check.run import Result, check, event_files  # SHIM: moved to timeline.check.run
from timeline.format import layout
from timeline.format.diagnostics import Diagnostic
from timeline.format.layout import REGISTRIES, display_path  # SHIM: moved to format.layout
from timeline.format.layout import links_outside as _links_outside  # SHIM: moved to layout
from timeline.format.vocabulary import ID_PATTERN, SLUG_PATTERN  # SHIM: moved to vocabulary

__all__ = ["ID_PATTERN", "REGISTRIES", "SLUG_PATTERN", "Result", "_Checker", "_is_web_url",
           "_links_outside", "check", "display_path", "event_files", "registry_hint"]


class _Checker:  # SHIM: moved to timeline.format.layout.find_event_files
    """The folder walk of the former checker class, as tools/fmt.py still calls it."""

    def __init__(self, events_dir: Path, today: date):
        self.events_dir = events_dir
        self.diagnostics: list[Diagnostic] = []

    def event_files(self) -> list[Path]:
        found, problems = layout.find_event_files(self.events_dir)
        self.diagnostics.extend(problems)
        return found
