/// The browser client's page, served at `GET /` (docs/node.md). No build step, no external URLs.
enum ClientHTML {
    static let text = ##"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Brogue</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body data-connection="connecting" data-phase="lobby">
<header>
  <h1>Brogue</h1>
  <span id="connection" role="status">connecting…</span>
</header>
<main>
  <section id="lobby" aria-label="Start">
    <form id="start" autocomplete="off">
      <label for="name">Name (optional)</label>
      <input id="name" maxlength="16" pattern="[A-Za-z0-9]*" placeholder="guest">
      <button id="new-game" type="submit">New game</button>
      <button id="resume" type="button" hidden>Resume game</button>
    </form>
    <h2>Live games <button id="refresh" type="button">Refresh</button></h2>
    <table id="games">
      <thead><tr><th>Game</th><th>Player</th><th>Depth</th><th>Turn</th><th>Watching</th><th></th></tr></thead>
      <tbody></tbody>
    </table>
    <p id="no-games">No one is playing right now.</p>
  </section>
  <section id="play" aria-label="Game" hidden>
    <div id="bar">
      <span id="title"></span>
      <button id="leave" type="button">Leave</button>
    </div>
    <canvas id="screen" width="900" height="544" tabindex="0" aria-label="The game screen"></canvas>
    <ol id="messages" aria-live="polite"></ol>
  </section>
  <p id="notice" role="alert"></p>
</main>
<footer>Keys: arrows, hjkl yubn or the numpad move; x explores; i inventory; ? help. Esc cancels.</footer>
</body>
</html>
"""##
}
