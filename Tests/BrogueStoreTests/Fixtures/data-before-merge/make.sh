# How data-before-merge was made (see README.md): run through /work/bin/wt store, after extracting
# content-core.tgz to /tmp/fx/content and copying wsplay.py to /tmp/fx.
set -e
B=/work/main/.build/debug/brogue
D=/tmp/fx/data
C=/tmp/fx/content/core
export BROGUE_PASSWORD='fixture-pass-1'
$B node --listen 127.0.0.1:0 --data $D --content $C > /tmp/fx/node.out 2> /tmp/fx/node.err &
NODE=$!
for i in $(seq 1 100); do grep -q listening /tmp/fx/node.out && break; sleep 0.2; done
PORT=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' /tmp/fx/node.out)
echo port $PORT
python3 /tmp/fx/wsplay.py $PORT > /tmp/fx/play.json
kill -TERM $NODE; wait $NODE || true
$B sim --seed 7 --turns 300 --save --data $D --content $C | tail -3
$B games --data $D
