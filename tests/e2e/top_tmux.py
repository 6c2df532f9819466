#!/usr/bin/env python3
"""top_tmux.py — the real full-screen `mote top`, driven in tmux: keys are
sent, the pane is captured and read. Skipped (exit 77) without tmux.

usage: top_tmux.py MOTE_BINARY
Each run uses its own tmux server (-L, a name with this pid) and kills only
that server. Patterns are waited for with generous timeouts (the machine
may be loaded); nothing is judged on timing.

Checks (each a wait for a pattern): the header counts the processes the
script spawned; Q (sort by message queue) brings the flooded process to
the top; its detail summarises the mailbox by shape, m pages through the
messages, s suspends and resumes it; the help screen lists every key of
the key table in observer/prefs.c (and man/mote-top.1 documents each);
F6 opens the sort menu; k + y kills the selected process; mouse clicks
sort by a heading, select a row and run a bottom-bar key; resizing to
80x24 keeps the header, the table and the key bar within the screen; q
quits. Killing a supervised worker from the tree view shows the restart in
the tree (count, last exit, intensity use) and in the restart log; x s
sends :shutdown; the detail names the supervisor. An application's tree
nests its supervisors, lone supervisors root their own trees, folding
works; a child crashing every 300 ms is FLAPPING; two GenServers calling
each other show as "call" and a DEADLOCK; observer() in the REPL opens the
view on the REPL's runtime, redraws on resize, and q returns to a working
prompt (twice).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from observer_e2e import FLOODED, WORKER, Failures, write_scripts

MOTE = os.path.abspath(sys.argv[1])
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SOCKET = f"mote-top-test-{os.getpid()}"
SESSION = "s0"                  # the current session; start() moves on
FAILS = Failures()
WAIT = 30.0

SCRIPT = FLOODED + """
Process.sleep(120000)
"""

SUP_SCRIPT = WORKER + """
children = [
  %{id: :worker_a, start: {Worker, :start_link, [:worker_a]}},
  %{id: :worker_b, start: {Worker, :start_link, [:worker_b]}},
]
{:ok, _} = Supervisor.start_link(children, strategy: :one_for_one, name: :top_sup,
                                 max_restarts: 5, max_seconds: 5)
Process.sleep(120000)
"""

APP_SCRIPT = WORKER + """
defmodule Inner do
  use Supervisor
  def start_link(_), do: Supervisor.start_link(__MODULE__, nil, name: :inner_sup)
  def init(_), do: Supervisor.init([%{id: :w3, start: {Worker, :start_link, [:w3]}}], strategy: :rest_for_one)
end
defmodule MyApp do
  use Application
  def start(_t, _a) do
    children = [
      %{id: :w1, start: {Worker, :start_link, [:w1]}},
      %{id: Inner, start: {Inner, :start_link, [nil]}, type: :supervisor},
    ]
    Supervisor.start_link(children, strategy: :one_for_all, name: :app_sup)
  end
end
:ok = Application.start(MyApp)
{:ok, _} = Supervisor.start_link([%{id: :lone, start: {Worker, :start_link, [:lone]}}], strategy: :one_for_one, name: :lone_sup)
{:ok, ds} = DynamicSupervisor.start_link(strategy: :one_for_one, name: :dyn)
for i <- 1..3, do: DynamicSupervisor.start_child(ds, %{id: i, start: {Agent, :start_link, [fn -> i end]}})
Process.sleep(120000)
"""

FLAP_SCRIPT = """
defmodule Flappy do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: :flappy)
  def init(_) do
    Process.send_after(self(), :crash, 300)
    {:ok, nil}
  end
  def handle_info(:crash, _), do: exit(:boom)
end
{:ok, _} = Supervisor.start_link([%{id: :flappy, start: {Flappy, :start_link, [nil]}}],
                                 strategy: :one_for_one, name: :flap_sup,
                                 max_restarts: 1000, max_seconds: 10)
Process.sleep(120000)
"""

DEADLOCK_SCRIPT = """
defmodule Dl do
  use GenServer
  def init(other), do: {:ok, other}
  def handle_call(:go, _from, other), do: {:reply, GenServer.call(other, :go, :infinity), other}
end
{:ok, _} = GenServer.start(Dl, :dl_b, name: :dl_a)
{:ok, _} = GenServer.start(Dl, :dl_a, name: :dl_b)
spawn(fn -> GenServer.call(:dl_a, :go, :infinity) end)
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


def start(cmd, x=120, y=45):
    """Runs cmd in a fresh session, then kills the previous one (in that
    order: killing the last session first would stop the server while
    the next command tries to reach it)."""
    global SESSION
    old = SESSION
    SESSION = f"s{int(SESSION[1:]) + 1}"
    for _ in range(5):
        r = tmux("new-session", "-d", "-s", SESSION, "-x", str(x), "-y", str(y),
                 f"env TERM=xterm-256color {cmd}; sleep 60")
        if r.returncode == 0:
            break
        time.sleep(0.5)
    tmux("kill-session", "-t", old)


def selected_line(text, needle):
    """Index of the first line containing needle, or -1."""
    for i, l in enumerate(text.splitlines()):
        if needle in l:
            return i
    return -1


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


def start_top(script, name):
    """Starts `mote top` on script and waits for its first table."""
    start(f"{MOTE} top -d 0.3 {script}")
    wait_for(lambda t: "Processes:" in t, f"mote top starts on the {name} script")


def keys(*k):
    tmux("send-keys", "-t", SESSION, *k)


def table_rows(text):
    lines = text.splitlines()
    for i, l in enumerate(lines):
        if l.startswith("PID"):
            return [r for r in lines[i + 1:] if r.startswith("<")]
    return []


def click(x, y):
    """A left click at 0-based column x, line y, as an xterm sends it
    (SGR mouse mode: press then release)."""
    tmux("send-keys", "-t", SESSION, "-l", f"\x1b[<0;{x + 1};{y + 1}M")
    tmux("send-keys", "-t", SESSION, "-l", f"\x1b[<0;{x + 1};{y + 1}m")


def check_mouse():
    t = pane()
    lines = t.splitlines()
    head = selected_line(t, "PID ")
    click(lines[head].index(" MEM ") + 2, head)
    wait_for(lambda t: "Sort: memory" in t, "a click on the MEM heading sorts by memory")
    # Rows in pid order stay put between the capture and the click.
    head = selected_line(t, "PID ")
    click(2, head)
    t = wait_for(lambda t: "Sort: pid" in t and table_rows(t)[0].startswith("<0.0.0>"),
                 "a click on the PID heading sorts by pid")
    rows = table_rows(t)
    second = rows[1].split()[0] if len(rows) > 1 else "?"
    click(3, selected_line(t, "PID ") + 2)
    time.sleep(0.5)
    keys("Enter")
    wait_for(lambda t: "Detail of #PID" + second in t,
             f"a click selects the second row ({second}); Enter opens its detail")
    keys("Escape")
    t = wait_for(lambda t: "Sort: pid" in t and "PID " in t, "Esc returns to the table")
    click(1, len(t.splitlines()) - 1)
    wait_for(lambda t: "mote top: keys" in t, "a click on F1Help in the bottom bar opens the help")
    keys("Escape")
    wait_for(lambda t: "Sort: pid" in t, "the help closes again")


def check_detail_of_flooded():
    keys("Enter")
    wait_for(lambda t: "Detail of #PID" in t and "registered name flooded" in t
             and re.search(r"\{:data, _\}\s+x5000", t),
             "Enter on the flooded process: its mailbox summarised by shape ({:data, _} x5000)")
    keys("m")
    t = wait_for(lambda t: "Mailbox of" in t and "{:data, 1}" in t and "of 5000" in t,
                 "m shows the first page of messages")
    m = re.search(r"messages 1-(\d+) of 5000", t)
    page = int(m.group(1)) if m else 0
    keys("NPage")
    wait_for(lambda t: f"messages {page + 1}-" in t and "{:data, %d}" % (page + 1) in t
             and "{:data, 1}" not in t, "PgDn turns to the next page of messages")
    keys("Escape")
    wait_for(lambda t: "Detail of" in t, "Esc goes back from the mailbox to the detail")
    keys("s")
    wait_for(lambda t: "status          suspended" in t and "suspended #PID" in t,
             "s suspends the process (its status says so)")
    keys("s")
    wait_for(lambda t: "status          wait" in t and "resumed #PID" in t,
             "s again resumes it")
    keys("Escape")
    wait_for(lambda t: "Sort: msgq" in t and "PID " in t, "Esc goes back to the table")


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
    check_detail_of_flooded()
    keys("N")
    wait_for(lambda t: "Sort: pid" in t and table_rows(t)[0].startswith("<0.0.0>"),
             "N sorts by pid")
    keys("End")
    wait_for(lambda t: table_rows(t)[-1].startswith("<0.1001.0>"),
             "End scrolls to the last process (the highest pid)")
    keys("Home")
    wait_for(lambda t: table_rows(t)[0].startswith("<0.0.0>"), "Home scrolls back to the first")
    keys("Q")
    wait_for(lambda t: "Sort: msgq" in t and "flooded" in table_rows(t)[0], "Q again")
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
    check_mouse()
    tmux("resize-window", "-t", SESSION, "-x", "80", "-y", "24")
    wait_for(lambda t: len(t.splitlines()) <= 24 and "Processes:" in t
             and any(l.startswith("PID") for l in t.splitlines())
             and all(len(l) <= 80 for l in t.splitlines())
             and len(table_rows(t)) >= 8 and "F10Quit" in t,
             "at 80x24 the header, the table and the key bar are within the screen")
    keys("q")
    wait_for(lambda t: "Processes:" not in t, "q quits")


def check_supervised_kill(script):
    start_top(script, "supervisor")
    keys("t")
    t = wait_for(lambda t: "top_sup" in t and ":worker_a" in t and "one_for_one" in t
                 and "0/5 in 5s" in t, "t shows the supervisor with its strategy and intensity")
    # Walk the selection down to the worker_a line: Down until the line
    # under the cursor is it (the selection is the only reverse-video line,
    # which capture-pane does not show, so count lines from the top one).
    top = selected_line(t, "top_sup")
    row = selected_line(t, ":worker_a")
    for _ in range(max(0, row - top)):
        keys("Down")
    time.sleep(0.5)
    keys("k")
    wait_for(lambda t: "Kill" in t and "worker_a?" in t, "k in the tree asks to kill worker_a")
    keys("y")
    wait_for(lambda t: "restarted 1" in t and "last exit :killed" in t and "1/5 in 5s" in t,
             "the tree shows worker_a restarted once, its last exit and intensity use")
    keys("l")
    wait_for(lambda t: "SUPERVISOR" in t and ":worker_a" in t and ":killed" in t
             and "top_sup" in t, "the restart log (l) lists the restart")
    keys("t")
    t = wait_for(lambda t: "restarted 1" in t, "back in the tree")
    # x on worker_b (one line down): an exit signal with a chosen reason.
    keys("Down")
    time.sleep(0.3)
    keys("x")
    wait_for(lambda t: "Exit signal to" in t and "worker_b" in t, "x asks for a reason")
    keys("s")
    wait_for(lambda t: "sent exit :shutdown" in t and t.count("restarted 1") == 2
             and ":shutdown" in t, "x s sends :shutdown; worker_b is restarted too")
    keys("Up")
    time.sleep(0.3)
    keys("Enter")
    wait_for(lambda t: "Detail of" in t and "parent" in t and "top_sup" in t,
             "Enter opens the detail of worker_a, naming its supervisor as parent")
    keys("Escape")
    wait_for(lambda t: "restarted 1" in t, "Esc goes back to the tree")
    keys("q")
    wait_for(lambda t: "Processes:" not in t and "worker_a" in t and "terminated" in t,
             "the crash report written while the view was up is printed after q")


def check_app_tree(script):
    start_top(script, "application")
    keys("t")

    def shape(t):
        lines = t.splitlines()
        app = selected_line(t, "application MyApp")
        top = selected_line(t, "app_sup")
        inner = selected_line(t, "inner_sup")
        lone = selected_line(t, "lone_sup")
        dyn = selected_line(t, "dynamic_supervisor")
        apart = selected_line(t, "not supervised")
        return (0 <= app < top < inner < lone < dyn < apart
                and "one_for_all" in lines[top] and "rest_for_one" in lines[inner]
                and lines[inner].index("inner_sup") > lines[top].index("app_sup")
                and lines[lone].lstrip().startswith("[-] lone_sup")
                and "3 children" in lines[dyn] and "mote_app_controller" in t)
    wait_for(shape, "the tree roots the application's supervisor under it, nests inner_sup, "
             "roots lone_sup and the dynamic supervisor apart, and lists unsupervised processes")
    keys("Left")
    wait_for(lambda t: "[+] app_sup" in t and ":w1" not in t and "inner_sup" not in t
             and "lone_sup" in t, "Left folds the selected supervisor with all under it")
    keys("Right")
    wait_for(lambda t: ":w1" in t, "Right unfolds it")
    keys("q")


def check_flapping(script):
    start_top(script, "flapping")
    keys("t")

    def flapping(t):
        m = re.search(r"restarted (\d+)  FLAPPING", t)
        h = re.search(r"Restarts: (\d+) in the last min", t)
        return m and int(m.group(1)) >= 3 and h and int(h.group(1)) >= 3
    wait_for(flapping, "a child crashing every 300 ms is marked FLAPPING, and the header "
             "counts the restarts of the last minute")
    keys("Enter")
    wait_for(lambda t: "Supervisor: one_for_one" in t and "FLAPPING" in t
             and "Recent restarts" in t and ":boom" in t,
             "the supervisor's detail lists the flapping child and its recent restarts")
    keys("q")


def check_monochrome(script):
    start(f"env TERM=vt100 NO_COLOR=1 {MOTE} top -d 0.3 {script}", 80, 24)
    wait_for(lambda t: "Processes:" in t and "PID " in t and len(table_rows(t)) >= 8,
             "with TERM=vt100 and NO_COLOR the view is drawn")
    keys("t")
    wait_for(lambda t: "not supervised" in t, "the tree works in monochrome too")
    keys("q")


def check_deadlock(script):
    start_top(script, "deadlock")
    keys("/")
    time.sleep(0.3)
    keys("dl_a", "Enter")
    wait_for(lambda t: "Filter: dl_a" in t and any("dl_a" in r for r in table_rows(t)),
             "/ filters the table down to dl_a")
    wait_for(lambda t: any("dl_a" in r and " call " in r for r in table_rows(t)),
             "the table's STAT says dl_a is blocked in a call")
    keys("Enter")
    wait_for(lambda t: "waiting on" in t and "dl_b" in t and "DEADLOCK" in t,
             "the detail of dl_a shows it waits on dl_b, flagged as a deadlock")
    keys("w")
    wait_for(lambda t: "Process #PID" in t and "registered name dl_b" in t,
             "w jumps to the process it waits on")
    keys("q")


def check_repl(home):
    # A HOME of its own: no history or .mote.exs of the user's is read or written.
    start(f"env HOME={home} {MOTE}", 100, 30)
    wait_for(lambda t: "mote(1)>" in t, "the REPL starts")
    keys("x = 41", "Enter")
    for n in (1, 2):
        keys("observer()", "Enter")
        wait_for(lambda t: "Processes:" in t and "PID" in t,
                 f"observer() opens the view in the REPL (time {n})")
        size = (80, 24) if n == 1 else (100, 30)
        tmux("resize-window", "-t", SESSION, "-x", str(size[0]), "-y", str(size[1]))
        wait_for(lambda t: len(t.splitlines()) <= size[1] and "Processes:" in t
                 and "F10Quit" in t.splitlines()[-1]
                 and all(len(l) <= size[0] for l in t.splitlines()),
                 f"the view in the REPL redraws at {size[0]}x{size[1]} (time {n})")
        keys("q")
        wait_for(lambda t: ":ok" in t and "Processes:" not in t,
                 f"q returns to the REPL (time {n})")
    keys("x + 1", "Enter")
    wait_for(lambda t: "\n42" in t, "the REPL still evaluates, bindings kept, after observer()")
    # A terminal that cannot show the view: refused, and the REPL goes on.
    start(f"env HOME={home} TERM=dumb {MOTE}", 100, 30)
    wait_for(lambda t: "mote(1)>" in t, "the REPL starts with TERM=dumb")
    keys("observer()", "Enter")
    keys("1 + 1", "Enter")
    wait_for(lambda t: "mote(3)>" in t and "\n2" in t,
             "with TERM=dumb observer() is refused and the REPL keeps working")


def check_man():
    """Every key of the key table is in man/mote-top.1's KEYS section."""
    man = open(os.path.join(ROOT, "man", "mote-top.1")).read()
    keys_sec = man[man.index(".SH KEYS"):man.index(".SH JSON OUTPUT")]
    keys_sec = keys_sec.replace("\\-", "-").replace("\\e", "\\")
    missing = [n for n in key_names() if n not in keys_sec]
    if missing:
        FAILS.append("man/mote-top.1 documents every key")
        print("FAIL: keys missing from man/mote-top.1 KEYS:", missing)


def main():
    check_man()
    if not shutil.which("tmux"):
        print("tmux not installed: skipped")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        paths = write_scripts(d, {"observed": SCRIPT, "sup": SUP_SCRIPT, "dl": DEADLOCK_SCRIPT,
                                  "app": APP_SCRIPT, "flap": FLAP_SCRIPT})
        try:
            start(f"{MOTE} top -d 0.3 {paths['observed']}")
            run_checks()
            check_supervised_kill(paths["sup"])
            check_app_tree(paths["app"])
            check_flapping(paths["flap"])
            check_monochrome(paths["observed"])
            check_deadlock(paths["dl"])
            check_repl(d)
        finally:
            tmux("kill-server")
    FAILS.finish()


main()
