"""Fails when modules of the app crate (src/) import each other in a circle.

A module is a file under src/ (src/pages/source.rs is crate::pages::source; a mod.rs is its
directory's module). A module depends on every module whose path it names: `use crate::a::b`,
`crate::a::b::f(...)` inline, and `super::x` (resolved against its own path). Parent modules
that only declare their children (`pub mod x;`) are not edges. Prints each cycle's modules and
exits 1 if there is any."""
import os
import re
import sys
import tempfile

def module_of(root, path):
    rel = os.path.relpath(path, root)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


def strip_comments(text):
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def expand_use_groups(text):
    """`use crate::a::{b, c::d}` -> `crate::a::b crate::a::c::d` (one level of braces is enough
    for this codebase; nested groups are expanded recursively)."""
    pattern = re.compile(r"((?:crate|super)(?:::\w+)*)::\{([^{}]*)\}")
    while True:
        new = pattern.sub(lambda m: " ".join(f"{m.group(1)}::{p.strip()}" for p in m.group(2).split(",") if p.strip()), text)
        if new == text:
            return text
        text = new


def references(mod, text, modules):
    deps = set()
    for m in re.finditer(r"\b((?:crate|super)(?:::\w+)+)", expand_use_groups(strip_comments(text))):
        parts = m.group(1).split("::")
        if parts[0] == "crate":
            target = parts[1:]
        else:
            base = list(mod)
            while parts and parts[0] == "super":
                base = base[:-1]
                parts = parts[1:]
            target = base + parts
        # The longest prefix that is a module.
        for n in range(len(target), 0, -1):
            if tuple(target[:n]) in modules:
                if tuple(target[:n]) != mod:
                    deps.add(tuple(target[:n]))
                break
    return deps


def cycles(graph):
    """Tarjan's strongly connected components of more than one module."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def cycles_in(root):
    files = [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".rs")]
    modules = {module_of(root, f): f for f in files}
    graph = {m: references(m, open(f, encoding="utf-8").read(), modules) for m, f in modules.items()}
    return modules, cycles(graph)


def self_test():
    """The checker finds a cycle through a `use` group, an inline path and `super::` (and none
    where the edges only go one way), so a broken checker cannot pass the gate silently."""
    tree = {
        "lib.rs": "pub mod a; pub mod b; pub mod pages;",
        "a.rs": "use crate::b::{x, y};",
        "b.rs": "// crate::a::in_a_comment is no edge\npub fn x() { crate::pages::p::f() }",
        "pages/mod.rs": "pub mod p;",
        "pages/p.rs": "pub fn f() { super::super::a::g() }",
        "c.rs": "use crate::a::g;",
    }
    with tempfile.TemporaryDirectory() as root:
        for name, text in tree.items():
            os.makedirs(os.path.dirname(os.path.join(root, name)), exist_ok=True)
            open(os.path.join(root, name), "w").write(text)
        _, found = cycles_in(root)
        assert found == [[("a",), ("b",), ("pages", "p")]], found
        os.remove(os.path.join(root, "pages", "p.rs"))
        open(os.path.join(root, "pages", "p.rs"), "w").write("pub fn f() {}")
        _, found = cycles_in(root)
        assert found == [], found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "src"
    self_test()
    modules, found = cycles_in(root)
    for comp in found:
        print("module cycle: " + " <-> ".join("::".join(m) or "crate" for m in comp))
    if found:
        sys.exit(1)
    print(f"module-cycles: {len(modules)} modules of {root}/, no import cycle (and the self-test found its planted one)")


main()
