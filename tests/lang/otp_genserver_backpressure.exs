# mote's extension: GenServer.start(..., max_queue_len: n, overflow:
# policy) bounds the server's mailbox in the core. The server is held in a
# callback while messages pile up; it is released, and asked for what it
# saw, with exit signals, which no bound drops (it traps exits), so the
# test never polls or sleeps.
defmodule Q do
  use GenServer
  def init(tester), do: (Process.flag(:trap_exit, true); {:ok, {tester, []}})

  def handle_cast(:hold, {tester, seen}) do
    send(tester, :holding)
    receive do: ({:EXIT, _, :go} -> :ok)
    {:noreply, {tester, seen}}
  end

  def handle_cast(x, {tester, seen}), do: {:noreply, {tester, [x | seen]}}

  def handle_info({:EXIT, _, :report}, {tester, seen}) do
    send(tester, {:seen, Enum.reverse(seen)})
    {:noreply, {tester, seen}}
  end
end

run = fn policy, max ->
  {:ok, pid} = GenServer.start(Q, self(), max_queue_len: max, overflow: policy)
  ref = Process.monitor(pid)
  GenServer.cast(pid, :hold)
  receive do: (:holding -> :ok)
  for i <- 1..6, do: GenServer.cast(pid, i)
  Process.exit(pid, :go)
  Process.exit(pid, :report)

  receive do
    {:seen, seen} -> {policy, seen}
    {:DOWN, ^ref, _, _, reason} -> {policy, :exited, reason}
  end
end

IO.inspect(run.(:drop_newest, 3))
IO.inspect(run.(:drop_oldest, 3))
IO.inspect(run.(:kill, 2))

IO.inspect(:mote.set_mailbox_limit(:infinity, :drop_newest))

try do
  :mote.set_mailbox_limit(-1, :drop_newest)
rescue
  e in ArgumentError -> IO.puts(String.trim(Exception.message(e)))
end

# expect: {:drop_newest, [1, 2, 3]}
# expect: {:drop_oldest, [4, 5, 6]}
# expect: {:kill, :exited, :mailbox_overflow}
# expect: :ok
# expect: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not a non-negative integer or :infinity
