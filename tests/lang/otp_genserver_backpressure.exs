# mote's extension: GenServer.start_link(..., max_queue_len: n, overflow:
# policy) bounds the server's mailbox in the core. The server is held in
# a callback (it waits for an exit signal, which no bound drops) while
# messages pile up.
defmodule Q do
  use GenServer
  def init(_), do: (Process.flag(:trap_exit, true); {:ok, []})

  def handle_cast(:hold, s) do
    receive do: ({:EXIT, _, :go} -> :ok)
    {:noreply, s}
  end

  def handle_cast(x, s), do: {:noreply, [x | s]}
  def handle_call(:seen, _from, s), do: {:reply, Enum.reverse(s), s}
end

drained = fn pid, f ->
  case Process.info(pid, :message_queue_len) do
    {:message_queue_len, 0} -> :ok
    _ -> (Process.sleep(1); f.(pid, f))
  end
end

run = fn policy ->
  {:ok, pid} = GenServer.start(Q, nil, max_queue_len: 3, overflow: policy)
  GenServer.cast(pid, :hold)
  drained.(pid, drained)
  for i <- 1..6, do: GenServer.cast(pid, i)
  Process.exit(pid, :go)
  drained.(pid, drained)
  ref = Process.monitor(pid)
  result = if Process.alive?(pid), do: GenServer.call(pid, :seen), else: :dead
  Process.demonitor(ref, [:flush])
  {policy, result}
end

IO.inspect(run.(:drop_newest))
IO.inspect(run.(:drop_oldest))

{:ok, pid} = GenServer.start(Q, nil, max_queue_len: 2, overflow: :kill)
ref = Process.monitor(pid)
GenServer.cast(pid, :hold)
drained.(pid, drained)
for i <- 1..4, do: GenServer.cast(pid, i)
Process.exit(pid, :go)
receive do: ({:DOWN, ^ref, _, _, r} -> IO.inspect({:kill, r}))

IO.inspect(:mote.set_mailbox_limit(:infinity, :drop_newest))
try do
  :mote.set_mailbox_limit(-1, :drop_newest)
rescue
  e in ArgumentError -> IO.puts(String.trim(Exception.message(e)))
end

# expect: {:drop_newest, [1, 2, 3]}
# expect: {:drop_oldest, [4, 5, 6]}
# expect: {:kill, :mailbox_overflow}
# expect: :ok
# expect: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not a non-negative integer or :infinity
