"""How to cite an event: a line for people and a BibTeX entry for reference managers."""

from __future__ import annotations

import re

from timeline.model.dates import display_day
from timeline.model.records import Event

# BibTeX's special characters, each as it is written inside a braced field.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%",
                   "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_", "^": r"\^{}",
                   "~": r"\~{}"}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _BIBTEX_ESCAPES))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dates_phrase(event: Event) -> str:
    """E.g. "added 15 September 2026, updated 20 October 2026"; '' when unknown."""
    parts = []
    if event.added:
        parts.append(f"added {display_day(event.added)}")
    changed = event.last_changed
    if changed and changed != event.added:
        parts.append(f"updated {display_day(changed)}")
    return ", ".join(parts)


def citation_text(event: Event, site_name: str, permalink: str) -> str:
    """E.g. “Title.” Site name, added 15 September 2026. https://…"""
    title = event.title if event.title.endswith((".", "?", "!")) else event.title + "."
    dates = dates_phrase(event)
    return f"“{title}” {site_name}{', ' + dates if dates else ''}. {permalink}"


def bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_ESCAPES[match.group()], text)


def bibtex_entry(event: Event, site_name: str, permalink: str) -> str:
    """A @misc entry, keyed by the event's id, dated by its last change when known."""
    fields = [("title", f"{{{bibtex_escape(event.title)}}}"),
              ("howpublished", f"{{{bibtex_escape(site_name)}}}")]
    day = event.last_changed
    if day:
        fields += [("year", str(day.year)), ("month", _MONTHS[day.month - 1])]
    fields.append(("url", f"{{{permalink}}}"))
    dates = dates_phrase(event)
    if dates:
        fields.append(("note", f"{{{bibtex_escape(dates[0].upper() + dates[1:])}}}"))
    width = max(len(name) for name, _ in fields)
    lines = [f"  {name.ljust(width)} = {value}" for name, value in fields]
    return f"@misc{{{event.id},\n" + ",\n".join(lines) + "\n}\n"
