#!/usr/bin/env bash
# The cluster's acceptance run on this machine, with real processes (docs/cluster.md, "Trying it"):
# three nats-server nodes clustered by routes, a throwaway PostgreSQL, two game instances and two
# gateways of the real binary, bots playing through both gateways; then a game instance killed,
# a rolling restart of every process, a NATS node killed, PostgreSQL stopped for 10 s, a paused
# owner (split brain) and a spectator across gateways. Prints each step and a PASS/FAIL line per
# check; exits 1 on any FAIL. Every wait is bounded; every process, port, namespace and folder it
# made is gone when it ends, also on Ctrl-C.
#
#   scripts/cluster-trial.sh [--release] [--netns] [--bots N] [--rate R] [--keep]
#   scripts/cluster-trial.sh --failover-trials 20     only the failover timing: kill -9 the owner
#                                                    20 times, median and p99 from the kill to the
#                                                    first acknowledgement from the new owner
#
#   --release   use .build/release/brogue (run `swift build -c release` first)
#   --netns     run the game instances in network namespaces of their own (root; ip netns, veth,
#               a bridge), each on its own address, as separate hosts would be
#   --bots N    bots playing at once (default 50); --rate R: actions a second per bot (default 2)
#   --steps S   run only these steps, comma-separated: kill,roll,nats,pg,split,spectate (default all),
#               and the figures (not in the default): bus (CPU per action and round trips on
#               gateway + game against one node of role all), scale (actions/s at p99 < 25 ms
#               with one and two game instances; SCALE_BOTS="25 50 100" sets the steps),
#               dashboard (Prometheus scrapes the cluster; every Grafana panel query returns data)
#   --keep      keep the work folder (logs, records) instead of removing it
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/cluster-trial/rig.sh
. "$root/scripts/cluster-trial/rig.sh"
# shellcheck source=scripts/cluster-trial/checks.sh
. "$root/scripts/cluster-trial/checks.sh"
# shellcheck source=scripts/cluster-trial/steps.sh
. "$root/scripts/cluster-trial/steps.sh"
# shellcheck source=scripts/cluster-trial/figures.sh
. "$root/scripts/cluster-trial/figures.sh"
# shellcheck source=scripts/cluster-trial/dashboard.sh
. "$root/scripts/cluster-trial/dashboard.sh"

BUILD=debug BOTS=50 RATE=2 NETNS=0 KEEP=0 TRIALS=0 MAX_PLAY=900 STEPS=kill,roll,nats,pg,split,spectate
while [ $# -gt 0 ]; do
    case $1 in
    --release) BUILD=release ;;
    --netns) NETNS=1 ;;
    --keep) KEEP=1 ;;
    --bots) BOTS=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --failover-trials) TRIALS=$2; shift ;;
    --steps) STEPS=$2; shift ;;
    -h | --help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster-trial: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
BIN=$root/.build/$BUILD/brogue
CONTENT=$root/content/core
if [ ! -x "$BIN" ]; then
    hint="swift build"
    [ "$BUILD" = release ] && hint="swift build -c release"
    echo "cluster-trial: no $BIN: run $hint first" >&2
    exit 2
fi
for tool in nats-server psql jq curl tmux; do
    command -v "$tool" >/dev/null || { echo "cluster-trial: $tool is not installed (Debian: apt-get install ${tool/psql/postgresql-client})" >&2; exit 2; }
done
if [ "$NETNS" = 1 ] && [ "$(id -u)" != 0 ]; then echo "cluster-trial: --netns needs root (ip netns)" >&2; exit 2; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/brogue-cluster-trial.XXXXXX")
chmod 755 "$WORK"
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

TAG=$(($$ % 10000))
if [ "$NETNS" = 1 ]; then
    SUBNET="10.$((100 + $$ % 100)).$((($$ / 100) % 250))"
    HOST_ADDR="$SUBNET.1"
else
    SUBNET="" HOST_ADDR=127.0.0.1
fi

say "== 1. the cluster: 3 NATS nodes, PostgreSQL, 2 game instances, 2 gateways ($BUILD build, work folder $WORK)"
if [ "$NETNS" = 1 ]; then
    make_namespaces "$TAG" || { fail "network namespaces could not be made"; exit 1; }
    say "  game instances in namespaces ${NAMESPACES[*]} at $SUBNET.11 and $SUBNET.12; host side $HOST_ADDR"
fi
start_postgres || { fail "PostgreSQL did not start"; exit 1; }
start_nats || { fail "the NATS cluster did not form"; exit 1; }
say "  PostgreSQL on $HOST_ADDR:$PG_PORT; NATS $NATS_URL"
LISTEN[g1]="${SUBNET:+$SUBNET.11}:$(free_port)" LISTEN[g2]="${SUBNET:+$SUBNET.12}:$(free_port)"
[ "$NETNS" = 1 ] || LISTEN[g1]="127.0.0.1${LISTEN[g1]}" LISTEN[g2]="127.0.0.1${LISTEN[g2]}"
LISTEN[gwA]="$HOST_ADDR:$(free_port)" LISTEN[gwB]="$HOST_ADDR:$(free_port)"
for member in g1:game g2:game gwA:gateway gwB:gateway; do
    start_node "${member%%:*}" "${member#*:}" || { fail "${member%%:*} did not start"; exit 1; }
done
pass "cluster up: game instances g1 ${LISTEN[g1]}, g2 ${LISTEN[g2]}; gateways gwA ${LISTEN[gwA]}, gwB ${LISTEN[gwB]}"

if [ "$TRIALS" -gt 0 ]; then
    failover_trials "$TRIALS"
else
    for step in ${STEPS//,/ }; do
        case $step in
        kill) step_kill_instance ;;
        roll) step_rolling_restart ;;
        nats) step_kill_nats_node ;;
        pg) step_postgres_outage ;;
        split) step_split_brain ;;
        spectate) step_spectator ;;
        bus) step_bus_cost ;;
        dashboard) step_dashboard ;;
        scale) step_scale ;;
        *) fail "no step '$step' (kill, roll, nats, pg, split, spectate, bus, scale, dashboard)" ;;
        esac
    done
fi

if [ "$FAILS" = 0 ]; then say "== all checks passed"; else say "== $FAILS checks FAILED (logs: rerun with --keep)"; fi
[ "$FAILS" = 0 ]
