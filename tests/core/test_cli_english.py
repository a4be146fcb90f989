"""`jixiao --lang en`: every command's own words in English, its --help too, over a project and
over bad input (a missing file, broken JSON, an unknown form kind, a wrong output name).

What the tool prints from data stays as the data is: the form kinds' names, labels and
categories (forms/*.json), the rule words (rules.json), the shipped library, the verdict words a
user may type, and anything quoted “…” from a form. The test strips those and then asks that no
Chinese is left: so a Chinese word that belongs to the tool itself fails it. The project it
runs on holds ASCII data only.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import build_parser, main
from desktop.core import catalogue
from desktop.core.kinds import default_registry
from desktop.core.model import VERDICTS, Indicator
from desktop.core.resources import data_root, resources_dir
from desktop.core.rules import rules
from desktop.core.storage import load_project, save_project

# Han characters and the full-width punctuation Chinese text uses (：，（）、。).
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.fixture(scope="module")
def data_words() -> list[str]:
    """Every text of the program's data with Chinese in it, longest first."""
    files = [*(data_root() / "forms").glob("*.json"), *(resources_dir() / "library").glob("*.json")]
    words: set[str] = set(VERDICTS.values())
    for path in files:
        words.update(_strings(json.loads(path.read_text("utf-8"))))
    words = {w.strip() for w in words if CHINESE.search(w)}
    pieces = {p for w in words for p in re.split(r"[\s/|]+", w)}  # 产出指标 / 数量指标
    units = set(_strings(rules().units.model_dump()))  # 元, 人, 次: data even when one character
    return sorted({w for w in words | pieces if len(w) > 1} | units, key=len, reverse=True)


def tool_words(text: str, data_words: list[str]) -> str:
    """`text` without what came from data: quotes “…” and the data's own texts."""
    text = re.sub(r"“[^”]*”|「[^」]*」", "", text)
    for word in data_words:
        if word and word in text:
            text = text.replace(word, "")
    return text


@pytest.fixture(autouse=True)
def english(monkeypatch) -> Iterator[None]:
    monkeypatch.delenv("JIXIAO_LANG", raising=False)
    yield
    catalogue.set_language("zh")


def _ascii_project(path: Path) -> None:
    """A 2026 project target form filled in with ASCII only."""
    assert main(["--lang", "en", "new", "project-target-2026", "-o", str(path)]) == 0
    loaded = load_project(path)
    form = loaded.project.forms[0]
    kind = default_registry()[form.kind]
    for field in kind.header:
        form.header[field.key] = "Water supply"
    form.header["year"] = "2026"
    for _l1, l2, ind in list(form.iter_indicators()):
        l2.indicators.remove(ind)
    for n, (_l1, l2, _ind) in enumerate([(a, b, None) for a in form.indicators for b in a.children]):
        l2.indicators.append(Indicator(name=f"Item {n}", target=">=10" if n % 2 else "95%"))
    save_project(loaded.project, path)


def _commands(tmp: Path) -> list[list[str]]:
    p, broken, unknown = tmp / "p.jixiao", tmp / "broken.jixiao", tmp / "unknown.jixiao"
    missing, out = str(tmp / "missing.jixiao"), str(tmp / "out")
    _ascii_project(p)
    broken.write_text('{"format": "jixiao-project", "version": 1, "forms": [', "utf-8")
    data = json.loads(p.read_text("utf-8"))
    data["forms"][0]["kind"] = "no-such-kind"
    unknown.write_text(json.dumps(data), "utf-8")
    (tmp / "folder").mkdir()
    f = ["--form", "f1"]
    return [
        ["templates"],
        ["new", "project-target-2026", "-o", str(p)],  # exists
        ["new", "no-such-kind", "-o", f"{out}.jixiao"],
        ["check", str(p)], ["check", missing], ["check", str(broken)], ["check", str(unknown)],
        ["check", str(tmp / "folder")],
        ["upgrade", str(p)], ["upgrade", missing], ["upgrade", str(broken)],
        ["print", str(p), "-o", f"{out}.pdf"], ["print", str(p), "-o", str(p)],
        ["print", str(p), "-o", f"{out}2.pdf", "--form", "nope"],
        ["print", str(broken), "-o", f"{out}3.pdf"], ["print", str(unknown), "-o", f"{out}4.pdf"],
        ["print", str(p), "-o", f"{out}5.pdf", "--blank-rows", "99"],
        ["fingerprint", str(p)], ["fingerprint", missing],
        ["score", str(p)],
        ["selfeval", str(p), *f, "-o", f"{out}-se.jixiao"],
        ["selfeval", str(p), "--form", "nope", "-o", f"{out}-se2.jixiao"],
        ["selfeval", str(broken), *f, "-o", f"{out}-se3.jixiao"],
        ["score", f"{out}-se.jixiao"], ["score", f"{out}-se.jixiao", "--json"],
        ["library", "search", "no-such-words"], ["library", "search", "--sector", "nope"],
        ["library", "build", str(tmp / "folder"), "-o", f"{out}-lib.json"],
        ["library", "build", missing, "-o", f"{out}-lib2.json"],
        ["library", "build", str(p), "-o", f"{out}-lib3.txt"],
        ["library", "import", str(tmp / "missing.xlsx"), "-o", f"{out}-lib4.json"],
        ["lastyear", str(p)], ["lastyear", str(p), "--link", str(p)],
        ["lastyear", str(p), "--link", missing],
        ["export", str(p), "-o", f"{out}.xlsx"], ["export", str(p), "-o", f"{out}.txt"],
        ["export", str(p), "-o", f"{out}.docx", "--shape", "rows"],
        ["export", missing, "-o", f"{out}2.xlsx"],
        ["import", f"{out}.xlsx", "-o", f"{out}-in.jixiao"],
        ["import", missing, "-o", f"{out}-in2.jixiao"], ["import", f"{out}.xlsx", "-o", f"{out}.x"],
        ["import", str(broken), "-o", f"{out}-in3.jixiao"],
        ["import", f"{out}.xlsx", "--kind", "nope", "-o", f"{out}-in4.jixiao"],
        ["comment", str(p), *f, "Please check the target"],
        ["comment", str(p), *f, "text", "--indicator", "nope"],
        ["comment", str(p), "--form", "nope", "text"],
        ["comments", str(p)],
        ["resolve", str(p), "c1", "--reply", "done"], ["resolve", str(p), "nope"],
        ["verdict", str(p), *f, "revise", "--note", "see comments"],
        ["verdict", str(p), *f, "maybe"], ["verdict", str(p), "--form", "nope", "pass"],
        ["comments", str(p)],
        ["opinion", str(p), "-o", f"{out}-op.pdf"], ["opinion", missing, "-o", f"{out}-op2.pdf"],
        ["diff", f"{out}-in.jixiao", str(p)], ["diff", missing, str(p)],
        ["review", str(tmp), "-o", f"{out}-r.html"], ["review", str(tmp), "-o", f"{out}-r.txt"],
        ["review", str(tmp / "folder"), "-o", f"{out}-r2.html"],
    ]  # fmt: skip


def _helps() -> list[list[str]]:
    """--help of the program, of every command and of every subcommand."""
    helps = [["--help"]]

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    helps.append([*prefix, name, "--help"])
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return helps


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    try:
        code = main(["--lang", "en", *argv])
    except SystemExit as exc:  # --help and usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out + err


def test_every_command_speaks_english(tmp_path, capsys, data_words) -> None:
    failures = []
    for argv in _commands(tmp_path):
        code, text = _run(capsys, argv)
        assert text.strip() or code == 0, argv  # every failure says why
        left = tool_words(text, data_words)
        bad = [line for line in left.splitlines() if CHINESE.search(line)]
        if bad:
            failures.append((argv, code, bad[:3]))
    assert not failures, "\n".join(map(str, failures))


def test_every_help_speaks_english(capsys, data_words) -> None:
    helps = _helps()
    assert len(helps) > 20
    for argv in helps:
        code, text = _run(capsys, argv)
        assert code == 0 and "usage:" in text, argv
        assert not CHINESE.search(tool_words(text, data_words)), (argv, text)


def test_the_bad_inputs_say_what_is_wrong_in_english(tmp_path, capsys) -> None:
    broken = tmp_path / "broken.jixiao"
    broken.write_text('{"format": "jixiao-project", "version": 1, "forms": [', "utf-8")
    code, text = _run(capsys, ["check", str(broken)])
    assert code == 2 and "may be incomplete" in text and "line 1" in text
    code, text = _run(capsys, ["check", str(tmp_path / "missing.jixiao")])
    assert code == 2 and "missing.jixiao" in text
    code, text = _run(capsys, ["new", "no-such-kind", "-o", str(tmp_path / "x.jixiao")])
    assert code == 2 and text.strip() == "No form kind “no-such-kind”. `jixiao templates` lists the kinds."


def test_chinese_stays_the_default(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "绩效目标表与自评表" in capsys.readouterr().out
    assert main(["new", "no-such-kind", "-o", str(tmp_path / "x.jixiao")]) == 2
    assert capsys.readouterr().err.strip() == "没有表样“no-such-kind”。可用的表样见 `jixiao templates`。"


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    from string import Formatter

    from desktop.core.catalogue import _PHRASES
    from desktop.core.messages import MESSAGES

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(template) if name}

    assert set(MESSAGES) <= set(_PHRASES)  # one catalogue: phrase() finds them all
    for key, (zh, en) in _PHRASES.items():
        assert zh and en, key
        assert fields(zh) == fields(en), key
        outside = re.sub(r"“[^”]*”|{[^}]*}", "", en)
        assert not re.search(r"[\u3400-\u9fff]", outside), (key, en)  # English outside quotes
