# init's return forms, handle_continue, timeouts, :hibernate, replies from
# another process, stop/3, and terminate/2 on the parent's exit when the
# server traps exits.
defmodule S do
  use GenServer
  def init(:ignore), do: :ignore
  def init(:stop), do: {:stop, :bad_init}
  def init(:bad), do: :what
  def init({:cont, x}), do: {:ok, [x], {:continue, :more}}
  def init(:hib), do: {:ok, :hib, :hibernate}
  def init(:to), do: {:ok, :to, 0}
  def init(:trap), do: (Process.flag(:trap_exit, true); {:ok, :trap})
  def init(s), do: {:ok, s}
  def handle_continue(:more, s), do: {:noreply, [:continued | s]}
  def handle_call(:get, _from, s), do: {:reply, s, s}

  def handle_call(:later, from, s) do
    spawn(fn -> GenServer.reply(from, :from_other) end)
    {:noreply, s}
  end

  def handle_call(:stop_me, _from, s), do: {:stop, :normal, :stopping, s}
  def handle_call({:reply_and_continue, c}, _from, s), do: {:reply, :ok, s, {:continue, c}}
  def handle_cast({:set, v}, _s), do: {:noreply, v}
  def handle_info(:timeout, :to), do: {:noreply, :timed_out}
  def handle_info(msg, s), do: {:noreply, [msg | List.wrap(s)]}
  def terminate(reason, s), do: send(:tester, {:terminated, reason, s})
end

Process.register(self(), :tester)
IO.inspect(GenServer.start(S, :ignore))
IO.inspect(GenServer.start(S, :stop))
IO.inspect(GenServer.start(S, :bad))
{:ok, p} = GenServer.start_link(S, {:cont, 1})
IO.inspect(GenServer.call(p, :get))
:ok = GenServer.call(p, {:reply_and_continue, :more})
IO.inspect(GenServer.call(p, :get))
{:ok, p2} = GenServer.start_link(S, :to)
IO.inspect(GenServer.call(p2, :get))
{:ok, p3} = GenServer.start_link(S, :hib)
IO.inspect(GenServer.call(p3, :get))
IO.inspect(GenServer.call(p3, :later))
GenServer.cast(p3, {:set, 5})
send(p3, :hello)
IO.inspect(GenServer.call(p3, :get))
{:ok, n} = GenServer.start(S, 0, name: :named)
IO.inspect(GenServer.start(S, 0, name: :named) == {:error, {:already_started, n}})
IO.inspect(GenServer.whereis(:named) == n)
IO.inspect(GenServer.call(:named, :stop_me))
receive do: (m -> IO.inspect(m))
{:ok, d} = GenServer.start(S, 8)
IO.inspect(GenServer.stop(d, :shutdown))
receive do: (m -> IO.inspect(m))
{:ok, d} = GenServer.start(S, 9)
IO.inspect(GenServer.stop(d, {:shutdown, :bye}))
receive do: (m -> IO.inspect(m))

# A trapping server whose parent exits runs terminate/2 with that reason.
spawn(fn ->
  {:ok, _} = GenServer.start_link(S, :trap)
  exit(:parent_gone)
end)

receive do: (m -> IO.inspect(m))

# expect: :ignore
# expect: {:error, :bad_init}
# expect: {:error, {:bad_return_value, :what}}
# expect: [:continued, 1]
# expect: [:continued, :continued, 1]
# expect: :timed_out
# expect: :hib
# expect: :from_other
# expect: [:hello, 5]
# expect: true
# expect: true
# expect: :stopping
# expect: {:terminated, :normal, 0}
# expect: :ok
# expect: {:terminated, :shutdown, 8}
# expect: :ok
# expect: {:terminated, {:shutdown, :bye}, 9}
# expect: {:terminated, :parent_gone, :trap}
