# The `dashboard` step of scripts/cluster-trial.sh: a real Prometheus scrapes the trial's
# gateways and game instances while bots play, and every query of every panel of
# docker/grafana/brogue-dashboard.json must return data through Prometheus' HTTP API, so no panel
# is empty or misspelt. (Grafana itself is not packaged for Debian; its panels are these queries.)
# Sourced, not run.

step_dashboard() {
    say "== 8. Prometheus scrapes the cluster; every dashboard panel's query returns data"
    local prometheus dashboard="$root/docker/grafana/brogue-dashboard.json"
    prometheus=$(command -v prometheus) || { fail "dashboard: prometheus is not installed (apt-get install prometheus)"; return; }
    LISTEN[prom]="127.0.0.1:$(free_port)"
    mkdir -p "$WORK/prometheus"
    # The jobs and labels of docker/prometheus/prometheus.yml, with this trial's addresses.
    cat >"$WORK/prometheus/prometheus.yml" <<CONF
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: brogue-gateway
    honor_labels: true
    static_configs:
      - targets: [${LISTEN[gwA]}, ${LISTEN[gwB]}]
  - job_name: brogue-game
    honor_labels: true
    static_configs:
      - targets: [${LISTEN[g1]}, ${LISTEN[g2]}]
CONF
    spawn prom "$prometheus" --config.file="$WORK/prometheus/prometheus.yml" --storage.tsdb.path="$WORK/prometheus/data" \
        --web.listen-address="${LISTEN[prom]}"
    prom_ready() { [ "$(http_status "${LISTEN[prom]}" /-/ready)" = 200 ]; }
    wait_for 60 prom_ready || { fail "dashboard: Prometheus did not start (see $WORK/prom.log)"; return; }
    start_bots dash "$BOTS"
    play_on dash $((BOTS * 10)) 240 || fail "dashboard: the bots did not play"
    stop_bots dash
    local expr title answer count empty=0 total=0
    while IFS=$'\t' read -r title expr; do
        total=$((total + 1))
        answer=$(curl -s -m 10 --get "http://${LISTEN[prom]}/api/v1/query" --data-urlencode "query=$expr")
        count=$(jq -r 'if .status == "success" then (.data.result | length) else -1 end' <<<"$answer")
        if [ "$count" -gt 0 ]; then
            pass "dashboard: $title: $expr ($count series)"
        else
            empty=$((empty + 1))
            fail "dashboard: $title: $expr returned no data ($(jq -c '.error // .data' <<<"$answer" | cut -c1-200))"
        fi
    done < <(jq -r '.panels[] | .title as $t | .targets[] | [$t, .expr] | @tsv' "$dashboard")
    say "  $((total - empty)) of $total panel queries returned data"
    signal_and_wait prom TERM 30
}
