"""What the post-build hooks (split-wasm.py, minify.py) share: reading and writing the staged
files, and keeping index.html's subresource-integrity hashes true after a hook rewrote a file."""
import base64
import hashlib
import os
import re
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
