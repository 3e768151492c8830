#!/usr/bin/env bash
# Refresh the translation sources from ui/ and compile them for the app.
#
#   resources/translations/build.sh            # lupdate (update .ts) then lrelease (.ts -> .qm)
#   resources/translations/build.sh --release  # lrelease only
#
# pyside6-lupdate / pyside6-lrelease ship with PySide6-Essentials (in the venv's bin/). The .qm files
# are what ui/i18n.py loads at startup; nothing is compiled at runtime. The English catalogue only
# carries plural forms ("1 reply" / "2 replies"): the source strings are English already.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${VENV:-$root/.venv}/bin"
lupdate="$bin/pyside6-lupdate"
lrelease="$bin/pyside6-lrelease"
for tool in "$lupdate" "$lrelease"; do
    [ -x "$tool" ] || { echo "missing $tool (pip install PySide6-Essentials)" >&2; exit 1; }
done
cd "$root"
if [ "${1:-}" != "--release" ]; then
    sources=$(ls ui/*.py)
    for lang in fr en; do
        extra=()
        [ "$lang" = en ] && extra=(-pluralonly)
        "$lupdate" -locations none -no-obsolete "${extra[@]}" $sources -ts "$here/community_moderator_$lang.ts"
    done
fi
for ts in "$here"/community_moderator_*.ts; do
    "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
