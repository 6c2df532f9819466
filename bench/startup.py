#!/usr/bin/env python3
"""startup.py [MOTE] — time from exec to the first prompt, mote vs iex,
side by side (median of RUNS, default 5), with the ratio. Both run in a
pseudo-terminal, as a person starts them; the clock stops when the prompt
text (`mote(1)>`, `iex(1)>`) has been written. Aim: mote <= 30 ms.
The CPU time each spent until then (user + system of all its threads,
idle scheduler spinning included, from wait4 after the prompt is seen) is
printed too: it moves less than the wall time when the machine is busy
with other work."""
import os
import pty
import select
import shutil
import signal
import statistics
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def first_prompt_ms(argv, prompt, env):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    out = b""
    end = t0 + 30
    took = None
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            out += data
            if prompt in out:
                took = (time.perf_counter() - t0) * 1000.0
                break
    os.kill(pid, signal.SIGKILL)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000.0
    return took, cpu


def measure(argv, prompt, env):
    """Median wall and CPU milliseconds to the prompt, or (None, None)."""
    runs = [first_prompt_ms(argv, prompt, env) for _ in range(RUNS)]
    if any(t is None for t, _ in runs):
        return None, None
    return statistics.median(t for t, _ in runs), statistics.median(c for _, c in runs)


def main():
    mote = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/shell/mote")
    state = tempfile.mkdtemp()
    env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm", INPUTRC="/dev/null")
    m, mc = measure([mote, "--no-startup"], b"mote(1)>", env)
    i, ic = measure(["iex"], b"iex(1)>", env) if shutil.which("iex") else (None, None)
    def fmt(v, missing):
        return "%.1f" % v if v is not None else missing
    print("%-24s %12s %12s" % ("first prompt (median)", "wall ms", "cpu ms"))
    print("%-24s %12s %12s" % ("mote", fmt(m, "failed"), fmt(mc, "failed")))
    print("%-24s %12s %12s" % ("iex", fmt(i, "n/a"), fmt(ic, "n/a")))
    if m and i:
        print("%-24s %12s %12s" % ("iex / mote", "%.1fx" % (i / m),
                                   "%.1fx" % (ic / mc) if mc else "-"))
    print("aim: mote <= 30 ms: %s" % ("met" if m is not None and m <= 30 else "NOT met"))


main()
