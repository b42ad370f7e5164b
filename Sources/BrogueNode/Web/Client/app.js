// The browser client (docs/node.md): the protocol of docs/protocol.md over the node's own /ws,
// the screen drawn on a canvas from `frame` messages.
"use strict";
(() => {
  const WIDTH_HINT = 100, HEIGHT_HINT = 34;
  // The map's top-left corner on the screen (BrogueUI Layout.mapX/mapY) and the status line.
  const MAP_X = 21, MAP_Y = 3, STATUS_Y = 32;
  const RESUME_KEY = "brogue.resume", NAME_KEY = "brogue.name";
  const $ = (id) => document.getElementById(id);

  // The test hook: what the page shows, as plain data.
  const state = window.brogueState = {
    connection: "connecting", phase: "lobby", identity: null, player: null, game: null, watching: null,
    turn: 0, depth: 0, hp: 0, maxHP: 0, frames: 0, acks: 0, lastError: null, games: [], ended: null,
    reconnects: 0, attempt: 0, closeCode: null, lostCode: null, stateHash: null, rows: [],
  };

  // Reconnecting (docs/protocol.md, "Reconnecting"; the same rule as Reconnect.shouldReconnect):
  // after bye shutdown, or a close 1001 / 1006 / 1012 without a bye or fatal error.
  const FATAL = ["bad_json", "unknown_type", "bad_field", "too_large", "binary_not_supported", "hello_required",
    "version_unsupported", "internal", "too_many_connections"];
  const MAX_ATTEMPTS = 8, FIRST_DELAY_MS = 250, MAX_DELAY_MS = 5000;
  // A connection the node has not greeted by then is given up (and, when reconnecting, tried
  // again): a proxy or a node shutting down can accept it and never answer, and a browser
  // waits for a WebSocket handshake without limit.
  const GREETING_TIMEOUT_MS = 10000;
  function shouldReconnect(bye, fatal, code) {
    if (fatal) return false;
    if (bye) return bye === "shutdown";
    return code === 1001 || code === 1006 || code === 1012;
  }
  // Exponential with jitter and a cap, so browsers dropped together do not return together.
  function backoff(attempt) {
    if (attempt <= 1) return Math.random() * FIRST_DELAY_MS;
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * Math.pow(2, attempt - 1));
    return ceiling / 2 + Math.random() * ceiling / 2;
  }
  // What this connection heard before it closed, and what to resume once reconnected.
  let lastBye = null, lastFatal = null, resumeAfterReconnect = null;

  let resumeRequest = null;
  let ws = null, nextId = 1, grid = null, gridW = 0, gridH = 0, identityName = null;
  const canvas = $("screen"), ctx = canvas.getContext("2d");
  const FONT = "16px monospace";
  ctx.font = FONT;
  const CW = Math.ceil(ctx.measureText("M").width), CH = 18;

  function setConnection(c) { state.connection = c; document.body.dataset.connection = c; }
  function setPhase(p) {
    state.phase = p; document.body.dataset.phase = p;
    $("lobby").hidden = p !== "lobby";
    $("play").hidden = p === "lobby";
    if (p !== "lobby") canvas.focus();
  }
  function notice(text) { $("notice").textContent = text || ""; }

  function send(message) {
    if (!ws || ws.readyState !== WebSocket.OPEN) { notice("Not connected."); return; }
    message.id = nextId++;
    ws.send(JSON.stringify(message));
  }

  function storedResume() {
    try { const r = JSON.parse(localStorage.getItem(RESUME_KEY)); return r && Number.isInteger(r.game) && typeof r.token === "string" ? r : null; }
    catch (e) { return null; }
  }
  function showResume() { $("resume").hidden = !storedResume(); }

  function connect() {
    state.identity = null; identityName = null; lastBye = null; lastFatal = null;
    if (state.attempt === 0) {
      setConnection("connecting");
      $("connection").textContent = "connecting…";
    }
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = ws = new WebSocket(scheme + "://" + location.host + "/ws");
    let greeted = false;
    const greeting = setTimeout(() => { if (socket === ws && !greeted) socket.close(); }, GREETING_TIMEOUT_MS);
    ws.onopen = () => send({ type: "hello", version: 1, client: "brogue-web/0.1.0" });
    ws.onmessage = (e) => {
      if (!greeted) { greeted = true; clearTimeout(greeting); }
      let m;
      try { m = JSON.parse(e.data); } catch (err) { notice("The node sent something that is not JSON."); return; }
      handle(m);
    };
    ws.onclose = (e) => {
      clearTimeout(greeting);
      if (socket !== ws) return;
      state.closeCode = e.code;
      if (shouldReconnect(lastBye, lastFatal, e.code) && state.attempt < MAX_ATTEMPTS) { reconnect(); return; }
      setConnection("closed");
      state.attempt = 0;
      $("connection").textContent = "disconnected" + (e.reason ? " (" + e.reason + ")" : "") + " — reload to connect again";
    };
  }

  // Connects again after a close the node meant as "come back", and resumes the game played.
  function reconnect() {
    if (state.attempt === 0) {
      state.reconnects++;
      // The close that lost the connection; `closeCode` is the latest, a failed retry's too.
      state.lostCode = state.closeCode;
      resumeAfterReconnect = state.game !== null ? storedResume() : null;
      // Watching, or a game that cannot be resumed (over): back to the lobby once connected.
      if (state.phase === "watching" || (state.phase === "playing" && !resumeAfterReconnect)) {
        state.watching = null; state.game = null; setPhase("lobby");
      }
    }
    state.attempt++;
    setConnection("reconnecting");
    $("connection").textContent = "reconnecting… (attempt " + state.attempt + ")";
    notice("The connection to the node was lost; reconnecting.");
    setTimeout(connect, backoff(state.attempt));
  }

  function guestName() {
    const raw = $("name").value.replace(/[^A-Za-z0-9]/g, "").slice(0, 16);
    return raw.length ? raw : null;
  }
  function ensureIdentity() {
    const n = guestName();
    if (n !== identityName) {
      identityName = n;
      if (n) localStorage.setItem(NAME_KEY, n); else localStorage.removeItem(NAME_KEY);
      send(n ? { type: "guest", name: n } : { type: "guest" });
    }
  }

  function handle(m) {
    switch (m.type) {
      case "hello":
        setConnection("open");
        $("connection").textContent = "connected to " + m.server;
        identityName = guestName();
        send(identityName ? { type: "guest", name: identityName } : { type: "guest" });
        break;
      case "identity":
        state.identity = m.player;
        if (resumeAfterReconnect) {
          const r = resumeAfterReconnect;
          resumeAfterReconnect = null;
          resumeRequest = nextId;
          send({ type: "resume", game: r.game, token: r.token });
        } else {
          state.attempt = 0;
          if (state.phase === "lobby") send({ type: "list_games" });
        }
        break;
      case "game":
        state.attempt = 0;
        localStorage.setItem(RESUME_KEY, JSON.stringify({ game: m.game, token: m.token }));
        state.game = m.game; state.watching = null; state.ended = null; state.player = null;
        state.turn = m.turn; state.depth = m.depth;
        grid = null;
        $("title").textContent = "Game " + m.game + (m.resumed ? " (resumed)" : "");
        setPhase("playing");
        notice(m.over ? "This game is over. Leave to start another." : "");
        break;
      case "ack":
        state.acks++;
        state.turn = m.turn; state.stateHash = m.stateHash;
        if (m.over) { localStorage.removeItem(RESUME_KEY); notice("The game is over. Leave to start another."); }
        break;
      case "frame":
        applyFrame(m);
        break;
      case "games":
        state.games = m.games;
        showGames(m.games);
        break;
      case "watching":
        state.watching = m.game; state.game = null; state.ended = null; state.player = null; state.frames = 0;
        state.turn = m.turn; state.depth = m.depth;
        grid = null;
        $("title").textContent = "Watching " + m.player + " (game " + m.game + ")";
        setPhase("watching");
        notice("");
        break;
      case "watch_ended":
        state.ended = m.reason;
        notice("Watching ended: " + m.reason.replace(/_/g, " ") + ".");
        state.watching = null;
        setPhase("lobby");
        send({ type: "list_games" });
        break;
      case "error":
        state.lastError = m.code;
        if (FATAL.includes(m.code)) lastFatal = m.code;
        if ((m.code === "draining" || m.code === "store_failed" || m.code === "unavailable") && state.attempt > 0 && resumeRequest !== null && m.ref === resumeRequest) {
          // Reconnected to a node that is going away too, whose store is failing over, or (a
          // cluster) with no game instance free to take the game yet: try
          // again after a backoff.
          resumeAfterReconnect = storedResume(); lastBye = "shutdown";
          ws.close();
          return;
        }
        if (m.code === "game_not_found" && resumeRequest !== null && m.ref === resumeRequest) {
          // The stored game is gone (or its token is wrong): stop offering it.
          localStorage.removeItem(RESUME_KEY); showResume();
        }
        if (m.code === "game_not_found" && state.phase === "lobby") send({ type: "list_games" });
        if (m.code !== "rate_limited") notice(m.message + " (" + m.code + ")");
        break;
      case "bye":
        lastBye = m.reason;
        notice(m.message + " (" + m.reason + ")");
        break;
    }
  }

  function applyFrame(m) {
    if (m.full) {
      if (!Array.isArray(m.cells) || m.cells.length !== m.width * m.height) { notice("A full frame of the wrong size arrived."); return; }
      grid = m.cells.slice(); gridW = m.width; gridH = m.height;
      resize();
      for (let i = 0; i < grid.length; i++) drawCell(i % gridW, Math.floor(i / gridW));
    } else {
      if (!grid || gridW !== m.width || gridH !== m.height) { notice("A frame diff arrived with no screen to apply it to."); return; }
      for (const c of m.changes) {
        const [x, y, glyph, fg, bg, bold] = c;
        if (x < 0 || y < 0 || x >= gridW || y >= gridH) { notice("A frame diff changes a cell outside the screen."); return; }
        grid[y * gridW + x] = [glyph, fg, bg, bold];
        drawCell(x, y);
      }
    }
    state.frames++;
    if (m.status) { state.depth = m.status.depth; state.turn = m.status.turn; state.hp = m.status.hp; state.maxHP = m.status.maxHP; }
    state.player = findPlayer();
    state.rows = Array.from({ length: gridH }, (_, y) => rowText(y));
    const list = $("messages");
    list.textContent = "";
    for (const text of (m.messages || [])) { const li = document.createElement("li"); li.textContent = text; list.appendChild(li); }
  }

  function rowText(y) {
    if (!grid || y >= gridH) return "";
    let s = "";
    for (let x = 0; x < gridW; x++) s += grid[y * gridW + x][0];
    return s.trimEnd();
  }

  function findPlayer() {
    for (let y = MAP_Y; y < Math.min(gridH, STATUS_Y); y++)
      for (let x = MAP_X; x < gridW; x++)
        if (grid[y * gridW + x][0] === "@") return { x: x - MAP_X, y: y - MAP_Y };
    return null;
  }

  function resize() {
    const w = gridW * CW, h = gridH * CH;
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    ctx.font = FONT; ctx.textBaseline = "middle"; ctx.textAlign = "center";
  }

  function drawCell(x, y) {
    const [glyph, fg, bg, bold] = grid[y * gridW + x];
    ctx.fillStyle = bg;
    ctx.fillRect(x * CW, y * CH, CW, CH);
    if (glyph !== " ") {
      ctx.font = bold ? "bold " + FONT : FONT;
      ctx.fillStyle = fg;
      ctx.fillText(glyph, x * CW + CW / 2, y * CH + CH / 2 + 1);
    }
  }

  function showGames(games) {
    const body = $("games").tBodies[0];
    body.textContent = "";
    $("no-games").hidden = games.length > 0;
    for (const g of games) {
      const tr = document.createElement("tr");
      for (const v of [g.game, g.player, g.depth, g.turn, g.spectators]) { const td = document.createElement("td"); td.textContent = String(v); tr.appendChild(td); }
      const td = document.createElement("td"), b = document.createElement("button");
      b.type = "button"; b.textContent = "Watch"; b.className = "watch"; b.dataset.game = String(g.game);
      b.addEventListener("click", () => { ensureIdentity(); send({ type: "spectate", game: g.game }); });
      td.appendChild(b); tr.appendChild(td); body.appendChild(tr);
    }
  }

  // Browser key -> the key names the node understands (BrogueUI Keymap).
  const NAMED = {
    ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right",
    Home: "home", End: "end", PageUp: "page-up", PageDown: "page-down", Clear: "center",
    Enter: "enter", Escape: "escape", Backspace: "backspace", Tab: "tab", Insert: "insert", Delete: "delete",
  };
  function keyName(e) {
    if (e.altKey || e.metaKey) return null;
    if (e.key === "Tab" && e.shiftKey) return "back-tab";
    if (NAMED[e.key]) return NAMED[e.key];
    if (/^F([1-9]|1[0-2])$/.test(e.key)) return e.key.toLowerCase();
    if (e.key.length === 1) {
      if (e.ctrlKey) return /^[a-z]$/i.test(e.key) ? "ctrl-" + e.key.toLowerCase() : null;
      return e.key;
    }
    return null;
  }

  document.addEventListener("keydown", (e) => {
    if (state.phase === "lobby" || e.target instanceof HTMLInputElement) return;
    const name = keyName(e);
    if (!name) return;
    e.preventDefault();
    if (state.phase === "watching") {
      if (name === "q" || name === "escape") leave();
      return;
    }
    send({ type: "key", key: name });
  });

  function leave() {
    // Starting nothing new: the simplest way to let go of a game or stop watching is a new connection.
    if (ws) { ws.onclose = null; try { ws.send(JSON.stringify({ type: "bye" })); } catch (e) {} ws.close(); }
    state.game = null; state.watching = null; state.player = null; grid = null;
    setPhase("lobby"); showResume();
    connect();
  }

  // A page opened as /?seed=N starts that seed (kept below 2^53, as JavaScript counts).
  $("start").addEventListener("submit", (e) => {
    e.preventDefault(); ensureIdentity();
    const seed = new URLSearchParams(location.search).get("seed");
    send(seed && /^[0-9]{1,15}$/.test(seed) ? { type: "new_game", seed: Number(seed) } : { type: "new_game" });
  });

  // A click on a screen cell goes to the node as the key click:x,y: while aiming, it aims there and fires.
  canvas.addEventListener("click", (e) => {
    if (state.phase !== "playing" || !grid) return;
    const r = canvas.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left) * gridW / r.width), y = Math.floor((e.clientY - r.top) * gridH / r.height);
    if (x < 0 || y < 0 || x >= gridW || y >= gridH) return;
    canvas.focus();
    send({ type: "key", key: "click:" + x + "," + y });
  });
  $("resume").addEventListener("click", () => {
    const r = storedResume();
    if (!r) { showResume(); return; }
    ensureIdentity();
    resumeRequest = nextId;
    send({ type: "resume", game: r.game, token: r.token });
  });
  $("refresh").addEventListener("click", () => { ensureIdentity(); send({ type: "list_games" }); });
  $("leave").addEventListener("click", leave);

  $("name").value = localStorage.getItem(NAME_KEY) || "";
  canvas.width = WIDTH_HINT * CW; canvas.height = HEIGHT_HINT * CH;
  showResume();
  setPhase("lobby");
  connect();
  // The lobby's list of live games stays fresh while it shows.
  setInterval(() => { if (state.phase === "lobby" && state.connection === "open" && state.identity) send({ type: "list_games" }); }, 5000);
})();
