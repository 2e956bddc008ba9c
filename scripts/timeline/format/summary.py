"""What a summary shows: its Markdown (with smart quotes and dashes) as sanitised HTML, as
one line of plain text, and as the one sentence a listing shows (an event's ``lede``, else
the summary's first sentence). Part of the format: the checker refuses a summary that would
show nothing or whose first sentence is too long for a listing, and the site renders every
summary with it.

Summaries are shown many times (the event page, every listing, the data files), so a
``SummaryText`` remembers what it converted; one is made per build, so nothing it holds
outlives the build under ``mkdocs serve``.
"""

from __future__ import annotations

import html
import re
from typing import Protocol

import markdown
import nh3
from markdown.extensions.smarty import SmartyExtension
from markupsafe import Markup

from timeline.format.sentences import first_sentence

# What a summary may keep after Markdown: ordinary prose markup, nothing active.
SUMMARY_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "q",
                "cite", "abbr", "sub", "sup", "del"}
SUMMARY_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}
PLAIN_LIMIT = 200  # characters of a summary's plain line in listings and feeds

# Summaries are Markdown with the smarty extension. Its patterns are regular expressions
# tried along every summary, and most summaries use few of them: trying them all was most
# of the render time at 10,000 events. Each optional processor below can only change text
# that holds one of its marks, so a summary without them is converted by a converter
# without that processor, to the very same HTML.
OPTIONAL_PROCESSORS = (  # (registry, processor, marks)
    ("inlinePatterns", "backtick", ("`",)),
    ("inlinePatterns", "escape", ("\\",)),
    *(("inlinePatterns", name, ("[",)) for name in (
        "reference", "link", "image_link", "image_reference", "short_reference",
        "short_image_ref")),
    *(("inlinePatterns", name, ("<",)) for name in ("autolink", "automail", "html")),
    ("inlinePatterns", "entity", ("&",)),
    ("blockprocessors", "hashheader", ("#",)),
    ("blockprocessors", "quote", (">",)),
    ("preprocessors", "html_block", ("<", "&")),  # its HTML parser passes other text as is
)
_SMARTY_OPTION_BY_MARK = {"'": "smart_quotes", '"': "smart_quotes", "--": "smart_dashes",
                          "...": "smart_ellipses"}
_MARKS = tuple(dict.fromkeys([*(mark for *_, marks in OPTIONAL_PROCESSORS for mark in marks),
                              *_SMARTY_OPTION_BY_MARK]))


def marks_in(text: str) -> frozenset[str]:
    """The marks of ``text`` that some optional processor or smarty option needs."""
    # Markdown deletes STX and ETX before parsing, which could join two halves of a mark.
    if "\x02" in text or "\x03" in text:
        return frozenset(_MARKS)
    return frozenset(mark for mark in _MARKS if mark in text)


def markdown_for(marks: frozenset[str]) -> markdown.Markdown:
    """A converter with just the processors ``marks`` can need."""
    smarty = dict.fromkeys(_SMARTY_OPTION_BY_MARK.values(), False)
    smarty.update({_SMARTY_OPTION_BY_MARK[mark]: True
                   for mark in marks if mark in _SMARTY_OPTION_BY_MARK})
    converter = markdown.Markdown(extensions=[SmartyExtension(**smarty)],
                                  output_format="html")
    registries = {"inlinePatterns": converter.inlinePatterns,
                  "blockprocessors": converter.parser.blockprocessors,
                  "preprocessors": converter.preprocessors}
    for registry, processor, needs in OPTIONAL_PROCESSORS:
        if marks.isdisjoint(needs):
            # Not strict: a processor a Markdown release renamed or moved is simply kept.
            # Keeping one never changes the HTML (the full converter keeps them all); it
            # only costs the time its removal saved. tests/test_markdown_processors.py
            # names any processor that is gone, so the shortcut can be brought up to date.
            registries[registry].deregister(processor, strict=False)
    return converter


class SummaryText:
    """Summaries as HTML and as plain text, each converted once per build."""

    def __init__(self) -> None:
        # One converter per set of marks, reset between uses: building one per summary
        # costs more than converting it.
        self._converters: dict[frozenset[str], markdown.Markdown] = {}
        self._html: dict[str, str] = {}
        self._safe: dict[str, Markup] = {}
        self._plain: dict[str, str] = {}
        self._lede: dict[str, str] = {}

    def markdown_html(self, text: str) -> str:
        """The summary as Markdown converts it, before sanitising."""
        converted = self._html.get(text)
        if converted is None:
            marks = marks_in(text)
            converter = self._converters.get(marks)
            if converter is None:
                converter = self._converters[marks] = markdown_for(marks)
            converted = self._html[text] = converter.reset().convert(text)
        return converted

    def html(self, text: str) -> Markup:
        """Contributor Markdown → sanitised HTML (no scripts, handlers or javascript:
        links)."""
        safe = self._safe.get(text)
        if safe is None:
            safe = self._safe[text] = Markup(nh3.clean(
                self.markdown_html(text), tags=SUMMARY_TAGS, attributes=SUMMARY_ATTRIBUTES,
                url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow"))
        return safe

    def line(self, text: str) -> str:
        """The whole summary as one line of plain text, shared by every cut of it."""
        line = self._plain.get(text)
        if line is None:
            no_tags = nh3.clean(self.markdown_html(text), tags=set())
            line = self._plain[text] = re.sub(r"\s+", " ", html.unescape(no_tags)).strip()
        return line

    def plain(self, text: str, limit: int = PLAIN_LIMIT) -> str:
        """The summary as one line of plain text, cut at a word boundary."""
        line = self.line(text)
        if len(line) <= limit:
            return line
        return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"

    def lede_text(self, summary: str, lede: str | None = None) -> str:
        """What a listing shows of an event: its ``lede`` as written, else the first
        sentence of its summary's plain line (the whole line when no sentence ends in it)."""
        if lede is not None:
            return lede
        found = self._lede.get(summary)
        if found is None:
            found = self._lede[summary] = first_sentence(self.line(summary))
        return found

    def lede(self, event: HasLede) -> str:
        """``lede_text`` of an event."""
        return self.lede_text(event.summary, event.lede)


class HasLede(Protocol):
    """An event, as far as its lede is concerned (model.records.Event)."""

    summary: str
    lede: str | None
