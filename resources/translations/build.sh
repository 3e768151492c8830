#!/usr/bin/env bash
# Refresh the translation sources from ui/ and compile them for the app.
#
#   resources/translations/build.sh            # lupdate (update .ts) then lrelease (.ts -> .qm)
#   resources/translations/build.sh --release  # lrelease only
#
# pyside6-lupdate / pyside6-lrelease ship with PySide6-Essentials (in the venv's bin/). The .qm files
# are what ui/i18n.py loads at startup; nothing is compiled at runtime. The English catalogue only
# carries plural forms ("1 reply" / "2 replies"): the source strings are English already.
# lupdate's Python parser misses some of our messages (f-strings, _tr() helpers, contexts in constants such as
# moderator.reminders.TR_CONTEXT, plurals through translate(..., None, n)): ts_extras.py adds them afterwards
# from ui/ and moderator/, taking their translations back from the .ts as it was before lupdate.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${VENV:-$root/.venv}/bin"
lupdate="$bin/pyside6-lupdate"
lrelease="$bin/pyside6-lrelease"
python="$bin/python"
for tool in "$lupdate" "$lrelease"; do
    [ -x "$tool" ] || { echo "missing $tool (pip install PySide6-Essentials)" >&2; exit 1; }
done
cd "$root"
if [ "${1:-}" != "--release" ]; then
    sources=$(ls ui/*.py)
    core=$(find moderator -name '*.py' -not -path '*/__pycache__/*' | sort)
    before="$(mktemp -d)"
    trap 'rm -rf "$before"' EXIT
    for lang in fr en; do
        ts="$here/community_moderator_$lang.ts"
        extra=()
        [ "$lang" = en ] && extra=(-pluralonly)
        cp "$ts" "$before/"
        "$lupdate" -locations none -no-obsolete "${extra[@]}" $sources -ts "$ts"
        [ "$lang" = en ] && extra=(--plural-only)
        "$python" "$here/ts_extras.py" --previous "$before/$(basename "$ts")" "${extra[@]}" "$ts" $sources $core
    done
fi
for ts in "$here"/community_moderator_*.ts; do
    "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
