"""Text as it leaves the product (RSS and Atom feeds, ClaimReview JSON-LD, CSV): characters that
XML 1.0 cannot carry are replaced, so one pasted control character never takes a feed down.

XML 1.0 allows tab, line feed, carriage return and U+0020 upwards, except the surrogates and
U+FFFE/U+FFFF. Stored text keeps what the editor or the article had; only what is written out is
cleaned, in one place for every output."""
from __future__ import annotations

import re

# A vertical tab is what Word writes for a manual line break, a form feed a page break: both become
# a line break. Other control characters become a space, so that the words around them stay apart.
_BREAKS = "\x0b\x0c"
_CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r" + _BREAKS)
_TABLE = {**{ord(c): "\n" for c in _BREAKS}, **{ord(c): " " for c in _CONTROLS}}
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NONCHARACTERS = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced (unchanged, and fast, when it has none).
    Lone surrogates and U+FFFE/U+FFFF become U+FFFD, the replacement character."""
    if _FORBIDDEN.search(text) is None:
        return text
    return _NONCHARACTERS.sub("\ufffd", text.translate(_TABLE))


def xml_safe_data(value):
    """Every string in ``value`` (nested dicts, lists and tuples) made :func:`xml_safe`; other
    values as they are."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {xml_safe_data(k): xml_safe_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [xml_safe_data(v) for v in value]
    if type(value) is tuple:
        return tuple(xml_safe_data(v) for v in value)
    return value
