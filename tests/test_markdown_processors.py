"""The summary converter's shortcut names Python-Markdown's processors, and survives a
Markdown release that renames one.

For speed, a summary without a processor's marks is converted without that processor
(scripts/timeline/format/summary.py); the processors are removed by name. A name Markdown no longer
has is kept rather than a crash: the same HTML, only slower. The first test names it, so
the shortcut is brought up to date.
"""

from __future__ import annotations

import markdown

from timeline.format import summary as summary_text
from timeline.format.summary import OPTIONAL_PROCESSORS, SummaryText


def registries(converter: markdown.Markdown) -> dict[str, markdown.util.Registry]:
    return {"inlinePatterns": converter.inlinePatterns,
            "blockprocessors": converter.parser.blockprocessors,
            "preprocessors": converter.preprocessors}


def test_every_processor_the_shortcut_removes_is_in_a_fresh_converter():
    fresh = registries(markdown.Markdown())

    missing = [f"{registry}/{name}" for registry, name, _ in OPTIONAL_PROCESSORS
               if name not in fresh[registry]]

    assert missing == [], (
        f"Markdown {markdown.__version__} has no processor {', '.join(missing)}: find what "
        "it is called now (or that it is gone) and update OPTIONAL_PROCESSORS")


def test_a_processor_markdown_does_not_have_is_kept_not_a_crash(monkeypatch):
    monkeypatch.setattr(summary_text, "OPTIONAL_PROCESSORS", (
        *OPTIONAL_PROCESSORS, ("inlinePatterns", "renamed_in_a_later_release", ("`",))))
    text = "Plain prose, with a comma; nothing else."

    assert SummaryText().markdown_html(text) == markdown.Markdown(
        extensions=["smarty"], output_format="html").convert(text)
