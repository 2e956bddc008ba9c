"""Rendering's shortcuts keep its promises.

For speed, a summary is converted by a Markdown converter without the processors whose
marks it does not hold (a backtick for code, a bracket for links, a quote for smart quotes,
a hash for headings ...), and front matter is handed to PyYAML as nodes instead of going
through its representer. These tests pin that both give exactly what the plain library
calls give.
"""

from __future__ import annotations

from datetime import timedelta

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.format.summary import SummaryText
from timeline.site.pages import _Dumper, front_matter

# Every character some Markdown or smarty pattern turns on, with words and line breaks.
MARKDOWN_PIECES = st.sampled_from([
    "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "&", "&amp;", "&#8211;", "'", '"',
    "-", "--", "---", ".", "...", "*", "**", "_", "__", "#", ":", "@", "/", "1.", "  ",
    " ", "\n", "\n\n", "\t", "\x02", "\x03", "word", "it's", "x@y.z", "http://a.b/c",
    "<b>", "</b>", "[x](http://a.b)", "[x]: http://a.b", "![i](p.png)", "'90s", "«", "—",
    "#", "\n# ", "## x ##", ">", "\n> ", "=", "\n===\n", "\n- ", "\n1. ", "    ", "&x",
    "<!-- c -->", "<div>", "</div>",
])
PROPERTY = settings(max_examples=400, deadline=timedelta(seconds=5))


def in_full(text: str) -> str:
    return markdown.Markdown(extensions=["smarty"], output_format="html").convert(text)


@PROPERTY
@given(st.lists(MARKDOWN_PIECES, max_size=40).map("".join))
def test_a_summary_converts_as_with_every_pattern(text):
    assert SummaryText().markdown_html(text) == in_full(text)


@pytest.mark.parametrize("text", [
    "Plain prose, with a comma; nothing else.",
    "It's *new*: `code`, [a link](https://example.org) and <https://example.org>.",
    'She said "soon" -- and then... nothing.',
    "Fish &amp; chips, \\*not emphasis\\*, a [reference][r].\n\n[r]: https://example.org",
    "-\x02- and .\x03.. are not dashes or an ellipsis once Markdown drops \x02 and \x03",
])
def test_a_written_summary_converts_as_with_every_pattern(text):
    assert SummaryText().markdown_html(text) == in_full(text)


FRONT_MATTER_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["true", "no", "null", "~", "123", "1.5", "- x", "a: b", "#c", "'q'",
                     '"q"', "&a", "*a", "!t", "%x", "@x", "`x", "é ü 中文", " lead", "trail ",
                     "two\nlines", ""]))


@PROPERTY
@given(title=FRONT_MATTER_TEXT, description=st.none() | FRONT_MATTER_TEXT,
       tags=st.none() | st.lists(FRONT_MATTER_TEXT, max_size=4),
       search=st.sampled_from([{"exclude": True}, {"boost": 2}, {"exclude": False}]))
def test_front_matter_is_what_yaml_dump_writes(title, description, tags, search):
    meta = {key: value for key, value in dict(title=title, description=description,
                                              tags=tags, search=search).items()
            if value is not None}
    dumped = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                       width=1000)

    assert front_matter(**meta) == f"---\n{dumped}---\n"
