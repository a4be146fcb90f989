"""`jixiao import` and `jixiao export`: exit codes, JSON, and one line for a file it cannot read.

Hostile files (corrupt, encrypted, zip bombs, a flood of shared strings, deep nesting) are run
in a child process whose peak memory is measured: each must end with exit 2 and one line on
stderr, within the memory the project file loader is allowed (about 300 MB).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.resources import samples_dir
from desktop.core.storage import load_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
MEMORY_LIMIT_MB = 300


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_a_project_and_lists_what_it_left(tmp_path: Path, capsys) -> None:
    out = tmp_path / "导入.jixiao"
    code, stdout, err = run(capsys, "import", str(FIXTURES / "2024-declarations.xls"), "-o", str(out))
    assert code == 1, err  # the sample forms keep their real mistakes: check finds errors
    project = load_project(out).project
    assert len(project.forms) == 6 and project.forms[0].kind == "project-declaration-2024"
    assert "6 张表" in stdout and "未导入的单元格" in stdout and "项目1!E12" in stdout
    assert "资金由元换算为万元" in stdout
    code, _, err = run(capsys, "import", str(FIXTURES / "2024-declarations.xls"), "-o", str(out))
    assert code == 2 and "已存在" in err


def test_import_json(tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.jixiao"
    code, stdout, _ = run(
        capsys, "import", str(FIXTURES / "2022-department.docx"), "-o", str(out), "--json"
    )
    data = json.loads(stdout)
    assert code in (0, 1)
    assert [f["kind"] for f in data["forms"]] == ["department-target-2022"]
    assert {"heading": "目标值", "maps_to": "指标值"}.items() <= data["forms"][0]["columns"][-1].items()
    assert all({"sheet", "cell", "text", "reason"} <= set(u) for u in data["unplaced"])
    assert data["unplaced"][0]["cell"].startswith("第")


def test_import_with_kind_and_several_files(tmp_path: Path, capsys) -> None:
    out = tmp_path / "rows.jixiao"
    code, _stdout, err = run(
        capsys, "import", str(FIXTURES / "2024-rows.xlsx"), str(FIXTURES / "2026-projects-rows.xlsx"),
        "-o", str(out), "--kind", "project-declaration-2024",
    )  # fmt: skip
    assert code in (0, 1), err
    assert len(load_project(out).project.forms) == 10
    code, _, err = run(capsys, "import", str(FIXTURES / "2024-rows.xlsx"), "-o", str(out),
                       "--kind", "nope", "--force")  # fmt: skip
    assert code == 2 and "nope" in err


def test_import_finds_nothing(tmp_path: Path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>通知</p><table><tr><td>a</td></tr></table></body></html>")
    code, _, err = run(capsys, "import", str(page), "-o", str(tmp_path / "x.jixiao"))
    assert code == 2 and "未找到可识别的绩效表" in err
    assert not (tmp_path / "x.jixiao").exists()


@pytest.mark.parametrize("shape", ["official", "rows"])
def test_export(shape: str, tmp_path: Path, capsys) -> None:
    sample = samples_dir() / "2026-department-and-projects.jixiao"
    out = tmp_path / "导出.xlsx"
    code, stdout, err = run(capsys, "export", str(sample), "-o", str(out), "--shape", shape)
    assert code == 0 and out.exists() and "5 张表" in stdout, err
    code, _, err = run(capsys, "export", str(sample), "-o", str(out))
    assert code == 2 and "已存在" in err
    code, stdout, _ = run(capsys, "export", str(sample), "-o", str(out), "--form", "f2", "--force")
    assert code == 0 and "1 张表" in stdout


def test_export_refusals(tmp_path: Path, capsys) -> None:
    sample = samples_dir() / "2022-department.jixiao"
    code, _, err = run(capsys, "export", str(sample), "-o", str(tmp_path / "a.xlsx"), "--form", "f9")
    assert code == 2 and "f9" in err
    code, _, err = run(capsys, "export", str(sample), "-o", str(tmp_path / "a.csv"))
    assert code == 2 and ".xlsx" in err
    code, _, err = run(capsys, "export", str(sample), "-o", str(tmp_path / "a.docx"), "--shape", "rows")
    assert code == 2
    code, _, err = run(capsys, "export", str(tmp_path / "none.jixiao"), "-o", str(tmp_path / "a.xlsx"))
    assert code == 2 and err.count("\n") == 1


def test_export_docx(tmp_path: Path, capsys) -> None:
    sample = samples_dir() / "2024-project-declarations.jixiao"
    out = tmp_path / "a.docx"
    code, stdout, _ = run(capsys, "export", str(sample), "-o", str(out))
    assert code == 0 and "6 张表" in stdout
    import docx

    document = docx.Document(str(out))
    assert len(document.tables) == 6 and len(document.sections) == 6
    assert "项目名称" in document.tables[0].cell(0, 0).text


# --- files it cannot read --------------------------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _xlsx_parts() -> dict[str, bytes]:
    """A minimal valid workbook's parts, to be spoiled one way or another."""
    from io import BytesIO

    from openpyxl import Workbook

    buf = BytesIO()
    wb = Workbook()
    wb.active["A1"] = "一级指标"
    wb.save(buf)
    with zipfile.ZipFile(BytesIO(buf.getvalue())) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def hostile(tmp: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    files["random.xlsx"] = tmp / "random.xlsx"
    files["random.xlsx"].write_bytes(os.urandom(4000))
    good = _xlsx_parts()
    cut = tmp / "cut.xlsx"
    _zip(cut, good)
    cut.write_bytes(cut.read_bytes()[: len(cut.read_bytes()) // 2])
    files["truncated.xlsx"] = cut
    files["encrypted.xlsx"] = tmp / "encrypted.xlsx"
    files["encrypted.xlsx"].write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 3000
    )  # fmt: skip
    files["bad.xls"] = tmp / "bad.xls"
    files["bad.xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(5000))
    # a sheet that unpacks to 1 GB of zeros from about 1 MB
    bomb = tmp / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in good.items():
            if name != "xl/worksheets/sheet1.xml":
                zf.writestr(name, data)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(1024):
                f.write(block)
    files["bomb.xlsx"] = bomb
    # shared strings just under the cap, each a different tiny string, referenced by a sheet
    strings = b"".join(b"<si><t>%x</t></si>" % i for i in range(700_000))
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main" count="700000" uniqueCount="700000">' + strings + b"</sst>")  # fmt: skip
    flood = dict(good)
    flood["xl/sharedStrings.xml"] = sst
    files["strings.xlsx"] = _zip(tmp / "strings.xlsx", flood)
    big = dict(good)
    big["xl/sharedStrings.xml"] = sst * 3
    files["strings-over.xlsx"] = _zip(tmp / "strings-over.xlsx", big)
    # deep nesting in the sheet's XML
    deep = dict(good)
    deep["xl/worksheets/sheet1.xml"] = b"<a>" * 200_000 + b"</a>" * 200_000
    files["deep.xlsx"] = _zip(tmp / "deep.xlsx", deep)
    # entity expansion (billion laughs)
    laughs = dict(good)
    laughs["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((98 + i,) + (97 + i,) * 10)
                   for i in range(8))
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&i;</t></si></sst>'
    )
    files["laughs.xlsx"] = _zip(tmp / "laughs.xlsx", laughs)
    # a huge merged range
    merged = dict(good)
    merged["xl/worksheets/sheet1.xml"] = good["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    )
    files["merge.xlsx"] = _zip(tmp / "merge.xlsx", merged)
    # half a million cells, each a number: more than any form, refused before the mapping
    cells = dict(good)
    rows = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (col, r)
                    for col in (b"A", b"B", b"C", b"D", b"E")) + b"</row>" for r in range(1, 100_001))  # fmt: skip
    cells["xl/worksheets/sheet1.xml"] = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows + b"</sheetData></worksheet>"
    )
    files["cells.xlsx"] = _zip(tmp / "cells.xlsx", cells)
    deep_html = tmp / "deep.html"
    deep_html.write_text("<table><tr><td>" * 100_000 + "x")
    files["deep.html"] = deep_html
    files["word.doc"] = tmp / "word.doc"
    files["word.doc"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    files["empty.xlsx"] = tmp / "empty.xlsx"
    files["empty.xlsx"].write_bytes(b"")
    return files


# VmHWM, not ru_maxrss: on Linux the latter carries over the parent's peak across exec.
CHILD = """
import sys
from desktop.cli import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
print(f"PEAK {peak}", file=sys.stderr)
sys.exit(code)
"""


def test_hostile_files_exit_2_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": "/usr/bin:/bin"}  # no LibreOffice here: .doc says so
    results = {}
    for name, path in hostile(tmp_path).items():
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, "import", str(path), "-o", str(tmp_path / f"{name}.jixiao")],
            capture_output=True, text=True, timeout=300, env=env,
        )  # fmt: skip
        lines = [x for x in proc.stderr.splitlines() if not x.startswith("PEAK ")]
        peak = int(proc.stderr.rsplit("PEAK ", 1)[1])
        results[name] = (proc.returncode, lines, peak)
        assert proc.returncode == 2, (name, proc.returncode, proc.stdout, proc.stderr[-2000:])
        assert len(lines) == 1 and lines[0].startswith(path.name), (name, lines)
        assert "Traceback" not in proc.stderr
        assert peak < MEMORY_LIMIT_MB, (name, peak)
        assert not (tmp_path / f"{name}.jixiao").exists()
    assert "LibreOffice" in results["word.doc"][1][0]
    assert "加密" in results["encrypted.xlsx"][1][0]
    assert "压缩炸弹" in results["bomb.xlsx"][1][0]
    assert "表格过大" in results["cells.xlsx"][1][0]


def test_libreoffice_converts_old_formats(tmp_path: Path, capsys, monkeypatch) -> None:
    """With a LibreOffice on PATH, a .doc is converted offline and read; here a stand-in
    `soffice` does what LibreOffice's --convert-to does (writes in.docx into --outdir)."""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    source = FIXTURES / "2022-department.docx"
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'cp "{source}" "$2/in.docx"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    doc = tmp_path / "旧.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    code, _stdout, err = run(capsys, "import", str(doc), "-o", str(tmp_path / "x.jixiao"))
    assert code in (0, 1), err
    assert load_project(tmp_path / "x.jixiao").project.forms[0].kind == "department-target-2022"


def test_memory_probe_sees_a_peak(tmp_path: Path) -> None:
    """The probe of the hostile test measures the child itself: 200 MB held shows."""
    code = CHILD.replace("code = main(sys.argv[1:])", "x = bytearray(200 << 20); x[::4096] = b'1' * len(x[::4096]); code = 0")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert 200 <= int(proc.stderr.rsplit("PEAK ", 1)[1]) < 400
