"""Trunk post-build hook, after split-wasm.py: minifies the release bundle's JS (the
wasm-bindgen glue, the chunk loader, the JS snippets) with terser and its CSS with lightningcss,
and makes index.html's subresource-integrity hashes true again.

split-wasm.py writes the glue and the loader after trunk's own steps, so trunk's minifier would
never see them; this hook runs last for that reason. A debug build is left readable. Both tools
come from npm (`./dev` installs them into ~/.cache/jobdeck-tools/minify and `source
scripts/lib.sh` puts them on the PATH). Runs in TRUNK_STAGING_DIR; every step is printed."""
import glob
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundle import read_text, with_integrity, write_text  # noqa: E402


def minify(cmd, path):
    if shutil.which(cmd[0]) is None:
        sys.exit("minify: %s is not on the PATH. `./dev run` or `./dev test` installs it into "
                 "~/.cache/jobdeck-tools/minify and `source scripts/lib.sh` puts it on the PATH." % cmd[0])
    before = os.path.getsize(path)
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit("minify: %s failed on %s (exit %d)" % (cmd[0], path, done.returncode))
    print("minify: %s: %d -> %d bytes" % (os.path.relpath(path, staging), before, os.path.getsize(path)), flush=True)


staging = os.environ.get("TRUNK_STAGING_DIR", ".")
if os.environ.get("TRUNK_PROFILE") != "release":
    sys.exit(0)
scripts = (glob.glob(os.path.join(staging, "jobdeck-*.js")) + glob.glob(os.path.join(staging, "__wasm_split-*.js"))
           + glob.glob(os.path.join(staging, "snippets", "**", "*.js"), recursive=True))
styles = glob.glob(os.path.join(staging, "*.css"))
for path in scripts:
    # --module: ES modules (strict, their top level is their own); exported names are kept.
    minify(["terser", path, "--module", "--compress", "--mangle", "--output", path], path)
for path in styles:
    minify(["lightningcss", "--minify", path, "--output-file", path], path)
index = os.path.join(staging, "index.html")
write_text(index, with_integrity(read_text(index), scripts + styles, "minify"))
