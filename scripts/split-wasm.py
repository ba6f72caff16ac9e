"""Trunk post-build hook: splits the release wasm into the module the first page load needs and
chunks loaded on demand (route-level code splitting; the split points are in src/split.rs).

Trunk has no step between `cargo build` and wasm-bindgen, which is where the split must happen,
so this hook redoes that part from cargo's output and replaces trunk's files in the staging
directory:

  1. wasm-split-cli cuts cargo's wasm (linked with --emit-relocs, see build.rs) into the main
     module, one chunk per group of split points, and __wasm_split.js, the loader the main
     module imports;
  2. wasm-bindgen makes the JS glue for the main module, under trunk's own file name;
  3. wasm-opt -Oz shrinks every module (Trunk.toml leaves wasm-opt to this hook);
  4. chunks and the loader get content-hashed names, so a browser never mixes two builds, and
     index.html's subresource-integrity hashes are made true again.

A debug build is left as trunk made it; a release build without split points
(JOBDECK_NO_SPLIT=1) only gets wasm-opt. Runs in TRUNK_STAGING_DIR; every step is
printed. Also run by hand on a copy of dist/ to make the profiling bundle, which keeps function
names: split-wasm.py DIR --keep-names (cargo's release wasm must be the one DIR was built from)."""
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundle import read_text, sri, with_integrity, write_text  # noqa: E402

PLACEHOLDER = "__wasm_split_placeholder__"
LOADER = "__wasm_split.js"
WASM_OPT_FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
                     "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]


def say(msg):
    print("split-wasm: " + msg, flush=True)


def run(cmd):
    if shutil.which(cmd[0]) is None:
        sys.exit("split-wasm: %s is not on the PATH. `./dev run` or `./dev test` installs it into "
                 "~/.cache/jobdeck-tools and `source scripts/lib.sh` puts it on the PATH; "
                 "JOBDECK_NO_SPLIT=1 builds without splitting." % cmd[0])
    say(" ".join(cmd))
    done = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    # wasm-opt warns once per module about the name subsection wasm-split writes; harmless.
    sys.stderr.write("".join(l for l in done.stderr.splitlines(True) if "unknown name subsection" not in l))
    if done.returncode != 0:
        sys.exit("split-wasm: %s failed (exit %d)" % (cmd[0], done.returncode))


def content_hash(data):
    return hashlib.sha256(data).hexdigest()[:16]


def cargo_wasm():
    """The wasm cargo just linked for trunk (release profile)."""
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
                                     check=True, capture_output=True, text=True).stdout)
    return os.path.join(meta["target_directory"], "wasm32-unknown-unknown", "release", "jobdeck.wasm")


def wasm_opt(path, keep_names):
    run(["wasm-opt", "-Oz"] + (["-g"] if keep_names else []) + WASM_OPT_FEATURES + [path, "-o", path])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    keep_names = "--keep-names" in sys.argv
    staging = args[0] if args else os.environ.get("TRUNK_STAGING_DIR", ".")
    release = bool(args) or os.environ.get("TRUNK_PROFILE") == "release"
    glue_files = [g for g in glob.glob(os.path.join(staging, "jobdeck-*.js"))]
    if len(glue_files) != 1:
        sys.exit("split-wasm: expected one jobdeck-*.js in %s, found %d" % (staging, len(glue_files)))
    glue = glue_files[0]
    out_name = os.path.basename(glue)[: -len(".js")]
    bg_wasm = os.path.join(staging, out_name + "_bg.wasm")

    if not release:
        return  # debug builds have no split points (build.rs) and are not optimized
    source = cargo_wasm()
    if PLACEHOLDER.encode() not in open(source, "rb").read():
        say("no split points in this build: optimizing the one module")
        wasm_opt(bg_wasm, keep_names)
        index = os.path.join(staging, "index.html")
        write_text(index, with_integrity(read_text(index), [bg_wasm], "split-wasm"))
        return
    say("splitting %s" % source)
    with tempfile.TemporaryDirectory() as split_dir, tempfile.TemporaryDirectory() as bindgen_dir:
        run(["wasm-split-cli", source, split_dir, "--target", "web", "--out-name", out_name])
        run(["wasm-bindgen", "--target", "web", "--no-typescript", "--keep-lld-exports", "--no-demangle"]
            + (["--keep-debug"] if keep_names else [])
            + ["--out-name", out_name, "--out-dir", bindgen_dir, os.path.join(split_dir, out_name + ".wasm")])
        shutil.copyfile(os.path.join(bindgen_dir, out_name + "_bg.wasm"), bg_wasm)
        glue_js = open(os.path.join(bindgen_dir, out_name + ".js"), encoding="utf-8").read()
        if PLACEHOLDER in glue_js:
            sys.exit("split-wasm: the split main module still imports %s" % PLACEHOLDER)
        wasm_opt(bg_wasm, keep_names)

        # Chunks: optimized, then named by content; the loader fetches them by those names.
        loader_js = open(os.path.join(split_dir, LOADER), encoding="utf-8").read()
        for old in glob.glob(os.path.join(staging, "split-*.wasm")) + glob.glob(os.path.join(staging, "__wasm_split*.js")):
            os.remove(old)
        chunks = sorted(glob.glob(os.path.join(split_dir, "*.wasm")))
        chunks = [c for c in chunks if os.path.basename(c) != out_name + ".wasm"]
        for chunk in chunks:
            wasm_opt(chunk, keep_names)
            data = open(chunk, "rb").read()
            stem = os.path.basename(chunk)[: -len(".wasm")]
            # split_source_page -> split-source_page-<hash>.wasm; shared chunks keep chunk_N.
            stem = re.sub(r"[^A-Za-z0-9_]", "_", stem[len("split_"):] if stem.startswith("split_") else stem)[:40]
            hashed = "split-%s-%s.wasm" % (stem, content_hash(data))
            if '"./%s"' % os.path.basename(chunk) not in loader_js:
                sys.exit("split-wasm: %s does not name %s" % (LOADER, os.path.basename(chunk)))
            loader_js = loader_js.replace('"./%s"' % os.path.basename(chunk), '"./%s"' % hashed)
            open(os.path.join(staging, hashed), "wb").write(data)
            say("chunk %s: %d bytes" % (hashed, len(data)))

    # The loader under a content-hashed name. The wasm still imports it as "./__wasm_split.js";
    # only the glue's ES import names the file.
    loader_name = "__wasm_split-%s.js" % content_hash(loader_js.encode())
    open(os.path.join(staging, loader_name), "w", encoding="utf-8").write(loader_js)
    import_re = re.compile(r"""(from\s+['"])\./__wasm_split\.js(['"])""")
    if not import_re.search(glue_js):
        sys.exit("split-wasm: the glue does not import %s" % LOADER)
    glue_js = import_re.sub(r"\g<1>./%s\g<2>" % loader_name, glue_js)
    open(glue, "w", encoding="utf-8").write(glue_js)
    say("main module %s: %d bytes; loader %s" % (os.path.basename(bg_wasm), os.path.getsize(bg_wasm), loader_name))

    # index.html: integrity hashes for the files that changed, and the loader preloaded with the
    # glue (it is a static import of it, so the browser would otherwise fetch it one step later).
    index = os.path.join(staging, "index.html")
    html = with_integrity(read_text(index), [glue, bg_wasm], "split-wasm")
    glue_link = re.search(r'<link rel="modulepreload" href="([^"]*)%s"[^>]*>' % re.escape(os.path.basename(glue)), html)
    if glue_link:
        prefix = glue_link.group(1)
        preload = '<link rel="modulepreload" href="%s%s" crossorigin="anonymous" integrity="%s">' % (
            prefix, loader_name, sri(os.path.join(staging, loader_name)))
        html = html[: glue_link.end()] + preload + html[glue_link.end():]
    write_text(index, html)


main()
