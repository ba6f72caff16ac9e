"""The release bundle, after trunk: everything the bundle needs that trunk's own build does not
do, as one program read top to bottom. Trunk runs it once after every build (Trunk.toml, its one
post_build hook) in its staging directory; a debug build (`trunk serve`, the browser tests) is
left as trunk made it but for step 3. `main()` at the end runs the steps in this order:

  1. split_wasm: route-level code splitting (the split points are in src/split.rs and
     src/demo.rs). Trunk has no step between `cargo build` and wasm-bindgen, which is where the
     split must happen, so this redoes that part from cargo's output: wasm-split-cli cuts the wasm
     (linked with --emit-relocs, see build.rs) into the main module, the chunks and their loader;
     wasm-bindgen makes the main module's glue under trunk's file name; wasm-opt -Oz shrinks every
     module (index.html leaves wasm-opt off for trunk itself); chunks and loader get
     content-hashed names so a browser never mixes two builds.
  2. minify: terser over the JS (the glue, the loader, the snippets) and lightningcss over the
     CSS. Trunk's minifier never sees the glue and the loader, which step 1 writes after it.
  3. externalize_boot: trunk's inline boot script moved into a file, so index.html carries no
     inline script and its Content-Security-Policy needs no 'unsafe-inline'; the app-error
     banner (boot/app-error.js) and the early theme put first in it; 404.html as a copy of the
     finished index.html, for hosts without SPA rewrites.
  4. precompress: `F.gz` (zopfli) and `F.br` (brotli 11) beside every file a browser downloads,
     which the shipped nginx and Caddy configurations send as they are.

After each step that rewrites a file, index.html's subresource-integrity hashes are made true
again. Every step prints what it does. By hand, `python3 scripts/release.py split DIR
--keep-names` redoes step 1 on a copy of dist/ keeping function names (the profiling bundle of
`./dev bench profile`; cargo's release wasm must be the one DIR was built from)."""
import base64
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PLACEHOLDER = "__wasm_split_placeholder__"
LOADER = "__wasm_split.js"
WASM_OPT_FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
                     "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]
COMPRESSIBLE = (".wasm", ".js", ".css", ".html", ".svg")
COMPRESSORS = {".gz": ["zopfli", "-c"], ".br": ["brotli", "-c", "-q", "11"]}
# Where ./dev installs each program this uses, for the message when one is missing.
INSTALLED_BY = {
    "wasm-split-cli": "into ~/.cache/jobdeck-tools/wasm-split",
    "wasm-bindgen": "with cargo install",
    "wasm-opt": "from npm binaryen into ~/.cache/jobdeck-tools/binaryen",
    "terser": "from npm into ~/.cache/jobdeck-tools/minify",
    "lightningcss": "from npm into ~/.cache/jobdeck-tools/minify",
    "zopfli": "from Debian's package zopfli",
    "brotli": "from Debian's package brotli",
}
# The saved theme is applied before the wasm loads, so a dark-theme user never sees a white flash.
EARLY_THEME = """try {
  const theme = JSON.parse(localStorage.getItem("jobdeck.prefs.v1") || "{}").theme;
  if (theme === "light" || theme === "dark" || theme === "system") document.documentElement.dataset.theme = theme;
} catch (e) {}
"""


# ---------- shared pieces ----------

def say(step, msg):
    print("release: %s: %s" % (step, msg), flush=True)


def fail(step, msg):
    sys.exit("release: %s: %s" % (step, msg))


def read_text(path):
    return open(path, encoding="utf-8").read()


def write_text(path, text):
    open(path, "w", encoding="utf-8").write(text)


def content_hash(data):
    return hashlib.sha256(data).hexdigest()[:16]


def sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(open(path, "rb").read()).digest()).decode()


def run(step, cmd, quiet_stderr=None):
    """Runs a program, printing its command line; stops the build when it fails or is missing."""
    if shutil.which(cmd[0]) is None:
        fail(step, "%s is not on the PATH. `./dev run` or `./dev test` installs it (%s); `source scripts/lib.sh` "
                   "puts ./dev's tools on the PATH." % (cmd[0], INSTALLED_BY.get(cmd[0], "see scripts/lib.sh")))
    say(step, " ".join(cmd))
    done = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.stderr.write("".join(l for l in done.stderr.splitlines(True) if not (quiet_stderr and quiet_stderr in l)))
    if done.returncode != 0:
        fail(step, "%s failed (exit %d)" % (cmd[0], done.returncode))


def with_integrity(step, html, paths):
    """index.html with the subresource-integrity hashes of the files in `paths` made true."""
    for path in paths:
        name = re.escape(os.path.basename(path))
        html, n = re.subn(r'(href="[^"]*%s"[^>]*?integrity=")[^"]*(")' % name, r"\g<1>%s\g<2>" % sri(path), html)
        if n == 0 and 'integrity="' in html:
            fail(step, "no integrity attribute for %s in index.html" % os.path.basename(path))
    return html


def update_integrity(step, staging, paths):
    index = os.path.join(staging, "index.html")
    write_text(index, with_integrity(step, read_text(index), paths))


def minify_in_place(step, cmd, path):
    """Runs a minifier that rewrites `path`, and says what it saved."""
    before = os.path.getsize(path)
    run(step, cmd)
    say(step, "%s: %d -> %d bytes" % (os.path.basename(path), before, os.path.getsize(path)))


def terser(step, path):
    # --module: ES modules (strict, their top level is their own); exported names are kept.
    minify_in_place(step, ["terser", path, "--module", "--compress", "--mangle", "--output", path], path)


def wasm_opt(path, keep_names):
    # wasm-opt warns once per module about the name subsection wasm-split writes; harmless.
    run("split", ["wasm-opt", "-Oz"] + (["-g"] if keep_names else []) + WASM_OPT_FEATURES + [path, "-o", path],
        quiet_stderr="unknown name subsection")


def glue_of(staging):
    """trunk's wasm-bindgen glue (jobdeck-<hash>.js) and the main module beside it."""
    glue_files = glob.glob(os.path.join(staging, "jobdeck-*.js"))
    if len(glue_files) != 1:
        fail("split", "expected one jobdeck-*.js in %s, found %d" % (staging, len(glue_files)))
    glue = glue_files[0]
    out_name = os.path.basename(glue)[: -len(".js")]
    return glue, out_name, os.path.join(staging, out_name + "_bg.wasm")


def cargo_wasm():
    """The wasm cargo just linked for trunk (release profile)."""
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
                                     check=True, capture_output=True, text=True).stdout)
    return os.path.join(meta["target_directory"], "wasm32-unknown-unknown", "release", "jobdeck.wasm")


# ---------- 1. route-level code splitting ----------

def split_wasm(staging, keep_names=False):
    glue, out_name, bg_wasm = glue_of(staging)
    source = cargo_wasm()
    if PLACEHOLDER.encode() not in open(source, "rb").read():
        say("split", "no split points in this build: optimizing the one module")
        wasm_opt(bg_wasm, keep_names)
        update_integrity("split", staging, [bg_wasm])
        return
    say("split", "splitting %s" % source)
    with tempfile.TemporaryDirectory() as split_dir, tempfile.TemporaryDirectory() as bindgen_dir:
        run("split", ["wasm-split-cli", source, split_dir, "--target", "web", "--out-name", out_name])
        run("split", ["wasm-bindgen", "--target", "web", "--no-typescript", "--keep-lld-exports", "--no-demangle"]
            + (["--keep-debug"] if keep_names else [])
            + ["--out-name", out_name, "--out-dir", bindgen_dir, os.path.join(split_dir, out_name + ".wasm")])
        shutil.copyfile(os.path.join(bindgen_dir, out_name + "_bg.wasm"), bg_wasm)
        glue_js = read_text(os.path.join(bindgen_dir, out_name + ".js"))
        if PLACEHOLDER in glue_js:
            fail("split", "the split main module still imports %s" % PLACEHOLDER)
        wasm_opt(bg_wasm, keep_names)
        loader_js = write_chunks(staging, split_dir, out_name, read_text(os.path.join(split_dir, LOADER)), keep_names)
    loader_name = write_loader(staging, glue, glue_js, loader_js)
    say("split", "main module %s: %d bytes; loader %s" % (os.path.basename(bg_wasm), os.path.getsize(bg_wasm), loader_name))
    # Integrity for the files that changed, and the loader preloaded with the glue (a static
    # import of it, which the browser would otherwise fetch one step later).
    index = os.path.join(staging, "index.html")
    html = with_integrity("split", read_text(index), [glue, bg_wasm])
    glue_link = re.search(r'<link rel="modulepreload" href="([^"]*)%s"[^>]*>' % re.escape(os.path.basename(glue)), html)
    if glue_link:
        preload = '<link rel="modulepreload" href="%s%s" crossorigin="anonymous" integrity="%s">' % (
            glue_link.group(1), loader_name, sri(os.path.join(staging, loader_name)))
        html = html[: glue_link.end()] + preload + html[glue_link.end():]
    write_text(index, html)


def write_chunks(staging, split_dir, out_name, loader_js, keep_names):
    """Each chunk optimized and named by its content; returns the loader naming those names."""
    for old in glob.glob(os.path.join(staging, "split-*.wasm")) + glob.glob(os.path.join(staging, "__wasm_split*.js")):
        os.remove(old)
    chunks = [c for c in sorted(glob.glob(os.path.join(split_dir, "*.wasm"))) if os.path.basename(c) != out_name + ".wasm"]
    for chunk in chunks:
        wasm_opt(chunk, keep_names)
        data = open(chunk, "rb").read()
        stem = os.path.basename(chunk)[: -len(".wasm")]
        # split_source_page -> split-source_page-<hash>.wasm; shared chunks keep chunk_N.
        stem = re.sub(r"[^A-Za-z0-9_]", "_", stem[len("split_"):] if stem.startswith("split_") else stem)[:40]
        hashed = "split-%s-%s.wasm" % (stem, content_hash(data))
        if '"./%s"' % os.path.basename(chunk) not in loader_js:
            fail("split", "%s does not name %s" % (LOADER, os.path.basename(chunk)))
        loader_js = loader_js.replace('"./%s"' % os.path.basename(chunk), '"./%s"' % hashed)
        open(os.path.join(staging, hashed), "wb").write(data)
        say("split", "chunk %s: %d bytes" % (hashed, len(data)))
    return loader_js


def write_loader(staging, glue, glue_js, loader_js):
    """The loader under a content-hashed name. The wasm still imports it as "./__wasm_split.js";
    only the glue's ES import names the file."""
    loader_name = "__wasm_split-%s.js" % content_hash(loader_js.encode())
    write_text(os.path.join(staging, loader_name), loader_js)
    import_re = re.compile(r"""(from\s+['"])\./__wasm_split\.js(['"])""")
    if not import_re.search(glue_js):
        fail("split", "the glue does not import %s" % LOADER)
    write_text(glue, import_re.sub(r"\g<1>./%s\g<2>" % loader_name, glue_js))
    return loader_name


# ---------- 2. minified JS and CSS ----------

def minify(staging):
    scripts = (glob.glob(os.path.join(staging, "jobdeck-*.js")) + glob.glob(os.path.join(staging, "__wasm_split-*.js"))
               + glob.glob(os.path.join(staging, "snippets", "**", "*.js"), recursive=True))
    styles = glob.glob(os.path.join(staging, "*.css"))
    for path in scripts:
        terser("minify", path)
    for path in styles:
        minify_in_place("minify", ["lightningcss", "--minify", path, "--output-file", path], path)
    update_integrity("minify", staging, scripts + styles)


# ---------- 3. no inline script; 404.html ----------

def externalize_boot(staging, minified):
    index = os.path.join(staging, "index.html")
    html = read_text(index)
    inline = re.compile(r'<script type="module">(.*?)</script>', re.S)
    match = inline.search(html)
    if not match:
        fail("boot", "no inline module script found in index.html")
    # The app-error banner's listeners go first, so they see a failed start too.
    body = read_text(os.path.join(REPO, "boot", "app-error.js")) + EARLY_THEME + match.group(1).strip() + "\n"
    body, inits = re.subn(r"(const wasm = await init\(\{[^;]*\}\));", r"\1.catch((e) => { jobdeckAppError(e, true); throw e; });", body)
    if inits != 1:
        fail("boot", "trunk's boot script no longer has one `const wasm = await init({...});`")
    # The soak and benchmark runs read the module's memory size from the page.
    body = body.replace("window.wasmBindings = bindings;", "window.wasmBindings = bindings;\nwindow.jobdeckWasmMemory = () => wasm.memory.buffer.byteLength;")
    draft = os.path.join(staging, "boot.js")
    write_text(draft, body)
    if minified:
        terser("boot", draft)
    name = "boot-%s.js" % content_hash(read_text(draft).encode())
    os.replace(draft, os.path.join(staging, name))
    # Same directory as the wasm loader: trunk's public_url is already in the loader's import path.
    loader = re.search(r"import init, \* as bindings from '([^']*/)[^/']+\.js'", body)
    prefix = loader.group(1) if loader else "/"
    html = html[: match.start()] + '<script type="module" src="%s%s"></script>' % (prefix, name) + html[match.end():]
    html = narrowed_connect_src(html)
    if inline.search(html):
        fail("boot", "an inline script is still there")
    write_text(index, html)
    write_text(os.path.join(staging, "404.html"), html)
    say("boot", "boot script %s; index.html and 404.html without inline script" % name)


def narrowed_connect_src(html):
    """Operators may narrow the APIs the page can call to their sources' origins
    (JOBDECK_CONNECT_SRC, README: Content-Security-Policy)."""
    connect = os.environ.get("JOBDECK_CONNECT_SRC", "").strip()
    if not connect:
        return html
    if not re.fullmatch(r"[A-Za-z0-9:/.*\- ]+", connect):
        fail("boot", "JOBDECK_CONNECT_SRC may only hold origins separated by spaces")
    return html.replace("connect-src 'self' https:;", "connect-src 'self' %s;" % connect)


# ---------- 4. precompressed copies ----------

def precompress(staging):
    files = sorted(p for p in glob.glob(os.path.join(staging, "**", "*"), recursive=True)
                   if os.path.isfile(p) and p.endswith(COMPRESSIBLE))
    for path in files:
        sizes = []
        for ext, cmd in COMPRESSORS.items():
            if shutil.which(cmd[0]) is None:
                fail("precompress", "%s is not on the PATH (./dev installs it %s)" % (cmd[0], INSTALLED_BY[cmd[0]]))
            with open(path + ext, "wb") as out:
                done = subprocess.run(cmd + [path], stdout=out, stderr=subprocess.PIPE)
            if done.returncode != 0:
                sys.stderr.write(done.stderr.decode(errors="replace"))
                fail("precompress", "%s failed on %s (exit %d)" % (cmd[0], path, done.returncode))
            sizes.append(os.path.getsize(path + ext))
        say("precompress", "%s: %d bytes, .gz %d, .br %d" % (os.path.relpath(path, staging), os.path.getsize(path), *sizes))


# ---------- the program ----------

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if args[:1] == ["split"]:
        # By hand: the profiling bundle (step 1 again, keeping names).
        split_wasm(args[1] if len(args) > 1 else ".", keep_names="--keep-names" in sys.argv)
        return
    staging = os.environ.get("TRUNK_STAGING_DIR", ".")
    # Debug builds (`trunk serve`, the browser tests) have no split points (build.rs) and stay
    # readable, but their index.html has the same Content-Security-Policy: step 3 runs for them too.
    release = os.environ.get("TRUNK_PROFILE") == "release"
    if release:
        split_wasm(staging)
        minify(staging)
    externalize_boot(staging, minified=release)
    if release:
        precompress(staging)


main()
