"""`jixiao print` and `jixiao fingerprint`: a PDF per call, warnings and errors as one line."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from desktop.cli import main
from desktop.core.fingerprint import form_fingerprint
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.resources import samples_dir
from desktop.core.storage import load_project, save_project


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_print_all_or_chosen_forms(sample_paths: list[Path], tmp_path: Path, capsys) -> None:
    sample = next(p for p in sample_paths if p.name == "2024-project-declarations.jixiao")
    out = tmp_path / "全部.pdf"
    code, stdout, err = run(capsys, "print", str(sample), "-o", str(out))
    assert code == 0 and err == ""
    pages = len(PdfReader(out).pages)
    assert f"6 张表，共 {pages} 页" in stdout
    code, stdout, _ = run(
        capsys, "print", str(sample), "-o", str(out), "--form", "f2", "--form", "f1"
    )
    assert code == 0 and "2 张表" in stdout
    first = PdfReader(out).pages[0].extract_text()
    assert load_project(sample).project.form("f2").header["project_name"] in first


def test_print_refuses_with_one_line(sample_paths: list[Path], tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "print", str(tmp_path / "无.jixiao"), "-o", str(tmp_path / "a.pdf"))
    assert code == 2 and err.count("\n") == 1 and "无.jixiao" in err
    code, _, err = run(
        capsys, "print", str(sample_paths[0]), "-o", str(tmp_path / "a.pdf"), "--form", "nope"
    )
    assert code == 2 and err.count("\n") == 1 and "nope" in err
    code, _, err = run(
        capsys, "print", str(sample_paths[0]), "-o", str(tmp_path / "无此目录" / "a.pdf")
    )
    assert code == 2 and err.count("\n") == 1 and "无法写入" in err
    assert not (tmp_path / "a.pdf").exists()


def test_print_warns_about_characters_without_a_font(tmp_path: Path, capsys) -> None:
    project = Project(
        forms=[
            Form(
                id="f1",
                kind="project-target-2026",
                header={"year": "2026", "project_name": "笑脸🥲项目"},
                indicators=[
                    Level1(
                        name="产出指标",
                        children=[
                            Level2(
                                name="数量指标",
                                indicators=[Indicator(name="表情𠀀𪜀", target="≥1次")],
                            )
                        ],
                    )
                ],
            )
        ]
    )
    path = tmp_path / "表情.jixiao"
    save_project(project, path)
    out = tmp_path / "表情.pdf"
    code, _, err = run(capsys, "print", str(path), "-o", str(out))
    assert code == 2 and not out.exists()  # never a silent box: printing stops, naming them
    assert err.count("\n") == 1 and "笑脸🥲项目" in err and "“🥲𪜀”" in err and "共 2 处" in err
    assert "--allow-boxes" in err
    code, _, err = run(capsys, "print", str(path), "-o", str(out), "--allow-boxes")
    assert code == 0 and "警告" in err and "“🥲𪜀”" in err
    assert out.exists()


def test_fingerprint_lists_each_form(sample_paths: list[Path], capsys) -> None:
    for path in sample_paths:
        project = load_project(path).project
        code, out, _ = run(capsys, "fingerprint", str(path))
        assert code == 0
        lines = out.splitlines()
        assert len(lines) == len(project.forms)
        for line, form in zip(lines, project.forms, strict=True):
            assert line.startswith(f"{form.id}  {form_fingerprint(form)}  ")


def test_fingerprint_of_an_unreadable_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "坏.jixiao"
    bad.write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "fingerprint", str(bad))
    assert code == 2 and out == "" and err.count("\n") == 1 and "坏.jixiao" in err


def test_missing_font_file_is_one_clear_line(tmp_path, monkeypatch, capsys) -> None:
    import desktop.core.printing.fonts as fonts_module

    monkeypatch.setattr(fonts_module, "_registered", None)
    monkeypatch.setitem(fonts_module._FILES, fonts_module.SONG, ("no-such-font.ttf", 0))
    sample = samples_dir() / "2022-department.jixiao"
    code = main(["print", str(sample), "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "no-such-font.ttf" in err and "重新安装" in err
    assert "Traceback" not in err and not (tmp_path / "x.pdf").exists()
