"""`jixiao --lang en` (or JIXIAO_LANG=en): findings and the check command's own lines in
English; Chinese stays the default."""

from __future__ import annotations

import re

import pytest

from desktop.cli import main
from desktop.core import catalogue

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def chinese_after():
    yield
    catalogue.set_language("zh")


def first_lines(capsys, argv: list[str]) -> list[str]:
    main(argv)
    return capsys.readouterr().out.splitlines()


def test_check_in_english(sample_paths, capsys, monkeypatch):
    monkeypatch.delenv("JIXIAO_LANG", raising=False)
    sample = str(sample_paths[0])
    zh = first_lines(capsys, ["check", sample])
    en = first_lines(capsys, ["--lang", "en", "check", sample])
    assert len(zh) == len(en) > 1
    assert "张表" in zh[0] and "错误" in zh[0]
    assert re.search(r"\d+ form\(s\), \d+ error\(s\), \d+ warning\(s\)$", en[0]), en[0]
    for zh_line, line in zip(zh[1:], en[1:], strict=True):
        severity, _, rest = line.strip().partition("] ")
        assert severity in ("[error", "[warning")
        message = rest.rsplit(": ", 1)[-1]
        assert message != zh_line.rsplit(": ", 1)[-1]
        # English words; what it quotes from the form (and the bands' names) stay Chinese
        assert re.match(r"[“(A-Za-z]", message) and re.search(r"[A-Za-z]{3,} [a-z]{2,}", message)
        assert len(CJK.findall(message)) < len(message) / 3, line


def test_the_language_from_the_environment(sample_paths, capsys, monkeypatch):
    monkeypatch.setenv("JIXIAO_LANG", "en_US.UTF-8")
    assert "form(s)" in first_lines(capsys, ["check", str(sample_paths[0])])[0]
    monkeypatch.setenv("JIXIAO_LANG", "zh")
    assert "张表" in first_lines(capsys, ["check", str(sample_paths[0])])[0]


def test_english_from_the_checking_workers(sample_paths, capsys, tmp_path, monkeypatch):
    """Enough files for the pool of worker processes: they speak the caller's language."""
    monkeypatch.delenv("JIXIAO_LANG", raising=False)
    for i in range(30):
        (tmp_path / f"p{i}.jixiao").write_bytes(sample_paths[0].read_bytes())
    lines = first_lines(capsys, ["--lang", "en", "check", str(tmp_path), "--jobs", "2"])
    assert sum("form(s)" in line for line in lines) == 30
    assert not any("张表" in line for line in lines)
