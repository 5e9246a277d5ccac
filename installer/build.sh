#!/usr/bin/env bash
# Builds creditdesk's self-contained app image and installers with jlink and jpackage (JDK 17+).
#
#   installer/build.sh app-image   target/installer/creditdesk/ (creditdesk.app on macOS): the app
#                                  with a trimmed Java runtime; bin/creditdesk starts it
#   installer/build.sh deb         the app image, then target/installer/creditdesk_<version>_<arch>.deb
#                                  (Linux; installs fakeroot and dpkg-dev with apt-get when missing)
#   installer/build.sh msi         the app image, then target/installer/creditdesk-<version>.msi
#                                  (Windows, Git Bash, WiX 3 on PATH)
#   installer/build.sh dmg         the app image, then target/installer/creditdesk-<version>.dmg (macOS)
#   installer/build.sh modules     runs jdeps on the jar and compares with installer/runtime-modules
#
# Environment: SKIP_JAR=1 packages the existing target/creditdesk.jar instead of running
# `mvn package`; JAVA_HOME selects the JDK whose jlink and jpackage are used; APP_VERSION
# overrides the version taken from the jar (macOS wants the first number to be at least 1).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=target/installer
jar=target/creditdesk.jar

die() {
  echo "installer/build.sh: $*" >&2
  exit 1
}

tool() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$1" ]; then
    echo "$JAVA_HOME/bin/$1"
  elif command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  else
    echo "$1"
  fi
}
java="$(tool java)"
jlink="$(tool jlink)"
jpackage="$(tool jpackage)"
jdeps="$(tool jdeps)"

case "$(uname -s)" in
  Linux) platform=linux image="$out/creditdesk" launcher="$out/creditdesk/bin/creditdesk" ;;
  Darwin) platform=mac image="$out/creditdesk.app" launcher="$out/creditdesk.app/Contents/MacOS/creditdesk" ;;
  MINGW* | MSYS* | CYGWIN*) platform=windows image="$out/creditdesk" launcher="$out/creditdesk/creditdesk-cli.exe" ;;
  *) die "unsupported platform $(uname -s)" ;;
esac

# One module a line in installer/runtime-modules, '#' starts a comment.
runtime_modules() {
  sed -e 's/#.*//' installer/runtime-modules | tr -s ' \t\r\n' '\n' | grep -v '^$' | paste -sd, -
}

build_jar() {
  if [ "${SKIP_JAR:-}" != 1 ]; then
    mvn -B -q package -DskipTests
  fi
  [ -f "$jar" ] || die "$jar is missing; run mvn package first"
}

# The trimmed runtime is reused while its module list and the JDK stay the same.
build_runtime() {
  local modules key
  modules="$(runtime_modules)"
  key="$("$java" -version 2>&1 | head -1) $modules"
  if [ -d "$out/runtime" ] && [ "$(cat "$out/runtime.key" 2>/dev/null)" = "$key" ]; then
    return
  fi
  rm -rf "$out/runtime" "$out/runtime.key"
  "$jlink" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --compress=2 \
    --generate-cds-archive \
    --output "$out/runtime"
  # The archive for heaps over 32 GB (no compressed oops) is never used by a desktop console.
  find "$out/runtime" -name classes_nocoops.jsa -delete
  echo "$key" >"$out/runtime.key"
}

app_image() {
  mkdir -p "$out"
  rm -rf "$out/input" "$image"
  # jlink needs only the module list: it runs while Maven builds the jar.
  build_runtime >"$out/jlink.log" 2>&1 &
  local jlink_pid=$!
  trap 'kill "$jlink_pid" 2>/dev/null || true' EXIT
  build_jar
  local version
  version="$("$java" installer/PrepareInput.java "$jar" "$out/input")"
  version="${APP_VERSION:-$version}"
  echo "$version" >"$out/version"
  wait "$jlink_pid" || { cat "$out/jlink.log" >&2; die "jlink failed"; }
  trap - EXIT
  "$jpackage" --type app-image --dest "$out" \
    --input "$out/input" --runtime-image "$out/runtime" --app-version "$version" \
    @installer/jpackage/app.args @installer/jpackage/$platform-app.args
  rm -rf "$out/input"
  "$launcher" --version >/dev/null || die "the app image's launcher does not start"
  echo "App image: $image ($(du -sh "$image" | cut -f1))"
}

ensure_debian_tools() {
  if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then
    return
  fi
  command -v apt-get >/dev/null 2>&1 || die "dpkg-deb and fakeroot are needed to build a .deb"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q
  $sudo apt-get install -y -q fakeroot dpkg-dev
}

package() {
  local type="$1"
  app_image
  rm -f "$out"/creditdesk*."$type"
  "$jpackage" --type "$type" --dest "$out" \
    --app-image "$image" --app-version "$(cat "$out/version")" \
    @installer/jpackage/"$type".args
  ls -l "$out"/creditdesk*."$type"
}

check_modules() {
  [ -f "$jar" ] || die "$jar is missing; run mvn package first"
  local found
  found="$("$jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")"
  echo "jdeps finds:          $found"
  echo "runtime-modules has:  $(runtime_modules)"
  echo "(runtime-modules adds what jdeps cannot see: service providers such as jdk.crypto.ec)"
  local missing
  missing="$(comm -23 <(echo "$found" | tr , '\n' | sort) <(runtime_modules | tr , '\n' | sort))"
  [ -z "$missing" ] || die "add to installer/runtime-modules: $(echo $missing)"
}

case "${1:-}" in
  app-image) app_image ;;
  deb)
    [ "$platform" = linux ] || die ".deb packages are built on Linux"
    ensure_debian_tools
    package deb
    ;;
  msi)
    [ "$platform" = windows ] || die ".msi packages are built on Windows"
    package msi
    ;;
  dmg)
    [ "$platform" = mac ] || die ".dmg images are built on macOS"
    package dmg
    ;;
  modules) check_modules ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
