# Registry: cleanup on owner death, via tuples, listeners, dispatch.
{:ok, _} = Registry.start_link(keys: :unique, name: Reg)
parent = self()
owners = for i <- 1..50 do
  spawn(fn ->
    {:ok, _} = Registry.register(Reg, {:worker, i}, i * 10)
    send(parent, {:registered, i})
    receive do: (:stop -> :ok)
  end)
end
Enum.each(1..50, fn _ -> receive do: ({:registered, _} -> :ok) end)
IO.inspect(Registry.count(Reg))
[{pid7, 70}] = Registry.lookup(Reg, {:worker, 7})
IO.inspect(pid7 == Enum.at(owners, 6))
IO.inspect(Registry.register(Reg, {:worker, 7}, :again) == {:error, {:already_registered, pid7}})
refs = Enum.map(owners, &Process.monitor/1)
Enum.each(owners, &send(&1, :stop))
Enum.each(refs, fn r -> receive do: ({:DOWN, ^r, _, _, _} -> :ok) end)
# The registry hears of the exits after the monitors do: wait for it.
wait = fn wait, n -> if Registry.count(Reg) == 0 or n == 0, do: Registry.count(Reg), else: (Process.sleep(10); wait.(wait, n - 1)) end
IO.inspect(wait.(wait, 500))
IO.inspect(Registry.lookup(Reg, {:worker, 7}))
# A killed owner's entries go as well.
victim = spawn(fn -> Registry.register(Reg, :victim, 1); send(parent, :ok); Process.sleep(:infinity) end)
receive do: (:ok -> :ok)
IO.inspect(Registry.keys(Reg, victim))
Process.exit(victim, :kill)
wait2 = fn wait2, n -> if Registry.keys(Reg, victim) == [] or n == 0, do: Registry.keys(Reg, victim), else: (Process.sleep(10); wait2.(wait2, n - 1)) end
IO.inspect(wait2.(wait2, 500))

defmodule Counter do
  use GenServer
  def start_link(name), do: GenServer.start_link(__MODULE__, 0, name: name)
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
  def handle_cast(:inc, n), do: {:noreply, n + 1}
end

name = {:via, Registry, {Reg, "counter"}}
{:ok, c} = Counter.start_link(name)
GenServer.cast(name, :inc)
GenServer.cast(name, :inc)
IO.inspect(GenServer.call(name, :get))
IO.inspect(Registry.whereis_name({Reg, "counter"}) == c)
IO.inspect(Counter.start_link(name) == {:error, {:already_started, c}})
{:ok, a} = Agent.start_link(fn -> :state end, name: {:via, Registry, {Reg, :agent, :with_value}})
IO.inspect(Agent.get({:via, Registry, {Reg, :agent}}, & &1))
IO.inspect(Registry.lookup(Reg, :agent) == [{a, :with_value}])
IO.inspect(Registry.whereis_name({Reg, :nobody}))

# Listeners hear registrations and unregistrations.
Process.register(self(), :reg_listener)
{:ok, _} = Registry.start_link(keys: :duplicate, name: Dup, listeners: [:reg_listener])
{:ok, _} = Registry.register(Dup, "t", :v1)
receive do
  {:register, Dup, "t", pid, :v1} -> IO.inspect(pid == self())
end
:ok = Registry.unregister(Dup, "t")
receive do
  {:unregister, Dup, "t", pid} -> IO.inspect(pid == self())
end

defmodule Fan do
  def out(entries, tag), do: Enum.each(entries, fn {pid, v} -> send(pid, {tag, v}) end)
end
{:ok, _} = Registry.register(Dup, "fan", 1)
{:ok, _} = Registry.register(Dup, "fan", 2)
IO.inspect(Registry.dispatch(Dup, "fan", {Fan, :out, [:got]}))
IO.inspect(Enum.sort(for _ <- 1..2, do: (receive do: ({:got, v} -> v))))
IO.inspect(Registry.match(Dup, "fan", :"$1", [{:>, :"$1", 1}]) == [{self(), 2}])
IO.inspect(Registry.count_match(Dup, "fan", :_))
IO.inspect(Registry.unregister_match(Dup, "fan", 1))
IO.inspect(Registry.values(Dup, "fan", self()))
IO.inspect(Registry.keys(Dup, self()))
try do
  Registry.lookup(NoSuchRegistry, 1)
rescue
  e -> IO.puts(Exception.message(e))
end
IO.inspect(Registry.child_spec(keys: :unique, name: X))
# expect: 50
# expect: true
# expect: true
# expect: 0
# expect: []
# expect: [:victim]
# expect: []
# expect: 2
# expect: true
# expect: true
# expect: :state
# expect: true
# expect: :undefined
# expect: true
# expect: true
# expect: :ok
# expect: [1, 2]
# expect: true
# expect: 2
# expect: :ok
# expect: [2]
# expect: ["fan"]
# expect: unknown registry: NoSuchRegistry
# expect: %{
# expect:   id: X,
# expect:   start: {Registry, :start_link, [[keys: :unique, name: X]]},
# expect:   type: :supervisor
# expect: }
