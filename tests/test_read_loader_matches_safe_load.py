"""The loader reads plain YAML as PyYAML's safe loader does.

``read/load.py`` builds its documents itself (to keep every value's position), so for
ordinary documents (mappings of text, numbers, true/false, nulls, lists and mappings,
written in block or flow style) it must give exactly the data ``yaml.safe_load`` gives.
Examples are derandomized (see ``tests/conftest.py``), so every run tries the same inputs.
"""

from __future__ import annotations

import string

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import PROPERTY
from timeline.read.load import load_bytes

# Text the loader's text policy accepts (no control or invisible characters, no lone
# surrogates), with what YAML treats specially: quotes, ": ", " #", "-", "[", "{", "&", "*".
ALPHABET = string.ascii_letters + string.digits + string.punctuation + " éßЖ日本語한🙂’—"
TEXT = st.text(ALPHABET, max_size=30)
KEYS = st.text(ALPHABET, min_size=1, max_size=12)
SCALARS = (TEXT | st.integers(-10**12, 10**12) | st.booleans() | st.none()
           | st.floats(allow_nan=False, allow_infinity=False))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=4), max_leaves=12)
DOCUMENTS = st.dictionaries(KEYS, VALUES, min_size=1, max_size=6)


@settings(PROPERTY, max_examples=100)
@given(data=DOCUMENTS, flow=st.sampled_from([False, True, None]),
       unicode=st.booleans())
def test_the_loader_reads_what_safe_load_reads(data, flow, unicode):
    raw = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode,
                         sort_keys=False).encode("utf-8")

    document, problems = load_bytes(raw, "generated.yaml")

    assert problems == []
    assert document.data == yaml.safe_load(raw)
    assert document.data == data
