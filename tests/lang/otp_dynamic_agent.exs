# DynamicSupervisor (max_children, extra_arguments, restarts, terminate)
# and Agent (fun and {m, f, a} forms, names, stop).
defmodule Wk do
  use GenServer, restart: :transient
  def start_link(extra, arg), do: GenServer.start_link(__MODULE__, {extra, arg})
  def init(s), do: {:ok, s}
  def handle_call(:get, _f, s), do: {:reply, s, s}
  def handle_call(:crash, _f, s), do: {:stop, :crash, :ok, s}
  def handle_call(:quit, _f, s), do: {:stop, :normal, :ok, s}
end

{:ok, sup} = DynamicSupervisor.start_link(strategy: :one_for_one, max_children: 2, extra_arguments: [:extra])
{:ok, a} = DynamicSupervisor.start_child(sup, {Wk, 1})
IO.inspect(GenServer.call(a, :get))
{:ok, b} = DynamicSupervisor.start_child(sup, %{id: :any, start: {Wk, :start_link, [2]}, restart: :permanent})
IO.inspect(DynamicSupervisor.start_child(sup, {Wk, 3}))
IO.inspect(DynamicSupervisor.count_children(sup))
IO.inspect(DynamicSupervisor.which_children(sup) |> Enum.map(fn {id, p, t, m} -> {id, p == a or p == b, t, m} end))
IO.inspect(Wk.child_spec(9))
ref = Process.monitor(a)
GenServer.call(a, :quit)
receive do: ({:DOWN, ^ref, _, _, r} -> IO.inspect({:quit, r}))
IO.inspect(DynamicSupervisor.count_children(sup).active)
ref = Process.monitor(b)
GenServer.call(b, :crash)
receive do: ({:DOWN, ^ref, _, _, r} -> IO.inspect({:crash, r}))
[{:undefined, b2, :worker, [Wk]}] = DynamicSupervisor.which_children(sup)
IO.inspect({b2 != b, GenServer.call(b2, :get)})
IO.inspect(DynamicSupervisor.terminate_child(sup, b2))
IO.inspect(DynamicSupervisor.terminate_child(sup, b2))
IO.inspect(DynamicSupervisor.count_children(sup))

{:ok, ag} = Agent.start_link(fn -> %{} end, name: :kv)
IO.inspect(Agent.update(:kv, &Map.put(&1, :a, 1)))
IO.inspect(Agent.get(:kv, & &1))
IO.inspect(Agent.get(:kv, Map, :get, [:a]))
IO.inspect(Agent.get_and_update(:kv, fn s -> {map_size(s), Map.put(s, :b, 2)} end))
IO.inspect(Agent.get_and_update(:kv, Map, :pop, [:b]))
IO.inspect(Agent.update(:kv, Map, :put, [:c, 3]))
IO.inspect(Agent.cast(:kv, Map, :delete, [:a]))
IO.inspect(Agent.cast(:kv, fn s -> Map.put(s, :d, 4) end))
IO.inspect(Agent.get(ag, & &1))
{:ok, ag2} = Agent.start(List, :duplicate, [:x, 2])
IO.inspect(Agent.get(ag2, & &1))
IO.inspect(Agent.stop(ag2))
IO.inspect(Process.alive?(ag2))
IO.inspect(Agent.start_link(fn -> :dup end, name: :kv) == {:error, {:already_started, ag}})
IO.inspect(Agent.child_spec(fn -> 1 end) |> Map.take([:id]))
IO.inspect(Agent.stop(:kv, :normal))

# expect: {:extra, 1}
# expect: {:error, :max_children}
# expect: %{active: 2, specs: 2, supervisors: 0, workers: 2}
# expect: [{:undefined, true, :worker, [Wk]}, {:undefined, true, :worker, [Wk]}]
# expect: %{id: Wk, restart: :transient, start: {Wk, :start_link, '\t'}}
# expect: {:quit, :normal}
# expect: 1
# expect: {:crash, :crash}
# expect: {true, {:extra, 2}}
# expect: :ok
# expect: {:error, :not_found}
# expect: %{active: 0, specs: 0, supervisors: 0, workers: 0}
# expect: :ok
# expect: %{a: 1}
# expect: 1
# expect: 1
# expect: 2
# expect: :ok
# expect: :ok
# expect: :ok
# expect: %{c: 3, d: 4}
# expect: [:x, :x]
# expect: :ok
# expect: false
# expect: true
# expect: %{id: Agent}
# expect: :ok
