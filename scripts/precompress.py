"""Trunk post-build hook, the last one: writes a precompressed copy of every file of a release
bundle that a browser downloads, `F.gz` by zopfli (gzip format, about 5% smaller than gzip -9)
and `F.br` by brotli at quality 11. The shipped nginx (`gzip_static`) and Caddy (`file_server
{ precompressed }`) configurations send those copies as they are, so the server spends no CPU on
compression and the browser gets the smallest bytes either format allows. Hosts that ignore them
serve the plain files. A debug build is left alone. zopfli and brotli are Debian's packages
(`./dev` installs them). Runs in TRUNK_STAGING_DIR; every step is printed."""
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundle import require_program  # noqa: E402

COMPRESSIBLE = (".wasm", ".js", ".css", ".html", ".svg")
TOOLS = {".gz": ["zopfli", "-c"], ".br": ["brotli", "-c", "-q", "11"]}


def compress(path, ext):
    cmd = TOOLS[ext]
    require_program(cmd[0], "precompress", "Debian's packages zopfli and brotli")
    with open(path + ext, "wb") as out:
        done = subprocess.run(cmd + [path], stdout=out, stderr=subprocess.PIPE, text=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode(errors="replace"))
        sys.exit("precompress: %s failed on %s (exit %d)" % (cmd[0], path, done.returncode))
    return os.path.getsize(path + ext)


staging = os.environ.get("TRUNK_STAGING_DIR", ".")
if os.environ.get("TRUNK_PROFILE") != "release":
    sys.exit(0)
files = sorted(p for p in glob.glob(os.path.join(staging, "**", "*"), recursive=True)
               if os.path.isfile(p) and p.endswith(COMPRESSIBLE))
for path in files:
    gz, br = compress(path, ".gz"), compress(path, ".br")
    print("precompress: %s: %d bytes, .gz %d, .br %d" % (os.path.relpath(path, staging), os.path.getsize(path), gz, br), flush=True)
