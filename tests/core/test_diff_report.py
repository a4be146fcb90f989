"""`jixiao diff`, the folder report (`jixiao review`), printed review sheets, the round trip."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from desktop.core import review
from desktop.core.batch import check_file, check_files
from desktop.core.diff import diff_projects
from desktop.core.embedded import embed_used_kinds, project_registry
from desktop.core.kinds import default_registry
from desktop.core.model import Indicator
from desktop.core.report import collect
from desktop.core.storage import load_project, save_project
from tests.core.test_review import bureau_kind, declaration, nested_folder, uid_of


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_reports_changes_moves_and_resolved_comments() -> None:
    old = declaration()
    new = old.model_copy(deep=True)
    form = new.forms[0]
    l2 = form.find_level2("产出指标", "数量指标")
    assert l2 is not None
    l2.indicators[1].target = "≥60台"  # changed
    l2.indicators.insert(0, l2.indicators.pop(2))  # 会费缴纳次数 moved to the top
    l2.indicators.append(Indicator(name="政务信息报送篇数", target="≥120篇"))  # added
    quality = form.find_level2("产出指标", "质量指标")
    assert quality is not None
    quality.indicators.append(l2.indicators.pop(1))  # 红机网络维护次数 moved to 质量指标
    form.header["project_name"] = "政务信息维护经费（修改稿）"
    form.funds["total"]["amount"] = "120"
    c = review.add_comment(old, "f1", "请核减", author="李审核")
    new.review = old.review.model_copy(deep=True)
    review.resolve_comment(new, c.id, by="王填报", reply="已核减为120万元")
    changes = diff_projects(old, new, default_registry())
    lines = [x.line() for x in changes]
    text = "\n".join(lines)
    assert "[修改] 政务信息维护经费（修改稿） / 表头 / 项目名称：政务信息维护经费 → 政务信息维护经费（修改稿）" in text
    assert "资金 / 年度资金总额：150 → 120" in text
    assert "维修更新涉密设备台数" in text and "≥75台 → ≥60台" in text
    assert "[移动] 政务信息维护经费（修改稿） / 产出指标 / 质量指标 / 红机网络维护次数：产出指标 / 数量指标 → 产出指标 / 质量指标" in text
    assert any(x.kind == "moved" and "会费缴纳次数" in x.where for x in changes)
    assert not any(x.kind == "moved" and "维修更新" in x.where for x in changes)  # only shifted
    assert "[新增] 政务信息维护经费（修改稿） / 产出指标 / 数量指标：政务信息报送篇数，≥120篇" in text
    assert "[已解决]" in text and "王填报：已核减为120万元" in text
    assert diff_projects(old, old, default_registry()) == []


def test_diff_cli_json_and_pdf(tmp_path: Path, capsys) -> None:
    old = declaration()
    a, b = tmp_path / "a.jixiao", tmp_path / "b.jixiao"
    save_project(old, a)
    old.forms[0].header["project_name"] = "新名称"
    old.forms.append(old.forms[0].model_copy(update={"id": "f2"}, deep=True))
    save_project(old, b)
    code, out, _ = run(capsys, "diff", str(a), str(b), "--json", "-o", str(tmp_path / "d.pdf"))
    assert code == 0
    changes = json.loads(out)
    assert {"form_id": "f2", "form": "新名称", "kind": "added", "section": "form",
            "where": "整张表", "old": "", "new": ""} in changes  # fmt: skip
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "d.pdf").pages)
    assert "修改对照表" in text and "新名称" in text


def test_round_trip_to_a_pc_without_the_kind_and_back(tmp_path: Path, capsys) -> None:
    """Done when: comments and verdicts survive save → email (another PC without the kind,
    and with another rule vocabulary) → open → resolve → save → diff. The comments are on an
    indicator, a header field and a funds cell; the bureau allows 12 characters in a name."""
    from tests.core.test_vocabulary import LONG, OVERRIDE, pc

    kind = bureau_kind()
    bureau = default_registry().with_kinds({kind.id: kind})
    project = declaration(kind)
    form = project.forms[0]
    form.indicators[0].children[0].indicators[0].name = LONG  # over the bureau's 12
    anchor = review.anchor_for(form, "indicator", "target", uid_of(project, "维修更新涉密设备台数"))
    review.add_comment(project, "f1", "台数偏高，请按实际需要填写。", anchor, author="李审核")
    funds = review.anchor_for(form, "funds", "total.amount")
    review.add_comment(project, "f1", "总额请与批复一致。", funds, author="李审核")
    header = review.anchor_for(form, "header", "objective")
    review.add_comment(project, "f1", "年度目标请量化。", header, author="李审核")
    review.set_verdict(project, "f1", "revise", reviewer="李审核")
    embed_used_kinds(project, bureau)
    sent = tmp_path / "退回修改.jixiao"
    with pc(OVERRIDE):  # the bureau's PC: its own kind and its own vocabulary
        save_project(project, sent)
    # the unit's PC: only the bundled kinds, the built-in vocabulary
    received = tmp_path / "unit" / "退回修改.jixiao"
    received.parent.mkdir()
    received.write_bytes(sent.read_bytes())
    with pc(None):
        loaded = load_project(received)
        _, notes = project_registry(loaded.project, default_registry())
        assert sorted(n.reason for n in notes) == ["missing", "rules-differ"]
        code, out, err = run(capsys, "check", str(received))
        assert "form-kind-unknown" not in out and "台数偏高" in out and "退回修改" in out
        assert "资金 / 年度资金总额" in out and "总额请与批复一致" in out
        assert "表头 / 年度总体目标" in out and "name-too-long" in out  # checked as at the bureau
        assert "规则词表" in err and "本机没有表样" in err
        unit_project = loaded.project
        ind = next(i for _, _, i in unit_project.forms[0].iter_indicators()
                   if i.name.startswith("维修"))  # fmt: skip
        ind.target = "≥60台"
        unit_project.forms[0].funds["total"]["amount"] = "120"
        review.resolve_comment(unit_project, "c1", by="王填报", reply="已按实际需要改为60台")
        review.resolve_comment(unit_project, "c2", by="王填报", reply="已改为批复数120万元")
        save_project(unit_project, received, expected=loaded.stamp)
    back = load_project(received).project
    assert back.kinds.keys() == {kind.id} and back.rules == json.loads(sent.read_text())["rules"]
    assert [c.resolved for c in back.review.comments] == [True, True, False]
    assert back.review.verdicts[0].verdict == "revise"
    code, out, _ = run(capsys, "diff", str(sent), str(received))
    assert code == 0
    assert "≥75台 → ≥60台" in out and "已按实际需要改为60台" in out
    assert "资金 / 年度资金总额：150 → 120" in out
    assert "[已解决]" in out and "审核意见 / 资金 / 年度资金总额" in out
    assert "年度目标请量化" not in out  # still open: not among what changed
    code, out, _ = run(capsys, "comments", str(received))
    assert "[待修改] 表头 / 年度总体目标：年度目标请量化。" in out


def test_review_sheet_pdf(tmp_path: Path, capsys) -> None:
    project = declaration()
    review.add_comment(project, "f1", "请补充<时效>指标 & 完成时间", author="李审核")
    funds = review.anchor_for(project.forms[0], "funds", "total.amount")
    review.add_comment(project, "f1", "总额请与批复一致", funds, author="李审核")
    review.set_verdict(project, "f1", "revise", reviewer="李审核", note="退回补充")
    path = tmp_path / "p.jixiao"
    save_project(project, path)
    code, _, _ = run(capsys, "opinion", str(path), "-o", str(tmp_path / "o.pdf"))
    assert code == 0
    text = PdfReader(tmp_path / "o.pdf").pages[0].extract_text()
    assert "退回修改清单" in text and "请补充<时效>指标 & 完成时间" in text
    assert "资金 / 年度资金总额" in text and "总额请与批复一致" in text


def test_comment_resolve_verdict_cli(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.jixiao"
    save_project(declaration(), path)
    code, out, _ = run(capsys, "comment", str(path), "--form", "f1", "--indicator",
                       "会费缴纳次数", "--column", "target", "请写明时间", "--author", "李")  # fmt: skip
    assert code == 0 and "c1" in out
    assert run(capsys, "comment", str(path), "--form", "f1", "--indicator", "无此指标", "x")[0] == 2
    assert run(capsys, "verdict", str(path), "--form", "f1", "退回修改")[0] == 0
    assert run(capsys, "verdict", str(path), "--form", "f1", "也许")[0] == 2
    assert run(capsys, "resolve", str(path), "c1", "--reply", "已补充")[0] == 0
    code, out, _ = run(capsys, "comment", str(path), "--form", "f1", "--funds", "total.amount",
                       "总额请与批复一致")  # fmt: skip
    assert code == 0 and "c2：资金 / 年度资金总额" in out
    code, out, _ = run(capsys, "comment", str(path), "--form", "f1", "--funds", "其中：财政拨款",
                       "--field", "objective", "x")  # fmt: skip
    assert code == 2  # one place at a time
    assert run(capsys, "comment", str(path), "--form", "f1", "--funds", "无此行", "x")[0] == 2
    code, out, _ = run(capsys, "comments", str(path), "--json")
    rows = json.loads(out)
    assert rows[0]["resolved"] and rows[0]["where"] == "产出指标 / 数量指标 / 会费缴纳次数"
    assert rows[0]["verdict"] == "退回修改"
    assert rows[1]["where"] == "资金 / 年度资金总额" and not rows[1]["resolved"]


def test_comment_resolve_verdict_refuse_a_file_another_copy_has_open(
    tmp_path: Path, capsys
) -> None:
    """The review commands write the file like `upgrade` does: under its lock, so a file
    open in the editor elsewhere is left alone (one line, exit 2, not a byte changed)."""
    import os
    import signal

    from tests.core.test_locks import _hold_in_child

    path = tmp_path / "p.jixiao"
    save_project(declaration(), path)
    before = path.read_bytes()
    pid = _hold_in_child(path)
    try:
        for argv in (["comment", str(path), "--form", "f1", "请补充"],
                     ["verdict", str(path), "--form", "f1", "通过"],
                     ["resolve", str(path), "c1"]):  # fmt: skip
            code, out, err = run(capsys, *argv)
            assert code == 2 and "请先在那里关闭它" in err and out == ""
        assert path.read_bytes() == before
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert run(capsys, "comment", str(path), "--form", "f1", "请补充")[0] == 0


# --- the folder report ---------------------------------------------------------------------


def test_review_report_lists_every_file_html(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "收件"
    files = nested_folder(folder)
    hostile = declaration()
    hostile.forms[0].header["project_name"] = '<script>alert("x")</script>=HYPERLINK("x")'
    save_project(hostile, folder / "a" / "恶意.jixiao")
    out = tmp_path / "报告.html"
    code, stdout, _ = run(capsys, "review", str(folder), "-o", str(out))
    assert code == 0 and "5 个文件（1 个无法读取）" in stdout
    page = out.read_text(encoding="utf-8")
    for p in files.values():
        assert str(p.relative_to(folder)) in page
    assert "无法读取" in page and '<script>alert' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "http" not in page.lower() and "src=" not in page  # nothing fetched
    assert page.index("坏.jixiao") < page.index("好.jixiao")  # unreadable first (riskiest)
    assert run(capsys, "review", str(folder), "-o", str(out))[0] == 2  # no silent overwrite


def test_review_report_xlsx_is_text_safe(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    nested_folder(folder)
    hostile = declaration()
    hostile.forms[0].header["project_name"] = '=HYPERLINK("http://x","点我")\x07'
    save_project(hostile, folder / "恶意.jixiao")
    out = tmp_path / "r.xlsx"
    assert run(capsys, "review", str(folder), "-o", str(out))[0] == 0
    wb = load_workbook(out)
    ws = wb["审核清单"]
    values = [c.value for row in ws.iter_rows() for c in row]
    cells = [c for row in ws.iter_rows() for c in row if c.value]
    assert '=HYPERLINK("http://x","点我")' in values
    assert all(c.data_type != "f" for c in cells)
    assert "按单位汇总" in wb.sheetnames
    units = [r[0].value for r in wb["按单位汇总"].iter_rows(min_row=2)]
    assert "某局办公室" in units


def test_sample_covers_80_percent_with_fewest_forms(tmp_path: Path) -> None:
    amounts = ["500", "300", "100", "60", "40"]  # 1000 in all: 500 + 300 = 80 %
    paths = []
    for i, a in enumerate(amounts):
        p = declaration()
        p.forms[0].funds = {"total": {"amount": a}}
        paths.append(tmp_path / f"{i}.jixiao")
        save_project(p, paths[-1])
    with collect(check_file(p) for p in paths) as store:
        s = store.summary
        assert s.funds_yuan == Decimal(10_000_000) and s.sampled == 2
        sampled = sorted(r.funds_yuan for r in store.rows() if r.sampled)
        assert sampled == [Decimal(3_000_000), Decimal(5_000_000)]
        (unit,) = store.units()
        assert unit.forms == 5 and unit.sampled == 2 and unit.funds_yuan == Decimal(10_000_000)


def test_process_pool_keeps_order_and_reports_bad_files(tmp_path: Path) -> None:
    paths = []
    for i in range(30):
        p = tmp_path / f"{i:02}.jixiao"
        if i % 7 == 3:
            p.write_bytes(b"not json")
        else:
            save_project(declaration(), p)
        paths.append(p)
    results = list(check_files(paths, jobs=2))
    assert [r.path for r in results] == paths
    assert [r.readable for r in results] == [i % 7 != 3 for i in range(30)]


def test_a_reviewed_file_reports_its_verdict_and_comments_apart_from_its_problems(
    tmp_path: Path,
) -> None:
    """The folder report's row of a reviewed file: the latest verdict, the comments open and
    resolved, and problems that do not count the review's own notes; an unreviewed file's row
    has none of them."""
    plain = tmp_path / "plain.jixiao"
    save_project(declaration(), plain)
    project = declaration()
    form_id = project.forms[0].id
    review.set_verdict(project, form_id, "pass")
    review.set_verdict(project, form_id, "revise")
    review.add_comment(project, form_id, "年度目标请量化")
    done = review.add_comment(project, form_id, "资金请与批复一致")
    review.resolve_comment(project, done.id, by="王填报")
    reviewed = tmp_path / "reviewed.jixiao"
    save_project(project, reviewed)
    (before,) = check_file(plain, with_findings=True).forms
    (row,) = check_file(reviewed, with_findings=True).forms
    assert (before.verdict, before.open_comments, before.resolved_comments) == ("", 0, 0)
    assert (row.verdict, row.open_comments, row.resolved_comments) == ("退回修改", 1, 1)
    added = {x.code for x in row.findings} - {x.code for x in before.findings}
    assert added == {review.REVIEW_CODE, review.VERDICT_CODE}
    assert (row.errors, row.warnings, row.top) == (before.errors, before.warnings, before.top)
    passed = declaration()  # a verdict and no comment
    review.set_verdict(passed, passed.forms[0].id, "pass")
    save_project(passed, reviewed)
    (row,) = check_file(reviewed).forms
    assert (row.verdict, row.open_comments, row.errors) == ("通过", 0, before.errors)
