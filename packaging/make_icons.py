"""Render the program icon (resources/icons/app.svg) for the packages.

`python packaging/make_icons.py OUT` writes OUT/hicolor/<N>x<N>/apps/jixiao.png for the Linux
menu (scalable SVG alone is not shown by every desktop) and OUT/jixiao.ico for the Windows
executables and installer. The SVG stays the one source: nothing rendered is kept in git.
Run with the build venv's Python (PySide6 draws the SVG, Pillow writes the .ico).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(out: Path) -> None:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter needs an application)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SOURCE}")
    largest = None
    for size in PNG_SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "jixiao.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target)):
            raise SystemExit(f"make_icons: cannot write {target}")
        largest = target
    with Image.open(largest) as image:
        image.save(out / "jixiao.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"make_icons: icons written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_icons.py OUT_FOLDER")
    main(Path(sys.argv[1]))
