# Minimal WebSocket client (RFC 6455) for the Brogue protocol: no third-party modules.
import base64, json, os, socket, struct, sys

class WS:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        buf = b""
        while b"\r\n\r\n" not in buf: buf += self.s.recv(1)
        assert b" 101 " in buf.split(b"\r\n")[0], buf
        self.id = 0
    def _read(self, n):
        b = b""
        while len(b) < n:
            c = self.s.recv(n - len(b))
            if not c: raise EOFError
            b += c
        return b
    def send(self, obj):
        data = json.dumps(obj).encode(); mask = os.urandom(4)
        hdr = bytes([0x81]) + (bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(data)))
        self.s.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
    def recv(self):
        msg = b""
        while True:
            h = self._read(2); fin = h[0] & 0x80; op = h[0] & 0x0F; n = h[1] & 0x7F
            if n == 126: n = struct.unpack(">H", self._read(2))[0]
            elif n == 127: n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            if op == 8: return None
            msg += payload
            if fin: return json.loads(msg)
    def ask(self, obj):
        """Sends a message with an id and returns the answer carrying it as ref (frames skipped)."""
        self.id += 1; obj = dict(obj, id=self.id); self.send(obj)
        while True:
            m = self.recv()
            if m is None or m.get("ref") == self.id: return m

def run(port, ident, actions, out, seed=None, resume=None):
    ws = WS(port)
    ws.ask({"type": "hello", "version": 1, "client": "fixture-script"})
    who = ws.ask(ident)
    assert who["type"] == "identity", who
    game = ws.ask({"type": "resume", **resume} if resume else {"type": "new_game", **({"seed": seed} if seed is not None else {})})
    assert game["type"] == "game", game
    last = game
    for a in actions:
        r = ws.ask({"type": "action", "action": a})
        if r["type"] == "ack": last = r
    ws.ask({"type": "bye"})
    out.append({"identity": who, "game": game, "last": last})
    return who, game, last

if __name__ == "__main__":
    port = int(sys.argv[1]); log = []
    pw = os.environ["BROGUE_PASSWORD"]
    walk = ["m1", "m1", "m2", "z", "s", "m3", "m0", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "z", "p"]
    who, g1, l1 = run(port, {"type": "register", "name": "Fixture_Alice", "password": pw}, walk, log, seed=42)
    # A second game for the same account, logged in by session token this time.
    who2, g2, l2 = run(port, {"type": "login", "session": who["session"]}, ["x"] * 25, log, seed=4242)
    # A guest's game: its token resumes it, no account owns it.
    run(port, {"type": "guest", "name": "Rodney"}, ["x"] * 12 + ["z", "s"], log, seed=99)
    # Log in by name and password (another session) and resume the first game with its token.
    run(port, {"type": "login", "name": "fixture_alice", "password": pw}, ["x"] * 5, log,
        resume={"game": g1["game"], "token": g1["token"]})
    json.dump(log, sys.stdout, indent=1)
