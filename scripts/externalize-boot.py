"""Trunk post-build hook: moves trunk's inline boot script into a file of its own, so index.html
carries no inline script and its Content-Security-Policy can say `script-src 'self'
'wasm-unsafe-eval'` without 'unsafe-inline'. Also writes 404.html (a copy of index.html) so
hosts without SPA rewrites (GitHub Pages, S3 website hosting) still boot the app on a reloaded
deep link. Runs in TRUNK_STAGING_DIR."""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundle import read_text, terser_module, write_text  # noqa: E402

staging = os.environ.get("TRUNK_STAGING_DIR", ".")
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()
inline = re.compile(r'<script type="module">(.*?)</script>', re.S)
match = inline.search(html)
if not match:
    sys.exit("externalize-boot: no inline module script found in index.html")
# The saved theme is applied before the wasm loads, so a dark-theme user never sees a white flash.
EARLY_THEME = """try {
  const theme = JSON.parse(localStorage.getItem("jobdeck.prefs.v1") || "{}").theme;
  if (theme === "light" || theme === "dark" || theme === "system") document.documentElement.dataset.theme = theme;
} catch (e) {}
"""
# The app-error banner's listeners go first, so they see a failed start too.
APP_ERROR = read_text(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "boot", "app-error.js"))
body = APP_ERROR + EARLY_THEME + match.group(1).strip() + "\n"
body, inits = re.subn(r"(const wasm = await init\(\{[^;]*\}\));", r"\1.catch((e) => { jobdeckAppError(e, true); throw e; });", body)
if inits != 1:
    sys.exit("externalize-boot: trunk's boot script no longer has one `const wasm = await init({...});`")
# The soak and benchmark runs read the module's memory size from the page.
body = body.replace("window.wasmBindings = bindings;", "window.wasmBindings = bindings;\nwindow.jobdeckWasmMemory = () => wasm.memory.buffer.byteLength;")
# A release build's boot script is minified like the rest of its JS (scripts/minify.py), then
# named by its content.
draft = os.path.join(staging, "boot.js")
write_text(draft, body)
if os.environ.get("TRUNK_PROFILE") == "release":
    terser_module(draft, "externalize-boot")
name = "boot-%s.js" % hashlib.sha256(read_text(draft).encode()).hexdigest()[:16]
os.replace(draft, os.path.join(staging, name))
# Same directory as the wasm loader: trunk's public_url is already in the loader's import path.
loader = re.search(r"import init, \* as bindings from '([^']*/)[^/']+\.js'", body)
prefix = loader.group(1) if loader else "/"
html = html[: match.start()] + '<script type="module" src="%s%s"></script>' % (prefix, name) + html[match.end():]
# Operators may narrow the APIs the page can call to their sources' origins.
connect = os.environ.get("JOBDECK_CONNECT_SRC", "").strip()
if connect:
    if not re.fullmatch(r"[A-Za-z0-9:/.*\- ]+", connect):
        sys.exit("externalize-boot: JOBDECK_CONNECT_SRC may only hold origins separated by spaces")
    html = html.replace("connect-src 'self' https:;", "connect-src 'self' %s;" % connect)
if inline.search(html):
    sys.exit("externalize-boot: an inline script is still there")
open(index, "w", encoding="utf-8").write(html)
open(os.path.join(staging, "404.html"), "w", encoding="utf-8").write(html)
