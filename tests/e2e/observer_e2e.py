"""observer_e2e.py — what the observer's end-to-end tests (top_batch.py,
top_tmux.py) share: the observed scripts' common parts, writing them out,
and the failure list with the run's verdict.

Imported from the test's own directory (Python puts it first on
sys.path), so nothing needs installing.
"""
import os
import sys

# 1000 idle processes and :flooded with 5000 queued messages: what the
# table is checked against (counts, sort by queue, mailbox shapes).
FLOODED = """
for _ <- 1..1000, do: spawn(fn -> receive do :stop -> :ok end end)
flood = spawn(fn -> receive do :never -> :ok end end)
Process.register(flood, :flooded)
for i <- 1..5000, do: send(flood, {:data, i})
"""

# A GenServer registered under the name it is started with; :hang makes a
# caller wait (a server that never answers), idle/0 is a plain function
# to spawn on.
WORKER = """
defmodule Worker do
  use GenServer
  def start_link(name), do: GenServer.start_link(__MODULE__, name, name: name)
  def init(name), do: {:ok, name}
  def handle_call(:hang, _from, s), do: (Process.sleep(60_000); {:reply, :ok, s})
  def idle, do: Process.sleep(60_000)
end
"""


class Failures:
    """The checks that failed, printed as they fail; finish() ends the run
    with status 1 when there were any."""

    def __init__(self):
        self.list = []

    def __bool__(self):
        return bool(self.list)

    def __len__(self):
        return len(self.list)

    def append(self, what):
        self.list.append(what)

    def check(self, cond, what):
        if not cond:
            self.append(what)
            print("FAIL:", what)

    def finish(self):
        print("FAILED" if self.list else "ok", len(self.list))
        sys.exit(1 if self.list else 0)


def write_scripts(d, scripts):
    """Writes each {name: text} as d/name.exs; returns {name: path}."""
    paths = {}
    for name, text in scripts.items():
        paths[name] = os.path.join(d, name + ".exs")
        with open(paths[name], "w") as f:
            f.write(text)
    return paths
