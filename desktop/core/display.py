"""Text from files, made safe to show on a terminal or in a one-line message.

A project file (or its name) may hold anything: line breaks, ESC sequences that recolour or
clear a terminal, bytes of a name in another encoding (GBK names from a Windows zip arrive as
lone surrogates under a UTF-8 locale). `shown` keeps every printable character and writes the
rest as visible escapes (`\\x1b`, `\\n`, `\\xcf`), so a message stays one line and never raises.
"""

from __future__ import annotations

import os
import re

from pydantic import ValidationError

from desktop.core.catalogue import phrase

# C0 and C1 controls, DEL, line/paragraph separators, bidi overrides and isolates (they reorder
# what follows on the line), and surrogates (undecodable name bytes or broken text).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    c = match.group()
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid in the file system encoding
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def shown(text: object) -> str:
    """`text` (a str, a path, bytes) with every unsafe character written as an escape."""
    text = os.fsdecode(text) if isinstance(text, bytes) else str(text)
    return _UNSAFE.sub(_escape, text)


def shown_name(path: object) -> str:
    """The last component of a path, shown safely."""
    name = os.path.basename(os.fsdecode(path) if isinstance(path, bytes) else str(path))
    return shown(name)


def valid_text(text: str) -> str:
    """`text` with any lone surrogate (text that is not Unicode: it cannot be written as UTF-8)
    replaced by U+FFFD; the same `text` when it is valid, which it almost always is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def to_utf8(text: str) -> bytes:
    """UTF-8 bytes of `text`, lone surrogates written as U+FFFD: encoding never fails."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return valid_text(text).encode("utf-8", "replace")


def validation_line(exc: ValidationError) -> str:
    """A definition that does not validate (a form kind, a rule vocabulary), as one line: its
    first wrong field and how many there are. Keys come from the file, so they are escaped."""
    first = exc.errors()[0]
    where = shown(".".join(str(p) for p in first["loc"])) or phrase("field-top")
    return phrase("validation-line", where=where, error=shown(first["msg"]),
                  count=exc.error_count())  # fmt: skip
