"""The hostile-file corpus: every way a project file has been seen to go wrong, made on demand.

Run `python tests/hostile/generate.py OUT_DIR` to write the corpus into a folder (with a
`manifest.json` saying what each file is and what the program must do with it); the tests call
`generate(folder)` into a temporary folder. Nothing here is committed as data: some cases are
31 MB, a symbolic link to /dev/zero or a FIFO, which a repository cannot hold.

Each case is refused (the CLI exits 2 with one line holding `words`; the editor shows the same
reason) or opens (exit 0 or 1); either way nothing on disk changes and memory and time stay
bounded.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.resources import samples_dir  # noqa: E402
from desktop.core.storage import (  # noqa: E402
    LOAD_BUDGET,
    MAX_FILE_BYTES,
    ProjectFileError,
    check_budget,
    load_cost,
)

BASE = "2022-department.jixiao"
SELFEVAL = "2020-self-evaluation.jixiao"
NEAR_LIMIT = MAX_FILE_BYTES - (1 << 20)  # 31 MB: under the size limit, over any real project


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # the name inside the corpus folder (str of bytes for non-UTF-8 names: see raw_name)
    expect: str  # "refused" or "opens"
    words: str = ""  # what the one-line reason must say, for refused cases
    raw_name: bool = False  # the name is bytes (os.fsdecode gives the str form)
    special: bool = False  # not a regular file: the content check does not apply


def _doc(name: str = BASE) -> dict:
    return json.loads((samples_dir() / name).read_bytes())


def _write(path: Path | bytes, data: dict | bytes, *, ascii_only: bool = False) -> None:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=ascii_only).encode()
    with open(path, "wb") as f:
        f.write(raw)


def _fill(path: Path, size: int, head: bytes, item: bytes, tail: bytes) -> None:
    """A file of about `size` bytes: head, item repeated (comma separated), tail."""
    count = max(1, (size - len(head) - len(tail)) // (len(item) + 1))
    with open(path, "wb") as f:
        f.write(head)
        f.write(b",".join([item] * count))
        f.write(tail)


def _wrap_indicators(items_placeholder: bytes = b"@@") -> tuple[bytes, bytes]:
    data = _doc()
    level2 = data["forms"][0]["indicators"][0]["children"][0]
    level2["indicators"] = "@@"
    text = json.dumps(data, ensure_ascii=False).encode()
    head, tail = text.split(b'"' + items_placeholder + b'"')
    return head + b"[", b"]" + tail


def empty_indicators(path: Path, size: int = NEAR_LIMIT) -> None:
    """One level-2 category holding millions of empty indicators `{}` (14 GB before issue 18)."""
    head, tail = _wrap_indicators()
    _fill(path, size, head, b"{}", tail)


def small_indicators(path: Path, size: int = NEAR_LIMIT) -> None:
    head, tail = _wrap_indicators()
    _fill(path, size, head, b'{"name":"a","target":"1"}', tail)


def _spread(path: Path, size: int, item: bytes, per_form: int = 4000) -> None:
    """About `size` bytes of `item` as indicators, `per_form` in a category of each of as many
    forms as that takes: within the rows a form may have (limits.MAX_ROWS)."""
    data = _doc()
    form = data["forms"][0]
    form["id"] = "@ID@"
    form["indicators"][0]["children"][0]["indicators"] = "@@"
    form_head, form_tail = json.dumps(form, ensure_ascii=False).encode().split(b'"@@"')
    data["forms"] = "@@"
    head, tail = json.dumps(data, ensure_ascii=False).encode().split(b'"@@"')
    count = max(1, (size - len(head) - len(tail)) // (len(item) + 1))
    forms = []
    for i, first in enumerate(range(0, count, per_form)):
        items = b",".join([item] * min(per_form, count - first))
        forms.append((form_head + b"[" + items + b"]" + form_tail).replace(b"@ID@", b"f%d" % i))
    with open(path, "wb") as f:
        f.write(head + b"[" + b",".join(forms) + b"]" + tail)


def spread_empty_indicators(path: Path, size: int = NEAR_LIMIT) -> None:
    _spread(path, size, b"{}")


def spread_small_indicators(path: Path, size: int = NEAR_LIMIT) -> None:
    _spread(path, size, b'{"name":"a","target":"1"}')


def many_strings(path: Path, size: int = NEAR_LIMIT) -> None:
    """An unknown key holding millions of short strings (all built before validation)."""
    head = b'{"format":"jixiao-project","version":1,"title":"x","junk":['
    _fill(path, size, head, b'"ab"', b'],"forms":[]}')


def many_numbers(path: Path, size: int = NEAR_LIMIT) -> None:
    head = b'{"format":"jixiao-project","version":1,"title":"x","junk":['
    _fill(path, size, head, b"7", b'],"forms":[]}')


def many_forms(path: Path, size: int = NEAR_LIMIT, kind: bytes = b"department-target-2022") -> None:
    head = b'{"format":"jixiao-project","version":2,"title":"x","forms":['
    count = size // 60
    with open(path, "wb") as f:
        f.write(head)
        f.write(b",".join(b'{"id":"f%d","kind":"%s"}' % (i, kind) for i in range(count)))
        f.write(b"]}")


def many_selfeval_forms(path: Path, size: int = NEAR_LIMIT) -> None:
    """Empty forms of the kind whose check costs most per form (measured: its findings)."""
    many_forms(path, size, b"project-selfeval")


def many_header_keys(path: Path, size: int = NEAR_LIMIT) -> None:
    data = _doc()
    data["forms"][0]["header"] = "@@"
    head, tail = json.dumps(data, ensure_ascii=False).encode().split(b'"@@"')
    count = size // 14
    with open(path, "wb") as f:
        f.write(head + b"{")
        f.write(b",".join(b'"k%d":""' % i for i in range(count)))
        f.write(b"}" + tail)


def _forms_in(raw: bytes) -> int:
    """How many forms the program counts in a file, once read (parse_project's second look)."""
    data = json.loads(raw)
    forms = data.get("forms") if isinstance(data, dict) else None
    return len(forms) if isinstance(forms, list) else 0


def at_budget(make: Callable[[Path, int], None]) -> Callable[[Path], None]:
    """The largest file of a shape that the load budget admits (found by bisecting its size):
    the costliest file of that shape the program will open, so it must stay in bounds."""

    def admitted(path: Path, size: int) -> bool:
        make(path, size)
        raw = path.read_bytes()
        try:
            check_budget(path, raw)
            check_budget(path, raw, _forms_in(raw))
        except ProjectFileError:
            return False
        return True

    def cost(path: Path, size: int) -> int:
        make(path, size)
        raw = path.read_bytes()
        return load_cost(raw, _forms_in(raw))

    def maker(path: Path) -> None:
        # the estimate grows linearly with the size: aim by two small files, then bisect near
        # the aim until the file is within 0.2 % of the largest one admitted
        one, two = cost(path, 1 << 20), cost(path, 2 << 20)
        guess = (1 << 20) + int((LOAD_BUDGET - one) * (1 << 20) / max(1, two - one))
        low, high = max(64, guess * 99 // 100), min(NEAR_LIMIT, guess * 101 // 100)
        while low > 64 and not admitted(path, low):
            low //= 2
        if admitted(path, high):
            return
        while high - low > max(64, low // 500):
            middle = (low + high) // 2
            low, high = (middle, high) if admitted(path, middle) else (low, middle)
        make(path, low)

    return maker


def _edited(change: Callable[[dict], object], name: str = BASE) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        data = _doc(name)
        change(data)
        _write(path, data)

    return make


def _text_edit(old: str, new: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        text = (samples_dir() / BASE).read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return make


def _bytes(raw: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(raw)


def _sample_bytes() -> bytes:
    return (samples_dir() / BASE).read_bytes()


def truncated_in_a_character(path: Path) -> None:
    raw = _sample_bytes()
    cut = next(i for i in range(len(raw) // 2, len(raw)) if raw[i] >= 0xE0)
    path.write_bytes(raw[: cut + 1])


def truncated_at_a_line(path: Path) -> None:
    text = _sample_bytes().decode()
    path.write_text(text[: text.index("\n", len(text) // 2)], encoding="utf-8")


def amount_40_digits(path: Path) -> None:
    data = _doc(SELFEVAL)
    for form in data["forms"][1:]:
        form["funds"]["appropriation"]["executed"] = "1" * 40
        form["funds"]["total"]["executed"] = "9" * 40 + ".5"
        level3 = form["indicators"][0]["children"][0]["indicators"][0]
        level3["target"] = "≥" + "1" * 40 + "万元"
        level3["actual"] = "1e999999"
    _write(path, data)


def deep_nesting(path: Path) -> None:
    path.write_bytes(b'{"format":"jixiao-project","version":1,"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def sparse_oversized(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)


def link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def fifo(path: Path) -> None:
    os.mkfifo(path)


def directory(path: Path) -> None:
    path.mkdir()


def control_characters(data: dict) -> None:
    data["forms"][0]["header"]["department"] = "部门\x1b[2J\x1b[31m\r\x07\x00"
    data["title"] = "标题\n第二行\x1b]0;owned\x07"


def newer_with_escapes(data: dict) -> None:
    data["version"] = 99
    data["app_version"] = "9.0\n\x1b[31mREAD ME\x1b[0m"


def read_only(path: Path) -> None:
    data = _doc()
    data["version"] = 1
    _write(path, data)
    path.chmod(0o444)


# name -> (maker, expect, words); the maker writes the file at the given path
MAKERS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # earlier hostile cases (tests/core/test_hostile_files.py, tests/ui/test_hostile_files.py)
    "truncated-at-a-line": (truncated_at_a_line, "refused", "不完整"),
    "gbk-content": (lambda p: p.write_bytes(_sample_bytes().decode().encode("gbk", "replace")),
                    "refused", "不是 UTF-8"),
    "word-doc": (_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)), "refused", "Word/Excel/PDF"),
    "zip-docx": (_bytes(b"PK\x03\x04" + bytes(100)), "refused", "Word/Excel/PDF"),
    "pdf": (_bytes(b"%PDF-1.4\n%\xe2\xe3\n"), "refused", "Word/Excel/PDF"),
    "newer-version": (_edited(lambda d: d.update(version=99, app_version="9.0")), "refused", "较新的程序"),
    "oversized-sparse": (sparse_oversized, "refused", "文件过大"),
    "empty": (_bytes(b""), "refused", "空"),
    "whitespace": (_bytes(b" \n\t\n"), "refused", "空"),
    "not-json": (_bytes(b"hello, world\n"), "refused", "无法解析"),
    "json-array": (_bytes(b"[1, 2, 3]"), "refused", "格式标记"),
    "duplicate-form-ids": (_edited(lambda d: d["forms"].append(d["forms"][0])), "refused", "重复"),
    "version-zero": (_edited(lambda d: d.update(version=0)), "refused", "版本号"),
    "version-string": (_edited(lambda d: d.update(version="2")), "refused", "版本号"),
    "forms-not-a-list": (_edited(lambda d: d.update(forms={"a": 1}), ), "refused", "不符合"),
    "deep-nesting": (deep_nesting, "refused", "嵌套"),
    "bom": (lambda p: p.write_bytes(b"\xef\xbb\xbf" + _sample_bytes()), "opens", ""),
    "nan-infinity": (_text_edit('"version": 2', '"version": 2, "x": [NaN, Infinity, -Infinity]'),
                     "refused", "不符合"),  # unknown keys are refused since format version 2
    "null-bytes-in-text": (_edited(lambda d: d.update(title="a\x00b")), "opens", ""),
    "huge-cell": (_edited(lambda d: d["forms"][0]["header"].update(objective="长" * 1_000_000)),
                  "opens", ""),
    # issue 18
    "lone-surrogate": (_text_edit('"title": "', '"title": "\\ud800'), "refused", "\\ud800"),
    "lone-low-surrogate": (_text_edit('"title": "', '"title": "\\udc00x'), "refused", "\\udc00"),
    "amount-40-digits": (amount_40_digits, "opens", ""),
    "integer-5000-digits": (_text_edit('"version": 2', '"version": ' + "1" * 5000), "refused", "数字"),
    "integer-5000-digits-elsewhere": (_text_edit('"version": 2', '"version": 2, "x": ' + "7" * 5000),
                                      "refused", "数字"),
    "float-5000-digits": (_text_edit('"version": 2', '"version": 2, "x": 1.' + "7" * 5000 + "e5"),
                          "refused", "数字"),
    "empty-indicators-31mb": (empty_indicators, "refused", "过于庞大"),
    "small-indicators-31mb": (small_indicators, "refused", "过于庞大"),
    "many-strings-31mb": (many_strings, "refused", "过于庞大"),
    "many-numbers-31mb": (many_numbers, "refused", "过于庞大"),
    "many-forms-31mb": (many_forms, "refused", "过于庞大"),
    "many-header-keys-31mb": (many_header_keys, "refused", "过于庞大"),
    # the costliest file of each of those shapes that is not refused
    "empty-indicators-at-budget": (at_budget(empty_indicators), "refused", "行的上限"),
    "empty-indicators-in-forms-at-budget": (at_budget(spread_empty_indicators), "opens", ""),
    "small-indicators-in-forms-at-budget": (at_budget(spread_small_indicators), "opens", ""),
    "many-strings-at-budget": (at_budget(many_strings), "refused", "不符合"),  # the unknown key
    "many-numbers-at-budget": (at_budget(many_numbers), "refused", "不符合"),
    "many-forms-at-budget": (at_budget(many_forms), "opens", ""),
    "many-selfeval-forms-at-budget": (at_budget(many_selfeval_forms), "opens", ""),
    "many-header-keys-at-budget": (at_budget(many_header_keys), "opens", ""),
    "link-to-dev-zero": (link_to_dev_zero, "refused", "不是普通文件"),
    "fifo": (fifo, "refused", "不是普通文件"),
    "directory": (directory, "refused", "文件夹"),
    "no-format-marker": (_bytes(b'{"title":"x"}'), "refused", "格式标记"),
    "no-version": (_bytes(b'{"format":"jixiao-project","title":"x","forms":[]}'), "refused", "版本号"),
    "newer-with-escape-codes": (_edited(newer_with_escapes), "refused", "较新的程序"),
    "control-characters": (_edited(control_characters), "opens", ""),
    "truncated-in-a-character": (truncated_in_a_character, "refused", "不完整"),
    "read-only-old-version": (read_only, "opens", ""),
    # issue 16: the rule vocabulary a file carries (opens with one note, the PC's rules used)
    "rules-broken": (_edited(lambda d: d.update(rules={"format": "jixiao-rules", "version": 1,
                                                       "units": 5})), "opens", ""),
    "rules-huge": (_edited(lambda d: d.update(rules={"format": "jixiao-rules", "version": 1,
                                                     "words": {"vague": [str(n) for n in range(10**6)]}})),
                   "opens", ""),
    "rules-not-an-object": (_edited(lambda d: d.update(rules=[1, 2])), "refused", "不符合"),
}
# file names that are themselves hostile; the content is a valid old-version project
NAMES: dict[str, bytes] = {
    "gbk-name": "项目申报表".encode("gbk") + b".jixiao",
    "name-80-chinese": ("长" * 80 + ".jixiao").encode(),
    "name-with-newline-and-escape": b"a\nb\x1b[31m.jixiao",
}


def generate(folder: Path) -> list[Case]:
    """Write every case into `folder` (which must exist) and return what each one is."""
    folder = Path(folder)
    cases: list[Case] = []
    for name, (make, expect, words) in MAKERS.items():
        file = f"{name}.jixiao"
        make(folder / file)
        special = name in ("link-to-dev-zero", "fifo", "directory")
        cases.append(Case(name, file, expect, words, special=special))
    data = _doc()
    data["version"] = 1
    for name, raw_name in NAMES.items():
        _write(os.path.join(os.fsencode(folder), raw_name), data)
        cases.append(Case(name, os.fsdecode(raw_name), "opens", raw_name=True))
    (folder / "manifest.json").write_text(
        json.dumps([asdict(c) for c in cases], indent=1), encoding="utf-8"
    )
    return cases


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    out.mkdir(parents=True, exist_ok=True)
    made = generate(out)
    print(f"{len(made)} cases in {out}")
