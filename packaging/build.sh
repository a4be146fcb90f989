#!/usr/bin/env bash
# Build the Linux one-folder bundle and the Debian package into dist/:
#
#   packaging/build.sh
#
# 1. checks the system tools and libraries the build needs (installs them with apt-get when
#    run as root, else names the command and stops),
# 2. makes a build venv in build/venv with PyInstaller and the program's dependencies from PyPI,
# 3. renders the icons, runs PyInstaller on packaging/jixiao.spec -> dist/jixiao/,
# 4. runs packaging/smoke_test.sh on the bundle,
# 5. packages it with packaging/make_deb.sh -> dist/jixiao_VERSION_ARCH.deb.
#
# PYTHON names the interpreter for the venv (default python3): CPython >= 3.11 built with its
# shared library (Debian's python3, or pyenv's with --enable-shared, as here). The bundle runs
# on systems with the same or a newer C library than the build machine: build on the oldest
# system to support. Nothing here is fetched at run time; the venv is reused on the next build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PYTHON="${PYTHON:-python3}"
PYINSTALLER="pyinstaller==6.22.3"
venv="$root/build/venv"

# Build-time system needs: binutils (objdump, for PyInstaller and the spec), dpkg-dev
# (dpkg-shlibdeps), patchelf (see below), and the libraries Qt's xcb platform links to: they
# stay out of the bundle (SYSTEM_LIBS in jixiao.spec) but must be installed for dpkg-shlibdeps
# to name the packages that provide them.
apt_needs=(
    binutils dpkg-dev patchelf libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0
    libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0
    libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
    libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3
    libglib2.0-0 libcups2
)
missing=()
for package in "${apt_needs[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if ((${#missing[@]})); then
    if ((EUID == 0)); then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    else
        echo "build.sh: first run: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

if [[ ! -x "$venv/bin/python" ]]; then
    "$PYTHON" -m venv "$venv"
fi
"$venv/bin/python" - <<'EOF'
import sys, sysconfig
if sys.version_info < (3, 11) or not sysconfig.get_config_var("Py_ENABLE_SHARED"):
    sys.exit(f"build.sh: {sys.executable} must be CPython >= 3.11 with its shared library "
             "(PyInstaller bundles libpython); set PYTHON to another interpreter.")
EOF
"$venv/bin/python" packaging/project_info.py requirements >"$root/build/requirements.txt"
"$venv/bin/python" -m pip install -q "$PYINSTALLER" -r "$root/build/requirements.txt"

"$venv/bin/python" packaging/make_icons.py "$root/build/icons"
rm -rf "$root/dist/jixiao"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" packaging/jixiao.spec

# PyInstaller copies the interpreter's modules as they are, and a Python built in its own prefix
# (pyenv) leaves that prefix in their RUNPATH. Only $ORIGIN-relative entries may stay, so that no
# library is ever looked up in a folder of the build machine.
while IFS= read -r -d '' file; do
    runpath="$(patchelf --print-rpath "$file" 2>/dev/null)" || continue
    [[ -n "$runpath" ]] || continue
    IFS=: read -r -a entries <<<"$runpath"
    kept=()
    for entry in "${entries[@]}"; do
        # shellcheck disable=SC2016  # the literal $ORIGIN of the ELF format
        [[ "$entry" == '$ORIGIN'* ]] && kept+=("$entry")
    done
    relative="$(IFS=:; echo "${kept[*]}")"
    [[ "$relative" == "$runpath" ]] && continue
    if [[ -n "$relative" ]]; then
        patchelf --set-rpath "$relative" "$file"
    else
        patchelf --remove-rpath "$file"
    fi
done < <(find "$root/dist/jixiao" -type f -name '*.so*' -print0)

packaging/smoke_test.sh "$root/dist/jixiao"
packaging/make_deb.sh "$root/dist/jixiao" "$root/build/icons" "$root/dist"

echo "build.sh: bundle $(du -sh "$root/dist/jixiao" | cut -f1) in dist/jixiao/"
ls -sh "$root"/dist/*.deb
