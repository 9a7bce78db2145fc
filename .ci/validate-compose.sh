#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: the file must parse, declare the app (built from the
# Dockerfile), postgres and mailpit, and refuse to render without the database password.
# Needs `docker compose` (the v2 plugin) or Debian's `docker-compose` package (apt-get install -y docker-compose).
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "validate-compose: neither 'docker compose' nor 'docker-compose' found; apt-get install -y docker-compose" >&2
  exit 1
fi

fail() { echo "validate-compose: $*" >&2; exit 1; }

[ -f Dockerfile ] || fail "Dockerfile is missing"
grep -q '^FROM eclipse-temurin:17-jre' Dockerfile || fail "Dockerfile must run on eclipse-temurin:17-jre"
grep -q '"-jar"' Dockerfile || fail "Dockerfile must start the app with java -jar"

# A clean environment, so a developer's exported variables cannot make a broken file pass.
run() { env -i PATH="$PATH" HOME="${HOME:-/tmp}" "$@"; }

run JMLFLOW_DB_PASSWORD=validate-only "${compose[@]}" -f docker-compose.yml config --quiet \
  || fail "docker-compose.yml is not valid"

services=$(run JMLFLOW_DB_PASSWORD=validate-only "${compose[@]}" -f docker-compose.yml config --services | sort | tr '\n' ' ')
[ "$services" = "app mailpit postgres " ] || fail "expected services app, mailpit, postgres; found: $services"

rendered=$(run JMLFLOW_DB_PASSWORD=validate-only "${compose[@]}" -f docker-compose.yml config)
grep -q 'SPRING_PROFILES_ACTIVE: postgres' <<<"$rendered" || fail "app must run with the postgres profile"
grep -q 'SPRING_MAIL_HOST: mailpit' <<<"$rendered" || fail "app must send mail to mailpit"

if run "${compose[@]}" -f docker-compose.yml config --quiet >/dev/null 2>&1; then
  fail "docker-compose.yml renders without JMLFLOW_DB_PASSWORD; it must require it"
fi

echo "validate-compose: docker-compose.yml is valid (${compose[*]} config)"
