#!/usr/bin/env bash
# Package a built bundle as a Debian package (packaging/build.sh calls it):
#
#   packaging/make_deb.sh [BUNDLE] [ICONS] [OUT]
#
# BUNDLE (dist/jixiao) goes to /opt/jixiao; /usr/bin/jixiao and /usr/bin/jixiao-gui link into
# it. The menu entry, the MIME type of *.jixiao and the icons go to /usr/share, where the
# triggers of shared-mime-info, desktop-file-utils and the icon cache pick them up, so the
# package needs no maintainer scripts. Depends is worked out by dpkg-shlibdeps from the
# bundle's system libraries. ICONS (build/icons) is what make_icons.py wrote.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
bundle="$(realpath "${1:-$root/dist/jixiao}")"
icons="$(realpath "${2:-$root/build/icons}")"
out="$(realpath "${3:-$root/dist}")"
maintainer="${DEB_MAINTAINER:-Jixiao maintainers <jixiao@example.invalid>}"

# PEP 440 pre-releases (1.0rc1, 1.0.dev2) sort before the release in Debian only with "~".
version="$(python3 "$here/project_info.py" version)"
version="$(sed -E 's/(a|b|rc|\.dev)([0-9]+)$/~\1\2/' <<<"$version")"
arch="$(dpkg --print-architecture)"
name="jixiao_${version}_${arch}"
stage="$root/build/deb/$name"

rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin"
cp -a "$bundle" "$stage/opt/jixiao"
ln -s /opt/jixiao/jixiao "$stage/usr/bin/jixiao"
ln -s /opt/jixiao/jixiao-gui "$stage/usr/bin/jixiao-gui"

share="$stage/usr/share"
install -D -m 644 "$here/deb/jixiao.desktop" "$share/applications/jixiao.desktop"
install -D -m 644 "$here/deb/jixiao-mime.xml" "$share/mime/packages/jixiao.xml"
install -D -m 644 "$here/deb/copyright" "$share/doc/jixiao/copyright"
svg="$root/resources/icons/app.svg"
install -D -m 644 "$svg" "$share/icons/hicolor/scalable/apps/jixiao.svg"
install -D -m 644 "$svg" "$share/icons/hicolor/scalable/mimetypes/application-x-jixiao-project.svg"
for png in "$icons"/hicolor/*/apps/jixiao.png; do
    size="$(basename "$(dirname "$(dirname "$png")")")"
    install -D -m 644 "$png" "$share/icons/hicolor/$size/apps/jixiao.png"
    install -D -m 644 "$png" "$share/icons/hicolor/$size/mimetypes/application-x-jixiao-project.png"
done
printf '%s (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' jixiao "$version" \
    "$version" "$maintainer" "$(date -R)" | gzip -9n >"$share/doc/jixiao/changelog.gz"
chmod -R u+rwX,go+rX,go-w "$stage"
find "$stage/opt/jixiao/_internal" -type f -name '*.so*' -exec chmod 644 {} +

# dpkg-shlibdeps wants a source tree with debian/control. The libraries in the bundle are
# listed in its debian/shlibs.local with no dependency, so that only the libraries the bundle
# leaves to the system (SYSTEM_LIBS in jixiao.spec) become dependencies.
shlib_tree="$root/build/deb/shlibdeps"
rm -rf "$shlib_tree"
mkdir -p "$shlib_tree/debian"
printf 'Source: jixiao\n\nPackage: jixiao\nArchitecture: any\n' >"$shlib_tree/debian/control"
elf_files=()
private_dirs=()
while IFS= read -r -d '' file; do
    [[ "$(head -c 4 "$file" | tr -d '\0')" == $'\x7fELF' ]] || continue
    [[ -L "$file" ]] || elf_files+=("-e$file")
    if [[ "$file" == *.so.* ]]; then
        private_dirs+=("-l$(dirname "$file")")
        sed -E 's/^(.*)\.so\.(.*)$/\1 \2/' <<<"$(basename "$file")" >>"$shlib_tree/debian/shlibs.local"
    fi
done < <(find "$stage/opt/jixiao" \( -type f -o -type l \) -print0)
mapfile -t private_dirs < <(printf '%s\n' "${private_dirs[@]}" | sort -u)
sort -u -o "$shlib_tree/debian/shlibs.local" "$shlib_tree/debian/shlibs.local"
depends="$(cd "$shlib_tree" && dpkg-shlibdeps -O --ignore-missing-info "${private_dirs[@]}" \
    "${elf_files[@]}" 2>"$root/build/deb/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')"
[[ -n "$depends" ]] || { cat "$root/build/deb/shlibdeps.log" >&2; exit 1; }

installed_size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@INSTALLED_SIZE@|$installed_size|" -e "s|@DEPENDS@|$depends|" \
    "$here/deb/control.in" >"$stage/DEBIAN/control"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
    | xargs -0 md5sum >DEBIAN/md5sums)
chmod 644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out/$name.deb" >/dev/null
echo "make_deb.sh: $out/$name.deb"
echo "  Depends: $depends"
