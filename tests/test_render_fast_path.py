"""Rendering's shortcuts keep its promises.

For speed, front matter is handed to PyYAML as nodes instead of going through its
representer. These tests pin that this gives exactly what the plain library call gives.
"""

from __future__ import annotations

from datetime import timedelta

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.render import _Dumper, _front_matter

PROPERTY = settings(max_examples=400, deadline=timedelta(seconds=5))


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

    assert _front_matter(**meta) == f"---\n{dumped}---\n"
