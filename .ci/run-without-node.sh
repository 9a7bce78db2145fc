#!/usr/bin/env bash
# Proves the README's first command needs nothing but Java: runs `./mvnw spring-boot:run` with a PATH from which
# node, npm and npx are absent (a copy of each PATH folder's entries without them), waits for /actuator/health to
# answer, and stops the app by its process group.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${RUN_CHECK_PORT:-18080}
bin=$(mktemp -d)
log=$(mktemp)
IFS=: read -r -a dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for tool in "$dir"/*; do
    name=$(basename "$tool")
    case "$name" in node|nodejs|npm|npx|corepack) continue ;; esac
    [ -e "$bin/$name" ] || ln -s "$tool" "$bin/$name"
  done
done
if PATH="$bin" command -v node >/dev/null 2>&1; then
  echo "run-without-node: node is still on the PATH" >&2; exit 1
fi

# A data folder of its own, so the check neither reads nor leaves the developer's ./data.
data=$(mktemp -d)
set -m
PATH="$bin" ./mvnw -B -q spring-boot:run \
  -Dspring-boot.run.arguments="--server.port=$port --server.address=127.0.0.1 --spring.datasource.url=jdbc:h2:file:$data/jmlflow;DB_CLOSE_ON_EXIT=FALSE" \
  >"$log" 2>&1 &
pid=$!
set +m
stop() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$bin" "$data"; }
trap stop EXIT

for _ in $(seq 1 240); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "run-without-node: the app exited before answering; its log:" >&2; tail -50 "$log" >&2; exit 1
  fi
  if status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health"); then
    if [ "$status" = 200 ]; then
      echo "run-without-node: ./mvnw spring-boot:run without node answered 200 on /actuator/health"
      exit 0
    fi
  fi
  sleep 1
done
echo "run-without-node: no answer from /actuator/health within 240 s; last log lines:" >&2
tail -50 "$log" >&2
exit 1
