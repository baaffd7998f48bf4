#!/usr/bin/env bash
# Lighthouse on the reader as production serves it (make lighthouse): nginx in front
# with deploy/nginx.conf (media from disk, the rest passed on), gunicorn with
# cms.settings.production behind it (whitenoise's compressed manifest storage,
# gzip/brotli on the API), PostgreSQL and Redis on 127.0.0.1 and the demo content
# (loadtest/lib.sh); then benchmarks/lighthouse/audit.py on home, a challenge, a tool,
# publications and search, mobile and desktop. Exits non-zero when a row fails.
#
#   benchmarks/lighthouse/run.sh [audit.py options, e.g. --runs 3]
#
# Lighthouse is installed here with `npm ci` (pinned in package-lock.json) when
# missing; nothing is fetched while it runs. LT_* variables as in loadtest/lib.sh;
# defaults of its own: nginx on LH_PORT (8640), gunicorn on LT_PORT (8641),
# database playbook_lighthouse, files in var/lighthouse.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
LH_PORT="${LH_PORT:-8640}"
export LT_PORT="${LT_PORT:-8641}"
export LT_DB="${LT_DB:-playbook_lighthouse}"
export LT_VAR="${LT_VAR:-$HERE/../../var/lighthouse}"
export LT_WEB_CONCURRENCY="${LT_WEB_CONCURRENCY:-2}"
# shellcheck source=loadtest/lib.sh
source "$HERE/../../loadtest/lib.sh"

WITH_BROWSER=1 WITH_LIGHTHOUSE=1 "$LT_ROOT/scripts/install_system_deps.sh"
if [[ ! -x "$HERE/node_modules/.bin/lighthouse" || "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]]; then
    echo "==> Installing Lighthouse (npm ci)"
    (cd "$HERE" && npm ci --no-audit --no-fund --silent)
fi

lt_prepare
lt_start_web

# nginx's workers run as an unprivileged user and serve media from LT_VAR: every
# folder above the media must let them pass (var/ is made 0700, for the secret key),
# or each picture is a 403 and the audit measures broken images. Passing, not listing.
media_dir="$(cd "$LT_VAR" && pwd)/media"
folder="$media_dir"
while [[ "$folder" != "/" ]]; do
    chmod o+x "$folder"
    folder="$(dirname "$folder")"
done
chmod -R o+rX "$media_dir"

# deploy/nginx.conf as it is, pointed at this machine: gunicorn on LT_PORT, media
# from LT_VAR, listening on 127.0.0.1 only, and the Host header with its port
# (production listens on 80 behind TLS, where $host is the whole address).
nginx_dir="$LT_VAR/nginx"
mkdir -p "$nginx_dir/temp"
{
    echo "pid $nginx_dir/nginx.pid;"
    echo "error_log $nginx_dir/error.log warn;"
    echo "events { worker_connections 256; }"
    echo "http {"
    echo "  include /etc/nginx/mime.types;"
    echo "  access_log off;"
    for temp in client_body proxy fastcgi uwsgi scgi; do
        echo "  ${temp}_temp_path $nginx_dir/temp/$temp;"
    done
    sed -e "s|server web:8000;|server 127.0.0.1:${LT_PORT};|" \
        -e "s|listen 80;|listen 127.0.0.1:${LH_PORT};|" \
        -e "s|alias /srv/media/;|alias ${LT_VAR}/media/;|" \
        -e 's|proxy_set_header Host $host;|proxy_set_header Host $http_host;|' \
        "$LT_ROOT/deploy/nginx.conf"
    echo "}"
} >"$nginx_dir/nginx.conf"
nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -g "daemon off;" &
LT_PIDS+=("$!")
LH_BASE="http://127.0.0.1:${LH_PORT}"
lt_wait_http "$LH_BASE/health/" 30
echo "==> nginx (pid ${LT_PIDS[-1]}) on $LH_BASE"

echo "==> Lighthouse $("$HERE/node_modules/.bin/lighthouse" --version) on $LH_BASE"
python "$HERE/audit.py" "$LH_BASE" --out "$LT_VAR/reports" "$@"
