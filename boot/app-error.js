// Part of the boot script (scripts/release.py (step 3) puts it first): the page's last line of
// defence. The app is written never to panic, but if the wasm module traps (a Rust panic is a
// `RuntimeError: unreachable` in the release build) or never starts (a file of the build missing
// or corrupt), the page would otherwise freeze without a word. This says so, in words, with a
// way out. Anything else thrown on the page (a browser extension, say) is left alone.
// `failedToStart`: the boot script's own `init()` of the module was rejected. A trap is "stopped"
// whenever it comes (during start too); a start that failed without one is "not-started".
function jobdeckAppError(error, failedToStart) {
  const crashed = error instanceof WebAssembly.RuntimeError;
  if (!(crashed || failedToStart) || document.querySelector("[data-testid=app-error]")) return;
  const box = document.createElement("div");
  box.className = "app-error";
  box.setAttribute("role", "alert");
  box.dataset.testid = "app-error";
  box.dataset.kind = crashed ? "stopped" : "not-started";
  const title = document.createElement("strong");
  title.textContent = crashed ? "jobdeck stopped after an internal error and no longer updates."
                              : "jobdeck could not start.";
  const detail = document.createElement("p");
  detail.textContent = crashed
    ? "Reload the page to start it again. The browser console has the details; please report them."
    : "Reload the page. If this keeps happening, the server is missing or altering files of this build (" +
      String((error && error.message) || error) + ").";
  const reload = document.createElement("button");
  reload.type = "button";
  reload.className = "button";
  reload.textContent = "Reload";
  reload.addEventListener("click", () => location.reload());
  box.append(title, detail, reload);
  document.body.prepend(box);
}
addEventListener("error", (event) => jobdeckAppError(event.error, false));
addEventListener("unhandledrejection", (event) => jobdeckAppError(event.reason, false));

