#!/usr/bin/env bash
# Run N `streamlit run app.py` replicas behind nginx, everything on 127.0.0.1.
#   deploy/replicas.sh [REPLICAS=2] [PROXY_PORT=8080] [FIRST_REPLICA_PORT=8501]
# Students open http://127.0.0.1:PROXY_PORT (put a public `listen` in the generated
# nginx.conf, or a school proxy in front, to serve other machines). Ctrl-C stops all.
# Replica i gets LSTM_LAB_REPLICA=i in its environment (nothing shows it to students);
# its log is RUN_DIR/replica-i.log, nginx's access log RUN_DIR/logs/access.log.
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS="${1:-2}"
PROXY_PORT="${2:-8080}"
FIRST_PORT="${3:-8501}"
RUN_DIR="${LSTM_LAB_RUN_DIR:-$(mktemp -d)}"
PYTHON="${PYTHON:-python}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/tmp"

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

servers=""
for ((i = 1; i <= REPLICAS; i++)); do
  port=$((FIRST_PORT + i - 1))
  LSTM_LAB_REPLICA="$i" "$PYTHON" -m streamlit run app.py --server.headless true \
    --server.address 127.0.0.1 --server.port "$port" >"$RUN_DIR/replica-$i.log" 2>&1 &
  pids+=($!)
  servers+="        server 127.0.0.1:$port;\n"
done

# deploy/nginx.conf with this run's replicas and port.
sed -e '/^        server 127\.0\.0\.1:/d' \
    -e "s|^        hash \$lab_key consistent;|&\n${servers%\\n}|" \
    -e "s|listen 127\.0\.0\.1:[0-9]*;|listen 127.0.0.1:$PROXY_PORT;|" \
    deploy/nginx.conf >"$RUN_DIR/nginx.conf"

for ((i = 1; i <= REPLICAS; i++)); do
  port=$((FIRST_PORT + i - 1))
  for _ in $(seq 120); do
    "$PYTHON" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=1)" 2>/dev/null && break
    sleep 0.5
  done
done

"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g "daemon off;" &
pids+=($!)
echo "LSTM Lab: $REPLICAS replicas behind http://127.0.0.1:$PROXY_PORT (logs in $RUN_DIR)"
wait -n "${pids[@]}"
