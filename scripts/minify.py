"""Trunk post-build hook, after split-wasm.py: minifies the release bundle's JS (the
wasm-bindgen glue, the chunk loader, the JS snippets) with terser and its CSS with lightningcss,
and makes index.html's subresource-integrity hashes true again. (externalize-boot.py, which runs
after it, minifies the boot script it writes.)

split-wasm.py writes the glue and the loader after trunk's own steps, so trunk's minifier would
never see them; this hook runs after it for that reason. A debug build is left readable. Both tools
come from npm (`./dev` installs them into ~/.cache/jobdeck-tools/minify and `source
scripts/lib.sh` puts them on the PATH). Runs in TRUNK_STAGING_DIR; every step is printed."""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundle import minify_in_place, read_text, terser_module, with_integrity, write_text  # noqa: E402


staging = os.environ.get("TRUNK_STAGING_DIR", ".")
if os.environ.get("TRUNK_PROFILE") != "release":
    sys.exit(0)
scripts = (glob.glob(os.path.join(staging, "jobdeck-*.js")) + glob.glob(os.path.join(staging, "__wasm_split-*.js"))
           + glob.glob(os.path.join(staging, "snippets", "**", "*.js"), recursive=True))
styles = glob.glob(os.path.join(staging, "*.css"))
for path in scripts:
    terser_module(path, "minify")
for path in styles:
    minify_in_place(["lightningcss", "--minify", path, "--output-file", path], path, "minify")
index = os.path.join(staging, "index.html")
write_text(index, with_integrity(read_text(index), scripts + styles, "minify"))
