#!/usr/bin/env python3
"""top_tmux.py — the real full-screen `mote top`, driven in tmux: keys are
sent, the pane is captured and read. Skipped (exit 77) without tmux.

usage: top_tmux.py MOTE_BINARY
Each run uses its own tmux server (-L, a name with this pid) and kills only
that server. Patterns are waited for with generous timeouts (the machine
may be loaded); nothing is judged on timing.

Checks: the header counts the processes the script spawned; Q (sort by
message queue) brings the flooded process to the top; the help screen
lists every key of the key table in observer/prefs.c; k + y kills the
selected process; resizing to 80x24 keeps the header and the table within
the screen; q quits.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

MOTE = os.path.abspath(sys.argv[1])
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SOCKET = f"mote-top-test-{os.getpid()}"
SESSION = "top"
FAILS = []
WAIT = 30.0

SCRIPT = """
for _ <- 1..1000, do: spawn(fn -> receive do :stop -> :ok end end)
flood = spawn(fn -> receive do :never -> :ok end end)
Process.register(flood, :flooded)
for i <- 1..5000, do: send(flood, {:data, i})
Process.sleep(120000)
"""


def key_names():
    """The names column of every row of prefs_keys (observer/prefs.c)."""
    src = open(os.path.join(ROOT, "observer", "prefs.c")).read()
    table = src[src.index("const KeyDef prefs_keys[]"):]
    table = table[:table.index("};")]
    names = re.findall(r'^\s*\{"((?:[^"\\]|\\.)+)", \{', table, re.M)
    return [n.replace("\\\\", "\\") for n in names]


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def pane():
    return tmux("capture-pane", "-p", "-t", SESSION).stdout


def wait_for(pred, what, secs=WAIT):
    """Polls the pane until pred(text) holds; records a failure if never."""
    end = time.time() + secs
    text = ""
    while time.time() < end:
        text = pane()
        try:
            if pred(text):
                return text
        except (IndexError, ValueError):
            pass
        time.sleep(0.2)
    FAILS.append(what)
    print("FAIL:", what, "\n--- pane ---\n" + text)
    return text


def keys(*k):
    tmux("send-keys", "-t", SESSION, *k)


def table_rows(text):
    lines = text.splitlines()
    for i, l in enumerate(lines):
        if l.startswith("PID"):
            return [r for r in lines[i + 1:] if r.startswith("<")]
    return []


def check_help():
    names = key_names()
    if len(names) < 20:
        FAILS.append(f"found only {len(names)} keys in observer/prefs.c")
        return
    keys("?")
    wait_for(lambda t: "mote top: keys" in t, "? opens the help screen")
    seen = pane()
    # The help may scroll on a small screen: page through it.
    for _ in range(5):
        if all(n in seen for n in names):
            break
        keys("NPage")
        time.sleep(0.3)
        seen += pane()
    missing = [n for n in names if n not in seen]
    if missing:
        FAILS.append("the help screen lists every key")
        print("FAIL: keys missing from the help screen:", missing, "\n" + seen)
    keys("Escape")
    wait_for(lambda t: "Sort: msgq" in t, "any key closes the help")


def run_checks():
    wait_for(lambda t: "Processes: 1002/" in t, "the header counts 1002 processes")
    keys("Q")
    wait_for(lambda t: "Sort: msgq" in t and "flooded" in table_rows(t)[0]
             and " 5000 " in table_rows(t)[0],
             "Q puts the flooded process (5000 messages) first")
    check_help()
    keys("F6")
    wait_for(lambda t: "Sort by" in t and "msgq_growth" in t, "F6 opens the sort menu")
    keys("Escape")
    wait_for(lambda t: "Sort by" not in t and "Sort: msgq" in t, "Esc closes the sort menu")
    keys("k")
    wait_for(lambda t: "y confirms" in t and "flooded" in t, "k asks to confirm, naming it")
    keys("y")
    wait_for(lambda t: "sent exit :kill" in t and "Processes: 1001/" in t
             and not any("flooded" in r for r in table_rows(t)),
             "y kills the selected (flooded) process")
    tmux("resize-window", "-t", SESSION, "-x", "80", "-y", "24")
    wait_for(lambda t: len(t.splitlines()) <= 24 and "Processes:" in t
             and any(l.startswith("PID") for l in t.splitlines())
             and all(len(l) <= 80 for l in t.splitlines())
             and len(table_rows(t)) >= 8 and "F10Quit" in t,
             "at 80x24 the header, the table and the key bar are within the screen")
    keys("q")
    wait_for(lambda t: "Processes:" not in t, "q quits")


def main():
    if not shutil.which("tmux"):
        print("tmux not installed: skipped")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, "observed.exs")
        with open(script, "w") as f:
            f.write(SCRIPT)
        tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "45",
             f"env TERM=xterm-256color {MOTE} top -d 0.3 {script}; sleep 60")
        try:
            run_checks()
        finally:
            tmux("kill-server")
    print("FAILED" if FAILS else "ok", len(FAILS))
    sys.exit(1 if FAILS else 0)


main()
