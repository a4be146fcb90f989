"""The `jixiao` command: exit codes, JSON output, one clear line per unreadable file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.resources import samples_dir
from desktop.core.storage import backup_path, load_project


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_templates(capsys) -> None:
    code, out, _ = run(capsys, "templates")
    assert code == 0 and "project-declaration-2024" in out and "项目支出" in out
    code, out, _ = run(capsys, "templates", "--json")
    kinds = json.loads(out)
    assert {"id", "name", "family", "year", "title"} <= set(kinds[0])
    assert len(kinds) >= 8


def test_new_then_check(tmp_path: Path, capsys) -> None:
    path = tmp_path / "新项目.jixiao"
    code, out, _ = run(capsys, "new", "project-target-national", "-o", str(path))
    assert code == 0 and path.exists()
    assert load_project(path).project.forms[0].kind == "project-target-national"
    code, out, err = run(capsys, "new", "project-target-national", "-o", str(path))
    assert code == 2 and "已存在" in err
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "field-empty" in out  # an empty form has errors


def test_new_unknown_kind(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "new", "nope", "-o", str(tmp_path / "x.jixiao"))
    assert code == 2 and "nope" in err


def test_check_json_fields(sample_paths: list[Path], capsys) -> None:
    path = next(p for p in sample_paths if p.name.startswith("2026"))
    code, out, _ = run(capsys, "check", str(path), "--json")
    rows = json.loads(out)
    assert code == 1
    assert all(set(r) >= {"file", "form", "path", "code", "severity", "message"} for r in rows)
    cost = next(r for r in rows if r["code"] == "cost-vs-funds")
    assert cost["form"] == "补充工作经费" and cost["severity"] == "error"


def test_check_clean_file_exits_0(sample_paths: list[Path], capsys) -> None:
    path = next(p for p in sample_paths if p.name.startswith("2022"))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and "0 个错误" in out


def test_check_folder_and_unreadable_files(tmp_path: Path, sample_paths, capsys) -> None:
    broken = tmp_path / "坏文件.jixiao"
    broken.write_bytes(b'{"format": "jixiao-project", "version": 1, "forms": [')
    code, out, err = run(capsys, "check", str(broken), str(sample_paths[0].parent))
    assert code == 2
    assert err.splitlines() == [f"坏文件.jixiao: {err.split(': ', 1)[1].strip()}"]
    assert "Traceback" not in err and "不完整" in err
    assert out.count(".jixiao: ") == len(sample_paths)


def test_upgrade_keeps_backup(tmp_path: Path, sample_paths, capsys) -> None:
    path = tmp_path / "p.jixiao"
    original = sample_paths[0].read_bytes()
    path.write_bytes(original.replace(b'"app_version": "0.1.0"', b'"app_version": "0.0.9"'))
    before = path.read_bytes()
    code, out, _ = run(capsys, "upgrade", str(path))
    assert code == 0 and "当前格式" in out
    assert backup_path(path).read_bytes() == before
    upgraded = json.loads(path.read_bytes())
    kinds = upgraded.pop("kinds")  # upgrading also makes the file carry its form kinds
    assert upgraded == json.loads(original)
    assert set(kinds) == {f["kind"] for f in upgraded["forms"]}


def test_upgrade_refuses_newer_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "new.jixiao"
    data = b'{"format": "jixiao-project", "version": 99, "forms": []}'
    path.write_bytes(data)
    code, _, err = run(capsys, "upgrade", str(path))
    assert code == 2 and "较新的程序" in err
    assert path.read_bytes() == data and not backup_path(path).exists()


def test_usage_error_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2


def test_output_cut_short_by_a_pipe_is_quiet(sample_paths) -> None:
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "desktop.cli", "check", str(sample_paths[0].parent)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline()
        proc.stdout.close()  # like `| head -1`
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err


def _cli(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh process whose user data folder is tmp_path/data."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_check_works_and_warns_with_a_broken_user_kind(tmp_path: Path) -> None:
    forms = tmp_path / "data" / "jixiao" / "forms"
    forms.mkdir(parents=True)
    (forms / "坏表样.json").write_text('{"format": "jixiao-form-kind", "version": 1}', "utf-8")
    (forms / "rules.json").write_text('{"format": "jixiao-rules", "words": {"vague": []}}', "utf-8")
    sample = samples_dir() / "2026-department-and-projects.jixiao"
    out = _cli(tmp_path, "check", str(sample))
    assert out.returncode == 1, out.stderr  # the sample's real errors, checked as usual
    assert "张表" in out.stdout and "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 2, lines  # one line per broken file
    kind_line = next(x for x in lines if "坏表样.json" in x)
    assert kind_line.startswith("警告：") and "字段 id" in kind_line
    assert any("rules.json" in x and "words.vague" in x for x in lines)
    listed = _cli(tmp_path, "templates")
    assert listed.returncode == 0 and "project-target-2026" in listed.stdout
