"""Fonts and markup: a font per character, missing characters found, user text never markup."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.printing.cells import CELL, TextCell
from desktop.core.printing.fonts import HEI, MISSING_MARK, SONG, bundled_font_paths, fonts
from desktop.core.printing.markup import clean, escape, to_markup


def test_escape_turns_markup_characters_into_entities() -> None:
    assert escape("x<y AT&T <b> &amp;") == "x&lt;y AT&amp;T &lt;b&gt; &amp;amp;"


def test_each_character_gets_a_font_that_has_it() -> None:
    fs = fonts()
    assert fs.font_for("中") == SONG  # the Song face first, like the official forms
    assert fs.font_for("㎡") == HEI  # AR PL SungtiL GB lacks ㎡
    assert fs.font_for("🥲") is None
    assert fs.runs("面积100㎡以上") == [(SONG, "面积100"), (HEI, "㎡"), (SONG, "以上")]
    assert to_markup("100㎡") == f'100<font name="{HEI}">㎡</font>'


def test_characters_no_font_has_are_found_and_printed_as_a_box() -> None:
    fs = fonts()
    assert fs.missing("好🥲a🥲\n\t ㎡") == "🥲"
    assert fs.missing("a\u200db\ufe0f") == ""  # joiners and variation selectors draw nothing
    assert fs.runs("好🥲") == [(SONG, f"好{MISSING_MARK}")]


def test_markup_keeps_line_breaks_and_spaces() -> None:
    assert to_markup("一\r\n二\r三\n四") == "一<br/>二<br/>三<br/>四"
    assert to_markup("a  b") == "a &nbsp;b"
    assert clean("a\tb\x00c\x07") == "a    bc"


def test_bundled_fonts_exist() -> None:
    assert all(p.is_file() for p in bundled_font_paths())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_makes_a_cell_that_wraps_and_splits(value: str) -> None:
    cell = TextCell(value, CELL)
    _, height = cell.wrap(60, 1e9)
    parts = cell.split(60, 30)
    assert height >= 0
    if len(parts) == 2:
        joined = parts[0].source + parts[1].source
        assert joined.replace("\n", "") == cell.source.replace("\n", "")


def test_right_to_left_runs_are_drawn_in_visual_order() -> None:
    # Drawn left to right, a Hebrew or Arabic run must appear reversed to read correctly.
    markup = to_markup("名字 שלום مرحبا 好\nש")
    lines = [re.sub(r"<[^>]+>", "", line) for line in markup.split("<br/>")]
    assert lines == ["名字 ابحرم םולש 好", "ש"]
    assert to_markup("纯中文 100%") == "纯中文 100%"


def test_emoji_and_other_scripts_have_fonts() -> None:
    fs = fonts()
    for ch in "😀🎉ש مЖü☺":
        assert ch == " " or fs.font_for(ch) is not None, ch
