# GenServer.call to a server that is not there, dies, is too slow or is
# ourselves exits the caller with Elixir's reasons.
defmodule S do
  use GenServer
  def init(s), do: {:ok, s}
  def handle_call(:die, _from, _s), do: exit(:died)
  def handle_call(:slow, _from, s), do: receive(do: (:go -> {:reply, :late, s}))
  def handle_call(:get, _from, s), do: {:reply, s, s}
end

catch_exit = fn f ->
  try do
    f.()
  catch
    :exit, reason -> {:exit, reason}
  end
end

IO.inspect(catch_exit.(fn -> GenServer.call(:nobody, :get) end))
{:ok, pid} = GenServer.start(S, 1)
IO.inspect(GenServer.call(pid, :get))
{:exit, {:died, {GenServer, :call, [^pid, :die, 5000]}}} = catch_exit.(fn -> GenServer.call(pid, :die) end)
IO.puts("died during the call")
{:exit, {:noproc, {GenServer, :call, [^pid, :get, 5000]}}} = catch_exit.(fn -> GenServer.call(pid, :get) end)
IO.puts("dead server: noproc")
{:ok, slow} = GenServer.start(S, 2, name: :slow)
IO.inspect(catch_exit.(fn -> GenServer.call(:slow, :slow, 10) end))
send(slow, :go)
IO.inspect(GenServer.call(:slow, :get))
{:ok, dead} = GenServer.start(S, 3)
GenServer.stop(dead)
{:exit, {:noproc, {GenServer, :stop, [^dead, :normal, :infinity]}}} = catch_exit.(fn -> GenServer.stop(dead) end)
IO.puts("stop of a dead server: noproc")
IO.inspect(GenServer.cast(:nobody, :hello))
IO.inspect(GenServer.cast(dead, :hello))

# expect: {:exit, {:noproc, {GenServer, :call, [:nobody, :get, 5000]}}}
# expect: 1
# expect: died during the call
# expect: dead server: noproc
# expect: {:exit, {:timeout, {GenServer, :call, [:slow, :slow, 10]}}}
# expect: 2
# expect: stop of a dead server: noproc
# expect: :ok
# expect: :ok
