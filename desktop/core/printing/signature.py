"""The signature and seal lines under a form: each label followed by a line to write on, with
what the form holds for it (填报人, 联系电话, 日期 …) written on the line, or left blank."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from desktop.core.printing.fonts import BODY, draw_runs, fonts, runs_width
from desktop.core.printing.markup import clean

Runs = list[tuple[str, str]]  # (font, text) pieces of one line
SIZE = 11
ROW_HEIGHT = 28.0  # room for a signature
TOP_GAP = 10.0
LINE_GAP = 4.0
MIN_LINE = 70.0  # the shortest line a name or a date is written on
ITEM_GAP = 16.0
VALUE_PAD = 6.0  # between a filled-in value and the line's ends


class SignatureBlock(Flowable):
    """Labels such as 填报人 / 单位负责人（签字） / 单位（盖章）, as many to a row as fit with a
    line of at least MIN_LINE (or the value written on it) after each; the rows share out their
    width by what each needs. It moves to the next page whole rather than split."""

    def __init__(self, labels: Sequence[str], width: float, values: Sequence[str] = ()):
        super().__init__()
        self.width = width
        self.rows: list[list[tuple[Runs, float, Runs, float]]] = []
        values = list(values) + [""] * (len(labels) - len(values))
        used = 0.0
        room = width - 2 * VALUE_PAD
        for text, value in zip(labels, values, strict=True):
            runs = fonts().runs(f"{text}：", BODY)
            w = runs_width(runs, SIZE)
            shown = " ".join(clean(value).split())
            vruns = fonts().runs(shown, BODY) if shown else []
            vw = runs_width(vruns, SIZE)
            while vruns and w + LINE_GAP + vw > room:  # a value longer than a whole row
                shown = shown[:-2] + "…"
                vruns = fonts().runs(shown, BODY)
                vw = runs_width(vruns, SIZE)
            line = max(MIN_LINE, vw + 2 * VALUE_PAD) if vruns else MIN_LINE
            need = w + LINE_GAP + line + ITEM_GAP
            if not self.rows or used + need > width + ITEM_GAP:
                self.rows.append([])
                used = 0.0
            self.rows[-1].append((runs, w, vruns, line))
            used += need
        self.height = TOP_GAP + len(self.rows) * ROW_HEIGHT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.6)
        for i, row in enumerate(self.rows):
            y = self.height - TOP_GAP - (i + 1) * ROW_HEIGHT + 10
            needs = [w + LINE_GAP + line for _, w, _, line in row]
            spare = (self.width - sum(needs) - ITEM_GAP * (len(row) - 1)) / len(row)
            x = 0.0
            for (runs, w, vruns, _), need in zip(row, needs, strict=True):
                draw_runs(canvas, x, y, runs, SIZE)
                end = x + need + spare
                if vruns:
                    draw_runs(canvas, x + w + LINE_GAP + VALUE_PAD, y, vruns, SIZE)
                canvas.line(x + w + LINE_GAP, y - 2, end, y - 2)
                x = end + ITEM_GAP
        canvas.restoreState()
