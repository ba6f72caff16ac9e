"""Fails when modules of the app crate (src/) import each other in a circle.

A module is a file under src/ (src/pages/source.rs is crate::pages::source; a mod.rs is its
directory's module). A module depends on every module whose path it names: `use crate::a::b`,
`crate::a::b::f(...)` inline, and `super::x` (resolved against its own path). Parent modules
that only declare their children (`pub mod x;`) are not edges. Prints each cycle's modules and
exits 1 if there is any."""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "src"


def module_of(path):
    rel = os.path.relpath(path, ROOT)[:-3].split(os.sep)
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


def main():
    files = [os.path.join(d, f) for d, _, fs in os.walk(ROOT) for f in fs if f.endswith(".rs")]
    modules = {module_of(f): f for f in files}
    graph = {m: references(m, open(f, encoding="utf-8").read(), modules) for m, f in modules.items()}
    found = cycles(graph)
    for comp in found:
        print("module cycle: " + " <-> ".join("::".join(m) or "crate" for m in comp))
    if found:
        sys.exit(1)
    print(f"module-cycles: {len(modules)} modules of {ROOT}/, no import cycle")


main()
