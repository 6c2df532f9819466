#!/usr/bin/env python3
"""top_batch.py — `mote top -b` as a script sees it: JSON lines that parse,
figures that match what the observed script started, thresholds that
fail the run and name the culprit.

usage: top_batch.py MOTE_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from observer_e2e import FLOODED, WORKER, Failures, write_scripts

MOTE = sys.argv[1]
FAILS = Failures()

# 1000 idle processes, one registered process with 5000 queued messages,
# one whose queue grows steadily; then the script stays alive a while.
SCRIPT = FLOODED + """
grow = spawn(fn -> receive do :never -> :ok end end)
Process.register(grow, :growing)
Enum.each(1..400, fn i -> send(grow, i); Process.sleep(5) end)
Process.sleep(3000)
"""


# A supervisor with two workers; the script kills one twice, and a caller
# stays blocked in GenServer.call on a server that never answers.
SUP_SCRIPT = WORKER + """
children = [%{id: :w1, start: {Worker, :start_link, [:w1]}},
            %{id: :w2, start: {Worker, :start_link, [:w2]}}]
{:ok, _} = Supervisor.start_link(children, strategy: :one_for_all, max_restarts: 5,
                                 max_seconds: 30, name: :the_sup)
Process.sleep(200)
Process.exit(Process.whereis(:w1), :kill)
Process.sleep(200)
Process.exit(Process.whereis(:w1), :boom)
Process.sleep(200)
spawn(fn -> Process.register(self(), :caller); GenServer.call(:w2, :hang, :infinity) end)
Process.register(spawn(Worker, :idle, []), :idler)
Process.sleep(3000)
"""


check = FAILS.check


def top(script, *args):
    return subprocess.run([MOTE, "top", "-b", *args, script], capture_output=True,
                          text=True, timeout=60)


def snapshots(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_json_figures(script):
    r = top(script, "--json", "-n", "2", "-d", "0.5", "--sort", "msgq", "--limit", "5")
    check(r.returncode == 0, f"json run exits 0 (got {r.returncode}: {r.stderr})")
    snaps = snapshots(r.stdout)
    check(len(snaps) == 2, f"-n 2 prints two snapshots (got {len(snaps)})")
    for i, s in enumerate(snaps):
        check(s["schema"] == "mote-top/1", "schema is mote-top/1")
        check(s["seq"] == i + 1, f"seq counts from 1 (got {s['seq']})")
        check(s["header"]["processes"] >= 1002,
              f"header counts the 1002 processes (got {s['header']['processes']})")
        procs = s["procs"]
        check(len(procs) <= 5, f"--limit 5 keeps at most 5 rows (got {len(procs)})")
        check(procs and procs[0]["name"] == "flooded" and procs[0]["msgq"] == 5000,
              f"sorting by msgq puts the flooded process first with 5000 (got {procs[:1]})")
        qs = [p["msgq"] for p in procs]
        check(qs == sorted(qs, reverse=True), f"rows are in descending msgq order: {qs}")
        for key in ("uptime_ms", "process_limit", "schedulers", "memory",
                    "reductions_per_sec", "messages_per_sec", "restarts_per_min"):
            check(key in s["header"], f"header has {key}")


def test_growth(script):
    r = top(script, "--json", "-n", "2", "-d", "0.4", "--sort", "msgq_growth", "--limit", "3")
    snaps = snapshots(r.stdout)
    check(len(snaps) == 2, "growth run prints two snapshots")
    if len(snaps) == 2:
        first = snaps[1]["procs"][0]
        check(first["name"] == "growing" and first["msgq_per_sec"] > 0,
              f"the growing queue leads the growth sort (got {first})")


def test_text_sort(script):
    r = top(script, "--json", "-n", "1", "-d", "0.3", "--sort", "name", "--limit", "2000")
    snaps = snapshots(r.stdout)
    check(snaps and snaps[0]["sort"] == "name", "--sort name is accepted and reported")
    if snaps:
        shown = [p["name"] or p["initial_call"] for p in snaps[0]["procs"]]
        named = [t for t in shown if t]
        check(named == sorted(named) and "flooded" in named and "growing" in named,
              f"--sort name orders names and initial calls A to Z: {named[:5]}...")
    r = top(script, "-n", "1", "--fail-if", "name>1")
    check(r.returncode == 2, f"a text key is no --fail-if metric (got {r.returncode})")


def test_filter(script):
    r = top(script, "--json", "-n", "1", "-d", "0.3", "--filter", "flooded")
    snaps = snapshots(r.stdout)
    check(snaps and snaps[0]["matched"] == 1 and len(snaps[0]["procs"]) == 1,
          "--filter keeps only the matching process")


def test_fail_if(script):
    r = top(script, "-n", "1", "-d", "0.3", "--fail-if", "msgq>1000")
    check(r.returncode == 1, f"a crossed --fail-if exits 1 (got {r.returncode})")
    check("flooded" in r.stderr and "msgq>1000" in r.stderr,
          f"the message names the threshold and the process: {r.stderr!r}")
    r = top(script, "-n", "1", "-d", "0.3", "--fail-if", "msgq>100000",
            "--fail-if", "restarts_per_min>5")
    check(r.returncode == 0, f"thresholds not crossed exit 0 (got {r.returncode})")


def test_bad_flags(script):
    for args in (["--sort", "nope"], ["--fail-if", "nonsense"], ["-n", "0"], ["--wat"]):
        r = top(script, *args)
        check(r.returncode == 2, f"{args} is refused with status 2 (got {r.returncode})")


def test_failing_script(d):
    bad = os.path.join(d, "bad.exs")
    with open(bad, "w") as f:
        f.write("defmodule Broken do\n")
    r = top(bad, "-d", "0.3")
    check(r.returncode == 1, f"a script that does not compile fails the run (got {r.returncode})")


def test_supervision(sup_script):
    r = top(sup_script, "--json", "-n", "1", "-d", "1.2", "--limit", "50")
    check(r.returncode == 0, f"supervision run exits 0 (got {r.returncode}: {r.stderr[-300:]})")
    snaps = snapshots(r.stdout)
    if not snaps:
        check(False, "supervision run prints a snapshot")
        return
    s = snaps[0]
    check(s["node"] == "nonode@nohost", f"node is named (got {s.get('node')!r})")
    sups = [x for x in s["supervisors"] if x["name"] == "the_sup"]
    check(len(sups) == 1, f"the supervisor is listed once (got {s['supervisors']})")
    if sups:
        sup = sups[0]
        check(sup["strategy"] == "one_for_all" and sup["kind"] == "supervisor",
              f"strategy and kind (got {sup['strategy']}, {sup['kind']})")
        check(sup["restarts"] == 2, f"two restarts after two kills (got {sup['restarts']})")
        it = sup["intensity"]
        check(it["max_restarts"] == 5 and it["max_seconds"] == 30 and
              it["restarts_in_window"] == 2 and it["text"] == "2/5 in 30s",
              f"intensity reads 2/5 in 30s (got {it})")
        ids = [c["id"] for c in sup["children"]]
        check(ids == [":w1", ":w2"], f"children in start order (got {ids})")
        w1 = sup["children"][0] if sup["children"] else {}
        check(w1.get("restarts") == 2 and w1.get("last_exit_reason") == ":boom",
              f"the killed worker's restarts and last exit (got {w1})")
        check(sup["last_exit"] and sup["last_exit"]["reason"] == ":boom",
              f"last_exit names the newest restart (got {sup['last_exit']})")
    log = s["restart_log"]
    check(len(log) >= 2 and log[0]["child"] == ":w1" and log[0]["reason"] == ":boom"
          and log[1]["reason"] == ":killed",
          f"the restart log has both restarts, newest first (got {log[:2]})")
    callers = [p for p in s["procs"] if p["name"] == "caller"]
    w2 = [p for p in s["procs"] if p["name"] == "w2"]
    check(callers and w2 and callers[0]["waiting_on"] == w2[0]["pid"],
          f"the blocked caller waits on w2 (got {callers}, {w2})")
    initial = {p["name"]: p["initial_call"] for p in s["procs"] if p["name"]}
    for name, want in (("w2", "Worker.init/1"), ("the_sup", "Supervisor.Default.init/1"),
                       ("idler", "Worker.idle/0")):
        check(initial.get(name) == want,
              f"{name}'s initial call is {want}, as proc_lib records it (got {initial.get(name)!r})")
    check(initial.get("caller", "").endswith("/0"),
          f"a process spawned on a closure has the closure's function as initial call "
          f"(got {initial.get('caller')!r})")
    r = top(sup_script, "-n", "1", "-d", "1.2", "--fail-if", "restarts_per_min>1")
    check(r.returncode == 1 and "the_sup" in r.stderr and "restarts_per_min>1" in r.stderr,
          f"restarts_per_min>1 fails naming the supervisor: {r.stderr[-300:]!r}")
    r = top(sup_script, "-n", "1", "-d", "1.2")
    check("Supervision:" in r.stdout and "2/5 in 30s" in r.stdout and "Recent restarts:" in r.stdout,
          f"text mode shows the tree and the restarts: {r.stdout[-600:]!r}")


def main():
    with tempfile.TemporaryDirectory() as d:
        paths = write_scripts(d, {"observed": SCRIPT, "supervised": SUP_SCRIPT})
        script = paths["observed"]
        test_json_figures(script)
        test_growth(script)
        test_filter(script)
        test_text_sort(script)
        test_fail_if(script)
        test_bad_flags(script)
        test_supervision(paths["supervised"])
        test_failing_script(d)
    FAILS.finish()


main()
