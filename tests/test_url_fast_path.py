"""The validator's quick yes for plain URLs (EVT040) says what urlsplit would say."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import PROPERTY
from timeline.check.files import is_web_url as _is_web_url


def asked_of_urlsplit(value: str) -> bool:
    """The rule in full: no whitespace, then urlsplit finds http(s), a host and a valid port."""
    if any(character.isspace() for character in value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@pytest.mark.parametrize("value", [
    "https://example.com", "http://example.com/a?b=c#d", "https://a-b.example.org/x:y@z",
    "https://x.org#frag:99999", "https://x.org/a[b", "https://...", "https://-",
    "https://", "https:///path", "https://x.org:99999/", "https://x.org:443/",
    "https://user@x.org/", "http://[::1/", "http://[::1]/", "HTTPS://X.ORG/",
    "ftp://x.org/", "https://x.org/a b", "https://x.org/\u2028", "https://exa\u2100mple.org/",
    "https://ｘ.org/", " https://x.org/", "\x00https://x.org/", "https:x.org",
])
def test_known_urls_get_urlsplits_answer(value):
    assert _is_web_url(value) == asked_of_urlsplit(value)


URL_PARTS = ["http", "https", "HTTP", "ftp", ":", "//", "/", "?", "#", "@", "[", "]", "::1",
             ":443", ":99999", ":x", "example", ".", "-", "org", "\u2100", "ｘ", " ", "\t",
             "\n", "%", "a", "1", "é"]
pieces = st.lists(st.one_of(st.sampled_from(URL_PARTS), st.text(max_size=3)), max_size=6
                  ).map("".join)
urls = st.builds(
    lambda scheme, separator, host, rest: scheme + separator + host + rest,
    st.sampled_from(["http", "https", "HTTPS", "ftp", "", " http"]),
    st.sampled_from(["://", "://", ":/", ":"]),
    st.text(alphabet="abcxyz019.-", max_size=8) | pieces,
    st.sampled_from(["", "/", "/a?b#c", "?q", "#f", ":80/", ":99999", "@h/", "[::1]"]) | pieces)


@PROPERTY
@given(value=urls | pieces)
def test_any_text_gets_urlsplits_answer(value):
    assert _is_web_url(value) == asked_of_urlsplit(value)
