"""What the post-build hooks (split-wasm.py, minify.py, externalize-boot.py) share: reading and
writing the staged files, running a minifier, and keeping index.html's subresource-integrity
hashes true after a hook rewrote a file."""
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys


def read_text(path):
    return open(path, encoding="utf-8").read()


def write_text(path, text):
    open(path, "w", encoding="utf-8").write(text)


def sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(open(path, "rb").read()).digest()).decode()


def with_integrity(html, paths, tool):
    """index.html with the subresource-integrity hashes of the files in `paths` made true."""
    for path in paths:
        name = re.escape(os.path.basename(path))
        html, n = re.subn(r'(href="[^"]*%s"[^>]*?integrity=")[^"]*(")' % name, r"\g<1>%s\g<2>" % sri(path), html)
        if n == 0 and 'integrity="' in html:
            sys.exit("%s: no integrity attribute for %s in index.html" % (tool, os.path.basename(path)))
    return html


def require_program(program, tool, where):
    """Stops the hook with a message naming what installs `program` when it is not on the PATH."""
    if shutil.which(program) is None:
        sys.exit("%s: %s is not on the PATH. `./dev run` or `./dev test` installs it (%s)." % (tool, program, where))


def minify_in_place(cmd, path, tool):
    """Runs a minifier command (terser, lightningcss) that rewrites `path`, and says what it saved."""
    require_program(cmd[0], tool, "into ~/.cache/jobdeck-tools/minify; `source scripts/lib.sh` puts it on the PATH")
    before = os.path.getsize(path)
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit("%s: %s failed on %s (exit %d)" % (tool, cmd[0], path, done.returncode))
    print("%s: %s: %d -> %d bytes" % (tool, os.path.basename(path), before, os.path.getsize(path)), flush=True)


def terser_module(path, tool):
    # --module: ES modules (strict, their top level is their own); exported names are kept.
    minify_in_place(["terser", path, "--module", "--compress", "--mangle", "--output", path], path, tool)
