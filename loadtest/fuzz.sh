#!/usr/bin/env bash
# Fuzz the content API with schemathesis against its own OpenAPI schema, on loopback:
# gunicorn + PostgreSQL + Redis with production settings and the demo content.
#
#   loadtest/fuzz.sh [MAX_EXAMPLES] [MAX_SECONDS]     (defaults: 50 examples, 600 s)
#
# Every check runs: no 5xx, every status code, header, content type and body as the
# schema says, bad input rejected with a 4xx, valid input accepted. Exits non-zero on
# any failure; reports (JUnit XML) go to $LT_VAR/schemathesis/ (var/loadtest/ by
# default). loadtest/schemathesis.toml holds the settings the command line cannot give.
# CI (.ci/run) runs `fuzz.sh 10 180` on a fresh database of its own.
# shellcheck source=loadtest/lib.sh
source "$(dirname "$0")/lib.sh"

max_examples="${1:-50}"
max_seconds="${2:-600}"
[[ "$max_examples" =~ ^[0-9]+$ && "$max_seconds" =~ ^[0-9]+$ ]] || {
    echo "usage: $0 [MAX_EXAMPLES] [MAX_SECONDS]" >&2
    exit 2
}

lt_prepare
lt_start_web

report_dir="$LT_VAR/schemathesis"
rm -rf "$report_dir"
echo "==> schemathesis: up to ${max_examples} examples per operation, at most ${max_seconds} s"
# timeout: a hard bound on top of --max-time, which only bounds the fuzzing phases.
timeout --signal=INT "$((max_seconds + 120))" \
    "$LT_VENV_BIN/schemathesis" --config-file "$LT_ROOT/loadtest/schemathesis.toml" \
    run "$LT_BASE/api/v1/schema/?format=json" \
    --checks all \
    --phases examples,coverage,fuzzing \
    --max-examples "$max_examples" \
    --max-time "$max_seconds" \
    --workers 2 \
    --request-timeout 30 \
    --generation-database none \
    --seed "${LT_SEED:-20261123}" \
    --report junit --report-dir "$report_dir" \
    --no-color
