"""Qt's own catalogue, with its gaps filled: Qt 6.12's file dialog asks for "&Look in:" and
"Files of &type:", which the qtbase_zh_CN.qm shipped with it has only without the accelerator
("Look in:"), so those labels stayed English in the Chinese interface. This translator, asked
after Qt's catalogue, answers such texts from the same catalogue without the `&` and puts the
accelerator back the Chinese way: 查找范围(&L)：."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

_COLONS = ("：", ":")


class AcceleratorFallback(QTranslator):
    def __init__(self, base: QTranslator, parent: QObject | None = None):
        super().__init__(parent)
        self.base = base

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        """None (a null string: "not translated here") for everything else; an empty
        string would count as a translation."""
        if not source or "&" not in source:
            return None
        at = source.find("&")
        key = source[at + 1 : at + 2]
        if not key.isalnum():
            return None
        text = self.base.translate(context, source[:at] + source[at + 1 :], disambiguation, n)
        if not text or "&" in text:
            return text or None
        colon = text[-1] if text.endswith(_COLONS) else ""
        return f"{text.removesuffix(colon)}(&{key.upper()}){colon}"
