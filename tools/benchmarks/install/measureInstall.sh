#!/usr/bin/env bash
# The first install as a newcomer meets it: a fresh clone of each commit given, `npm ci` with an
# empty npm cache, then `npm start` until /healthz answers 200. One line of figures a commit.
#   bash tools/benchmarks/install/measureInstall.sh <commit> [<commit> ...]
# Prints: commit, packages installed, node_modules size, npm ci seconds, npm warning lines,
# seconds from `npm start` to a green /healthz (that includes the first build), and warning lines
# printed by the started bot (DeprecationWarning and the like); then the npm warnings by kind.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/measure-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
printf '| commit | packages | node_modules | npm ci (s) | npm warn lines | npm start to /healthz 200 (s) | start warnings |\n|---|---|---|---|---|---|---|\n'
summary=''
for commit in "$@"; do
    dir="$work/$commit"
    git clone -q "$repo" "$dir"
    git -C "$dir" checkout -q "$commit"
    started=$(date +%s.%N)
    (cd "$dir" && npm ci --no-audit --no-fund --cache "$work/cache-$commit" >"$work/ci-$commit.log" 2>&1)
    ci=$(echo "$(date +%s.%N) - $started" | bc)
    # npm's own record of what it installed (its hidden lockfile): one entry a package folder.
    packages=$(node -p "Object.keys(require('$dir/node_modules/.package-lock.json').packages).length")
    size=$(du -sh "$dir/node_modules" | cut -f1)
    warnings=$(grep -c '^npm warn' "$work/ci-$commit.log" || true)
    port=$((20000 + RANDOM % 20000))
    started=$(date +%s.%N)
    # A process group of its own (setsid), so npm, its shell and the bot are stopped together by id.
    (cd "$dir" && PORT=$port DATA_DIR="$work/data-$commit" exec setsid npm start >"$work/start-$commit.log" 2>&1) &
    starter=$!
    ready=timeout
    for _ in $(seq 1 1500); do
        if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
            ready=$(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)")
            break
        fi
        sleep 0.2
    done
    kill -- "-$starter" 2>/dev/null || true
    wait "$starter" 2>/dev/null || true
    started_warnings=$(grep -ciE 'warning|DEP0[0-9]+' "$work/start-$commit.log" || true)
    printf '| %s | %s | %s | %.0f | %s | %s | %s |\n' "$commit" "$packages" "$size" "$ci" "$warnings" "$ready" "$started_warnings"
    count() { grep -cE "$1" "$work/ci-$commit.log" || true; }
    summary+="$commit: $(count '^npm warn ERESOLVE') ERESOLVE blocks, $(count '^npm warn install-scripts [0-9]+ packages?') install-scripts blocks"
    summary+=" ($(count '^npm warn install-scripts   [^ ]+@'): packages listed), $(count '^npm warn EBADENGINE Unsupported') EBADENGINE,"
    summary+=" $(count '^npm warn deprecated') deprecated"$'\n'
done
printf '\nnpm warnings by kind:\n%s' "$summary"
