"""Operations on what a project prints besides its forms' content: the print settings a bureau
asks for (title prefix, attachment label, blank rows, which signature lines) and what each form
has written on its signature lines. Each returns the old value, so undo is the same operation."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.kinds import KindRegistry
from desktop.core.model import Form, PrintSettings, Project
from desktop.core.operations import SILENT, Edit, OpChanges, TreeObserver


def set_print_settings(project: Project, settings: PrintSettings) -> PrintSettings:
    old = project.print_settings
    project.print_settings = settings
    return old


def set_signature(form: Form, line: str, value: str) -> str:
    """Write `value` on the form's signature line `line` ("" leaves the line blank)."""
    old = form.signature.get(line, "")
    form.set_signature(line, value)
    return old


def kind_signature_lines(form: Form, registry: KindRegistry) -> tuple[str, ...]:
    """The signature lines of the form's kind, in the kind's order."""
    kind = registry.get(form.kind)
    return kind.print.signature if kind is not None else ()


def form_signature_lines(project: Project, form: Form, registry: KindRegistry) -> tuple[str, ...]:
    """The lines the form prints: the project's choice among its kind's, else all of them."""
    lines = kind_signature_lines(form, registry)
    chosen = project.print_settings.signature
    return lines if chosen is None else tuple(line for line in lines if line in chosen)


def project_signature_lines(project: Project, registry: KindRegistry) -> tuple[str, ...]:
    """Every signature line the project's kinds have, each once, in the order met."""
    out: dict[str, None] = {}
    for form in project.forms:
        out.update(dict.fromkeys(kind_signature_lines(form, registry)))
    return tuple(out)


# --- as edits (undo steps in the editor) ----------------------------------------------------------


@dataclass(eq=False)
class SetSignature(Edit):
    """What one signature line of a form holds; keystrokes of one `session` merge."""

    form_id: str
    line: str
    text: str
    session: int = 0
    old: str | None = None

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        old = set_signature(self._form(project), self.line, self.text)
        if self.old is None:
            self.old = old
        return OpChanges(self.form_id)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        set_signature(self._form(project), self.line, self.old or "")
        return OpChanges(self.form_id)

    def merge(self, other: Edit) -> bool:
        if not (
            self.session
            and isinstance(other, SetSignature)
            and (other.session, other.form_id, other.line)
            == (self.session, self.form_id, self.line)
        ):
            return False
        self.text = other.text
        return True

    def is_void(self) -> bool:
        return self.text.strip() == (self.old or "").strip()


@dataclass(eq=False)
class SetPrintSettings(Edit):
    """The project's print settings (no one form's: the views redraw as after a form edit)."""

    settings: PrintSettings
    form_id: str = ""
    old: PrintSettings | None = None

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        old = set_print_settings(project, self.settings)
        if self.old is None:
            self.old = old
        return OpChanges(forms=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        set_print_settings(project, self.old or PrintSettings())
        return OpChanges(forms=True)
