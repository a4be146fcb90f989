"""Review at the finance bureau: comments on a form's parts and a verdict per form.

Comments and verdicts live in `Project.review`, beside the forms: they never change a form's
content (nor its fingerprint). Each operation here is one small change that returns what
undoes it, like those in `operations`, so the editor's undo commands stay two calls.

A comment's `Anchor` addresses its cell by names and position (see `model.Anchor`);
`resolve` finds the row again in the current form:
- by name within the same categories: the row was moved up or down, or others were added;
- else by name anywhere in the form (the row was moved to another category), when unique;
- else by position within the categories: the row was renamed (often what the comment asked);
- else the category, else the form: the row was deleted; the comment stays, marked as such.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from desktop.core.catalogue import finding, language, phrase
from desktop.core.findings import Finding, Section
from desktop.core.kinds import FormKind
from desktop.core.model import VERDICTS, Anchor, Comment, Form, Indicator, Level2, Project, Verdict
from desktop.core.operations import SILENT, Edit, OpChanges, OperationError, TreeObserver, locate

REVIEW_CODE = "review-comment"
VERDICT_CODE = "review-verdict"


def now_text() -> str:
    return datetime.datetime.now().replace(microsecond=0).isoformat()


# --- addresses ------------------------------------------------------------------------------


def anchor_for(form: Form, section: str = "form", key: str = "", uid: str = "") -> Anchor:
    """The persistent address of a place given as the editor and findings name it."""
    if section in ("indicator", "category") and uid:
        node, siblings, parent = locate(form, uid)
        if isinstance(node, Indicator):
            assert isinstance(parent, Level2)
            l1 = next(a for a in form.indicators if any(b is parent for b in a.children))
            index = next(i for i, x in enumerate(siblings) if x is node)
            return Anchor(section="indicator", key=key, level1=l1.name, level2=parent.name,
                          name=node.name.strip(), index=index)  # fmt: skip
        if isinstance(node, Level2):
            assert parent is not None
            return Anchor(section="category", level1=parent.name, level2=node.name)
        return Anchor(section="category", level1=node.name)
    return Anchor(section=section, key=key)


@dataclass(frozen=True)
class Resolved:
    """Where an anchor points now: the uid of the row (or ""), and whether it was lost."""

    uid: str
    where: str
    lost: bool = False  # the indicator or category is gone; shown on its category or form


def _level2s(form: Form, anchor: Anchor) -> list[tuple[str, Level2]]:
    return [
        (l1.name, l2)
        for l1 in form.indicators
        if l1.name == anchor.level1
        for l2 in l1.children
        if not anchor.level2 or l2.name == anchor.level2
    ]


def resolve(form: Form, anchor: Anchor, kind: FormKind | None = None) -> Resolved:
    """Where `anchor` points in `form` now; header fields and funds cells are named by their
    labels in `kind` when it is given."""
    if anchor.section not in ("indicator", "category"):
        return Resolved("", _plain_where(anchor, kind))
    places = _level2s(form, anchor)
    category = " / ".join(x for x in (anchor.level1, anchor.level2) if x)
    if anchor.section == "category":
        if not anchor.level2:
            l1 = next((x for x in form.indicators if x.name == anchor.level1), None)
            return Resolved(l1.uid, category) if l1 else Resolved("", category, True)
        return Resolved(places[0][1].uid, category) if places else Resolved("", category, True)
    name = anchor.name
    if name:
        for l1_name, l2 in places:
            for ind in l2.indicators:
                if ind.name.strip() == name:
                    return Resolved(ind.uid, f"{l1_name} / {l2.name} / {name}")
        found = [(a, b, c) for a, b, c in form.iter_indicators() if c.name.strip() == name]
        if len(found) == 1:
            l1, l2, ind = found[0]
            return Resolved(ind.uid, f"{l1.name} / {l2.name} / {name}")
    if places and 0 <= anchor.index < len(places[0][1].indicators):
        ind = places[0][1].indicators[anchor.index]
        shown = ind.name.strip() or phrase("row", n=anchor.index + 1)
        return Resolved(ind.uid, f"{category} / {shown}")
    gone = phrase("review-indicator-deleted", where=f"{category} / {name}")
    return Resolved(places[0][1].uid if places else "", gone, True)


def verdict_word(verdict: str) -> str:
    """A verdict as the reader says it: 通过 in Chinese, pass in English."""
    return VERDICTS[verdict] if language() == "zh" else verdict


def _plain_where(anchor: Anchor, kind: FormKind | None = None) -> str:
    if anchor.section == "header":
        label = kind.header_labels.get(anchor.key) if kind else None
        return f"{phrase('header')} / {label or anchor.key}" if anchor.key else phrase("header")
    if anchor.section == "funds":
        label = kind.funds_labels.get(anchor.key) if kind else None
        return f"{phrase('funds')} / {label or anchor.key}" if anchor.key else phrase("funds")
    return phrase("whole-form")


def funds_anchor(kind: FormKind, row: str, column: str = "") -> Anchor | None:
    """The anchor of a funds cell named by its keys or its labels (年度资金总额, 全年执行数); the
    column may be left out when the block has one. None when the kind has no such cell."""
    if kind.funds is None:
        return None
    rows = [r.key for r in kind.funds.rows if row.strip() in (r.key, r.label)]
    columns = [c.key for c in kind.funds.columns if column.strip() in (c.key, c.label)]
    if not column.strip() and len(kind.funds.columns) == 1:
        columns = [kind.funds.columns[0].key]
    if len(rows) != 1 or len(columns) != 1:
        return None
    return Anchor(section="funds", key=f"{rows[0]}.{columns[0]}")


# --- operations -----------------------------------------------------------------------------


def _comment(project: Project, comment_id: str) -> Comment:
    for c in project.review.comments:
        if c.id == comment_id:
            return c
    raise OperationError(f"no comment {comment_id}")


def new_comment_id(project: Project) -> str:
    used = {c.id for c in project.review.comments}
    n = len(used) + 1
    while f"c{n}" in used:
        n += 1
    return f"c{n}"


def add_comment(
    project: Project,
    form_id: str,
    text: str,
    anchor: Anchor | None = None,
    author: str = "",
    created: str = "",
) -> Comment:
    """Attach a comment; `remove_comment` with its id undoes it."""
    if project.form(form_id) is None:
        raise OperationError(f"no form {form_id}")
    if not text.strip():
        raise OperationError("a comment needs text")
    comment = Comment(
        id=new_comment_id(project),
        form_id=form_id,
        anchor=anchor or Anchor(),
        text=text.strip(),
        author=author,
        created=created or now_text(),
    )
    project.review.comments.append(comment)
    return comment


def remove_comment(project: Project, comment_id: str) -> tuple[int, Comment]:
    """Take a comment out (the undo of `add_comment`); `insert_comment` puts it back."""
    comment = _comment(project, comment_id)
    index = project.review.comments.index(comment)
    del project.review.comments[index]
    return index, comment


def insert_comment(project: Project, index: int, comment: Comment) -> None:
    project.review.comments.insert(max(0, min(index, len(project.review.comments))), comment)


def resolve_comment(
    project: Project, comment_id: str, by: str = "", reply: str = "", at: str = ""
) -> Comment:
    """Mark a comment resolved; it stays in the file as history. Returns the comment as it
    was, which `restore_comment` puts back (the undo)."""
    comment = _comment(project, comment_id)
    old = comment.model_copy()
    comment.resolved, comment.resolved_by = True, by
    comment.resolved_at, comment.reply = at or now_text(), reply.strip()
    return old


def reopen_comment(project: Project, comment_id: str) -> Comment:
    comment = _comment(project, comment_id)
    old = comment.model_copy()
    comment.resolved, comment.resolved_by, comment.resolved_at = False, "", ""
    return old


def restore_comment(project: Project, old: Comment) -> None:
    comment = _comment(project, old.id)
    for name in ("resolved", "resolved_by", "resolved_at", "reply", "text"):
        setattr(comment, name, getattr(old, name))


def set_verdict(
    project: Project, form_id: str, verdict: str, reviewer: str = "", note: str = "",
    date: str = "",
) -> int:  # fmt: skip
    """Give a form a verdict (通过 / 退回修改 / 退回,不予纳入财政项目库); earlier verdicts stay
    as history. Returns the index of the new entry, which `remove_verdict` takes out."""
    if project.form(form_id) is None:
        raise OperationError(f"no form {form_id}")
    if verdict not in VERDICTS:
        raise OperationError(f"unknown verdict {verdict}")
    project.review.verdicts.append(
        Verdict(
            form_id=form_id,
            verdict=verdict,
            reviewer=reviewer,
            note=note.strip(),
            date=date or now_text(),
        )
    )
    return len(project.review.verdicts) - 1


def remove_verdict(project: Project, index: int) -> Verdict:
    return project.review.verdicts.pop(index)


# --- queries --------------------------------------------------------------------------------


def verdict_of(project: Project, form_id: str) -> Verdict | None:
    return next((v for v in reversed(project.review.verdicts) if v.form_id == form_id), None)


def comments_of(project: Project, form_id: str, open_only: bool = False) -> list[Comment]:
    return [
        c for c in project.review.comments
        if c.form_id == form_id and not (open_only and c.resolved)
    ]  # fmt: skip


def _byline(comment: Comment) -> str:
    parts = [x for x in (comment.author, comment.created[:10]) if x]
    return f"（{'，'.join(parts)}）" if parts else ""


def _uids(form: Form, uid: str) -> tuple[str, ...]:
    """The uids from the level-1 category down to the row `uid` ("" for none)."""
    if not uid:
        return ()
    for l1 in form.indicators:
        if l1.uid == uid:
            return (l1.uid,)
        for l2 in l1.children:
            if l2.uid == uid:
                return (l1.uid, l2.uid)
            for ind in l2.indicators:
                if ind.uid == uid:
                    return (l1.uid, l2.uid, ind.uid)
    return ()


def comment_findings(project: Project, form: Form, kind: FormKind | None = None) -> list[Finding]:
    """Open comments as findings, so the clerk sees them in the problems list and on the
    cell (an indicator's, a header field's, a funds cell's) until they are resolved."""
    out = []
    for c in comments_of(project, form.id, open_only=True):
        at = resolve(form, c.anchor, kind)
        section = {
            "indicator": Section.INDICATOR,
            "category": Section.CATEGORY,
            "header": Section.HEADER,
            "funds": Section.FUNDS,
        }.get(c.anchor.section if not at.lost else "category" if at.uid else "form", Section.FORM)
        key = c.anchor.key if section is not Section.INDICATOR else c.anchor.key or "name"
        out.append(finding(REVIEW_CODE, form.id, section, at.where, key=key,
                           uids=_uids(form, at.uid), byline=_byline(c), text=c.text))  # fmt: skip
    verdict = verdict_of(project, form.id)
    if verdict is not None and verdict.verdict != "pass":
        out.append(finding(VERDICT_CODE, form.id, Section.FORM, phrase("review-verdict"),
                           variant="note" if verdict.note else "",
                           verdict=verdict_word(verdict.verdict), note=verdict.note))  # fmt: skip
    return out


# --- edits for the editor's change funnel (undoable) ----------------------------------------


@dataclass(eq=False)
class AddComment(Edit):
    """Attach a comment; undo takes it out again."""

    form_id: str
    text: str
    anchor: Anchor
    author: str = ""
    comment_id: str = ""
    _removed: tuple[int, Comment] | None = None

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        if self._removed is not None:
            insert_comment(project, *self._removed)
        else:
            c = add_comment(project, self.form_id, self.text, self.anchor, self.author)
            self.comment_id = c.id
        return OpChanges(self.form_id)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self._removed = remove_comment(project, self.comment_id)
        return OpChanges(self.form_id)


@dataclass(eq=False)
class ResolveComment(Edit):
    """Mark a comment resolved (or open again); the comment stays as history."""

    form_id: str
    comment_id: str
    by: str = ""
    reply: str = ""
    reopen: bool = False
    _old: Comment | None = None

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        if self.reopen:
            self._old = reopen_comment(project, self.comment_id)
        else:
            self._old = resolve_comment(project, self.comment_id, self.by, self.reply)
        return OpChanges(self.form_id)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        assert self._old is not None
        restore_comment(project, self._old)
        return OpChanges(self.form_id)


@dataclass(eq=False)
class GiveVerdict(Edit):
    """Give a form a verdict; undo takes that verdict back out of the history."""

    form_id: str
    verdict: str
    reviewer: str = ""
    note: str = ""
    _index: int = -1

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self._index = set_verdict(project, self.form_id, self.verdict, self.reviewer, self.note)
        return OpChanges(self.form_id)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        remove_verdict(project, self._index)
        return OpChanges(self.form_id)
