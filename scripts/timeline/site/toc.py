"""A generated page's table of contents, from the headings its template gave an id.

Markdown pages get theirs from Markdown's toc extension; the plugin's pages are finished
HTML, so their headings are read here instead, in the shape that extension gives (the
theme's right-hand sidebar, "skip to content" and toc.follow all read it). Only headings
with an id are entries: an event's title in a listing has none, so a year page's table of
contents lists its months, not its hundreds of events.
"""

from __future__ import annotations

import html
import re

# The templates write headings as <h2 … id="…" …>text</h2>.
_HEADING = re.compile(r'<h([1-3])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def toc_tokens(body: str) -> list[dict]:
    """The headings of ``body`` as nested tokens: ``{level, id, name, children}``, the
    name escaped as Markdown's toc extension escapes it."""
    roots: list[dict] = []
    open_tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(body):
        text = html.unescape(_TAG.sub("", inner)).strip()
        token = {"level": int(level), "id": anchor, "name": html.escape(text),
                 "children": []}
        while open_tokens and open_tokens[-1]["level"] >= token["level"]:
            open_tokens.pop()
        (open_tokens[-1]["children"] if open_tokens else roots).append(token)
        open_tokens.append(token)
    return roots
