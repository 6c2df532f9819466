#!/usr/bin/env python3
"""top_tmux.py — the real full-screen `mote top`, driven in tmux: keys are
sent, the pane is captured and read. Skipped (exit 77) without tmux.

usage: top_tmux.py MOTE_BINARY
Checks: the header counts the processes the script spawned; Q (sort by
message queue) brings the flooded process to the top; the help screen
lists every key; k + y kills the selected process; resizing to 80x24
keeps the header and the table; q quits.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

MOTE = os.path.abspath(sys.argv[1])
SESSION = f"mote-top-test-{os.getpid()}"
FAILS = []

SCRIPT = """
for _ <- 1..1000, do: spawn(fn -> receive do :stop -> :ok end end)
flood = spawn(fn -> receive do :never -> :ok end end)
Process.register(flood, :flooded)
for i <- 1..5000, do: send(flood, {:data, i})
Process.sleep(60000)
"""

HELP_KEYS = ["q, F10", "?, F1", "Up/Down", "mouse", "P ", "M ", "Q ", "G ", "g ",
             "R ", "N ", ">, F6", "/, F3", "Z, space", "+, -", "k, F9", "x "]


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


def pane():
    return tmux("capture-pane", "-p", "-t", SESSION).stdout


def wait_for(pred, what, secs=10.0):
    """Polls the pane until pred(text) holds; records a failure if never."""
    end = time.time() + secs
    text = ""
    while time.time() < end:
        text = pane()
        if pred(text):
            return text
        time.sleep(0.1)
    FAILS.append(what)
    print("FAIL:", what, "\n--- pane ---\n" + text)
    return text


def keys(*k):
    tmux("send-keys", "-t", SESSION, *k)


def table_rows(text):
    lines = text.splitlines()
    for i, l in enumerate(lines):
        if l.startswith("PID"):
            return [r for r in lines[i + 1:] if r.startswith("#PID")]
    return []


def main():
    if not shutil.which("tmux"):
        print("tmux not installed: skipped")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, "observed.exs")
        with open(script, "w") as f:
            f.write(SCRIPT)
        tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40",
             f"{MOTE} top -d 0.2 {script}; sleep 30")
        try:
            run_checks()
        finally:
            tmux("kill-session", "-t", SESSION)
    print("FAILED" if FAILS else "ok", len(FAILS))
    sys.exit(1 if FAILS else 0)


def run_checks():
    wait_for(lambda t: "Processes: 1002/" in t, "the header counts 1002 processes")
    keys("Q")
    wait_for(lambda t: "Sort: msgq" in t and table_rows(t)
             and "flooded" in table_rows(t)[0] and " 5000 " in table_rows(t)[0],
             "Q puts the flooded process (5000 messages) first")
    keys("?")
    wait_for(lambda t: all(k in t for k in HELP_KEYS), "the help screen lists every key")
    keys("Escape")
    wait_for(lambda t: "Sort: msgq" in t, "any key closes the help")
    keys("k")
    wait_for(lambda t: "y confirms" in t, "k asks for confirmation")
    keys("y")
    wait_for(lambda t: "sent exit :kill" in t and "flooded" not in t,
             "y kills the selected (flooded) process")
    tmux("resize-window", "-t", SESSION, "-x", "80", "-y", "24")
    wait_for(lambda t: len(t.splitlines()) <= 24 and "Processes:" in t
             and any(l.startswith("PID") for l in t.splitlines())
             and all(len(l) <= 80 for l in t.splitlines()),
             "at 80x24 the header and the table are drawn within the screen")
    keys("q")
    wait_for(lambda t: "Processes:" not in t, "q quits")


main()
