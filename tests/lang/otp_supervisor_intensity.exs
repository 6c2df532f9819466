# More restarts than max_restarts within max_seconds: the supervisor stops
# its children and exits :shutdown, which its own supervisor counts as a
# restart; the second level gives up in turn and the caller sees it.
defmodule X do
  def start_link(tag) do
    pid = spawn_link(fn -> Process.sleep(:infinity) end)
    Process.register(pid, :x)
    send(:log, {:started, tag})
    {:ok, pid}
  end
end

Process.register(self(), :log)
Process.flag(:trap_exit, true)
take = fn -> receive(do: ({:started, _} = m -> m), after: (10_000 -> :missing)) end

inner_opts = [strategy: :one_for_one, max_restarts: 1, max_seconds: 60, name: :inner]
worker = %{id: :x, start: {X, :start_link, [:x]}}
inner = %{id: :inner, start: {Supervisor, :start_link, [[worker], inner_opts]}, type: :supervisor}
{:ok, outer} = Supervisor.start_link([inner], strategy: :one_for_one, max_restarts: 1, max_seconds: 60)
IO.inspect(take.())
first_inner = Process.whereis(:inner)

Process.exit(Process.whereis(:x), :kill)
IO.inspect({:restart_1, take.(), Process.whereis(:inner) == first_inner})

Process.exit(Process.whereis(:x), :kill)
IO.inspect({:inner_gave_up, take.(), Process.whereis(:inner) == first_inner})
IO.inspect(Supervisor.count_children(outer))

Process.exit(Process.whereis(:x), :kill)
IO.inspect({:restart_3, take.()})

Process.exit(Process.whereis(:x), :kill)
receive do
  {:EXIT, ^outer, reason} -> IO.inspect({:outer_exit, reason})
after
  10_000 -> IO.puts("outer still alive")
end

IO.inspect({Process.whereis(:inner), Process.whereis(:x)})

# expect: {:started, :x}
# expect: {:restart_1, {:started, :x}, true}
# expect: {:inner_gave_up, {:started, :x}, false}
# expect: %{active: 1, specs: 1, supervisors: 1, workers: 0}
# expect: {:restart_3, {:started, :x}}
# expect: {:outer_exit, :shutdown}
# expect: {nil, nil}
