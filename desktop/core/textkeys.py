"""How names are compared: the library's search, last year's matching of forms and indicators.

Kept apart from the library (desktop/core/library.py), so that a check, which compares with
last year's file, does not load the library to fold a name.
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Text as search compares it: NFKC (full-width letters, （）), lower case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def category_key(name: str) -> str:
    """A level-2 name without decoration: 经济效益指标 and 经济效益 are one category."""
    key = fold(name)
    for suffix in ("指标",):
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    return key
