#!/usr/bin/env bash
# Prove a built bundle works on its own: no Python on PATH, an empty environment, file names
# with Chinese characters and spaces.
#
#   packaging/smoke_test.sh [FOLDER]
#
# FOLDER holds the `jixiao` and `jixiao-gui` programs: dist/jixiao (the default) for the
# bundle just built, /usr/bin for the installed .deb (the commands there are links into
# /opt/jixiao). It lists the form kinds, checks and prints every bundled sample to PDF under
# a Chinese name, creates, upgrades and checks a new project, and starts the editor on Qt's
# offscreen platform. Ends with "smoke test: N passed, N failed"; exit 0 only if none failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
folder="${1:-$here/../dist/jixiao}"
cli="$folder/jixiao"
gui="$folder/jixiao-gui"
for program in "$cli" "$gui"; do
    [[ -x "$program" ]] || { echo "smoke test: $program is missing or not executable" >&2; exit 2; }
done
bundle="$(dirname "$(readlink -f "$cli")")"
samples="$bundle/_internal/desktop/_data/resources/samples"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/empty-bin" "$work/项目 文件夹"
project_dir="$work/项目 文件夹"

# The bare environment every program runs in: nothing inherited, C locale, an empty PATH.
run() {
    env -i HOME="$work/home" PATH="$work/empty-bin" "$@"
}

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok    $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL  $1"
    if [[ -n "${2:-}" ]]; then
        while IFS= read -r line; do echo "      $line"; done <<<"$2"
    fi
}

if run /bin/sh -c 'command -v python3 || command -v python' >/dev/null; then
    fail "no Python reachable on the test PATH"
else
    ok "no Python reachable on the test PATH"
fi

if out="$(run "$cli" --version 2>&1)" && [[ "$out" == jixiao\ * ]]; then
    ok "jixiao --version: $out"
else
    fail "jixiao --version" "$out"
fi

if out="$(run "$cli" templates 2>&1)" && grep -q "绩效目标表" <<<"$out"; then
    ok "jixiao templates lists $(wc -l <<<"$out") form kinds"
else
    fail "jixiao templates" "$out"
fi

# The indicator library ships as data, with the pinyin letters of each character
# (pinyin-letters.txt) its search by initials reads.
if out="$(run "$cli" library search pxrc 2>&1)" && grep -q "培训" <<<"$out"; then
    ok "jixiao library search pxrc finds 培训…人次"
else
    fail "jixiao library search pxrc" "$out"
fi

shopt -s nullglob
sample_files=("$samples"/*.jixiao)
if ((${#sample_files[@]} == 0)); then
    fail "bundled samples in $samples"
fi
for sample in "${sample_files[@]}"; do
    name="$(basename "$sample" .jixiao)"
    project="$project_dir/中文项目 $name.jixiao"
    pdf="$project_dir/中文项目 $name.pdf"
    cp "$sample" "$project"

    out="$(run "$cli" check "$project" 2>&1)"
    status=$?
    # 0: no errors, 1: the form has errors (the samples keep the real forms' mistakes).
    if ((status <= 1)) && grep -qF "中文项目 $name.jixiao:" <<<"$out"; then
        ok "jixiao check 中文项目 $name.jixiao (exit $status)"
    else
        fail "jixiao check 中文项目 $name.jixiao (exit $status)" "$out"
    fi

    out="$(run "$cli" print "$project" -o "$pdf" 2>&1)"
    status=$?
    if ((status == 0)) && [[ "$(head -c 5 "$pdf" 2>/dev/null)" == "%PDF-" ]] \
        && tail -c 32 "$pdf" | grep -q "%%EOF"; then
        ok "jixiao print 中文项目 $name.jixiao: $out"
    else
        fail "jixiao print 中文项目 $name.jixiao (exit $status)" "$out"
        continue
    fi
    # With poppler-utils at hand, look inside: every font embedded, the Chinese text readable.
    if command -v pdffonts >/dev/null; then
        fonts="$(pdffonts "$pdf" | tail -n +3)"
        if [[ -n "$fonts" ]] && ! awk '$(NF-4) != "yes" { bad = 1 } END { exit !bad }' <<<"$fonts"; then
            ok "  every font in the PDF is embedded"
        else
            fail "  every font in the PDF is embedded" "$fonts"
        fi
    fi
    if command -v pdftotext >/dev/null; then
        text="$(pdftotext -enc UTF-8 "$pdf" - 2>&1)"
        if grep -q "绩效" <<<"$text"; then
            ok "  the PDF's text reads 绩效"
        else
            fail "  the PDF's text reads 绩效" "$(head -n 5 <<<"$text")"
        fi
    fi
done

# Export to .xlsx and .docx and import back: the bundled openpyxl, xlrd, python-docx (and its
# blank document template) load and work.
first=("$project_dir"/*.jixiao)
for ext in xlsx docx; do
    exported="$project_dir/导出 表.$ext"
    back="$project_dir/导回 $ext.jixiao.tmp"
    out="$(run "$cli" export "${first[0]}" -o "$exported" 2>&1)" \
        && out="$out"$'\n'"$(run "$cli" import "$exported" -o "${back%.tmp}" 2>&1)"
    status=$?
    if ((status <= 1)) && [[ -f "${back%.tmp}" ]]; then
        ok "jixiao export/import .$ext"
    else
        fail "jixiao export/import .$ext (exit $status)" "$out"
    fi
    rm -f "${back%.tmp}"
done

new="$project_dir/新建项目.jixiao"
kind="$(run "$cli" templates --json | grep -m1 -o '"id": "[^"]*"' | cut -d'"' -f4)"
out="$(run "$cli" new "$kind" -o "$new" 2>&1)" && out="$out"$'\n'"$(run "$cli" upgrade "$new" 2>&1)" \
    && run "$cli" check "$new" >/dev/null 2>&1
status=$?
if ((status <= 1)) && [[ -f "$new" ]]; then
    ok "jixiao new/upgrade/check 新建项目.jixiao ($kind)"
else
    fail "jixiao new/upgrade/check 新建项目.jixiao ($kind)" "$out"
fi

# The editor: on the offscreen platform it must load Qt and the project and keep running
# until stopped (timeout's status 124); any earlier exit is a failure.
projects=("$project_dir"/*.jixiao)
out="$(run QT_QPA_PLATFORM=offscreen "$(command -v timeout)" 8 "$gui" "${projects[0]}" 2>&1)"
status=$?
if ((status == 124)) && ! grep -qiE "traceback|could not load the qt platform plugin" <<<"$out"; then
    ok "jixiao-gui starts and runs (offscreen)"
else
    fail "jixiao-gui starts and runs (offscreen), exit $status" "$out"
fi

echo "smoke test: $passed passed, $failed failed"
((failed == 0))
