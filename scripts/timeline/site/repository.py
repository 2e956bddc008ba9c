"""Links into the repository the timeline is kept in: edit an event, see its history,
report a mistake. They exist only when the site knows its repository (``repo_url``, which
the published site gets from the Pages workflow); the addresses follow GitHub's scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from timeline.model.records import Event

# The issue form readers fill in to report a mistake (.github/ISSUE_TEMPLATE/) and the ids
# of the fields a link fills in for them.
CORRECTION_FORM = "correct-event.yml"
CORRECTION_FORM_EVENT_FIELD = "event"
CORRECTION_FORM_ADDRESS_FIELD = "address"


@dataclass(frozen=True)
class Repository:
    url: str  # e.g. https://github.com/OWNER/REPO
    branch: str
    events_dir: str  # the events folder, relative to the repository's root

    def file_path(self, event: Event) -> str:
        return f"{self.events_dir.strip('/')}/{event.path}"

    def edit_url(self, event: Event) -> str:
        return f"{self.url.rstrip('/')}/edit/{self.branch}/{self.file_path(event)}"

    def history_url(self, event: Event) -> str:
        return f"{self.url.rstrip('/')}/commits/{self.branch}/{self.file_path(event)}"

    def report_url(self, event: Event, page_url: str) -> str:
        """A new issue with the correction form, the event's id and address filled in."""
        query = urlencode({"template": CORRECTION_FORM,
                           "title": f"Correction: {event.title}",
                           CORRECTION_FORM_EVENT_FIELD: event.id,
                           CORRECTION_FORM_ADDRESS_FIELD: page_url})
        return f"{self.url.rstrip('/')}/issues/new?{query}"
