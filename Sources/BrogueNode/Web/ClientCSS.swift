/// The browser client's style sheet, served at `GET /app.css`.
enum ClientCSS {
    static let text = ##"""
:root { color-scheme: dark; }
body { margin: 0; background: #101014; color: #d8d8d8; font: 15px/1.4 system-ui, sans-serif; }
header { display: flex; gap: 1em; align-items: baseline; padding: .5em 1em; background: #1c1c24; }
header h1 { margin: 0; font-size: 1.3em; }
#connection { color: #a0a0a0; }
body[data-connection="open"] #connection { color: #7fd07f; }
body[data-connection="closed"] #connection { color: #e07070; }
main { padding: 1em; }
form { display: flex; gap: .5em; align-items: center; flex-wrap: wrap; }
input, button { font: inherit; padding: .25em .6em; background: #24242e; color: inherit; border: 1px solid #484858; border-radius: 3px; }
button:hover, button:focus { border-color: #9090c0; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .2em .8em; border-bottom: 1px solid #30303a; }
h2 button { font-size: .6em; vertical-align: middle; }
#bar { display: flex; gap: 1em; align-items: center; margin-bottom: .5em; }
#screen { display: block; background: #000; outline: none; max-width: 100%; image-rendering: pixelated; }
#screen:focus { box-shadow: 0 0 0 2px #5050a0; }
#messages { list-style: none; padding: 0; margin: .5em 0; color: #b0b0b0; font-family: monospace; }
#notice { color: #e0c060; min-height: 1.4em; }
footer { padding: .5em 1em; color: #808080; font-size: .9em; }
[hidden] { display: none !important; }
"""##
}
