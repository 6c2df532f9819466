# Each strategy restarts the right children, in start order, after the
# others were stopped in reverse start order; which_children lists the
# newest first. Waits are receives on the workers' own reports.
defmodule W do
  use GenServer
  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: id)

  def init(id) do
    Process.flag(:trap_exit, true)
    send(:log, {:started, id})
    {:ok, id}
  end

  def terminate(reason, id), do: send(:log, {:stopped, id, reason})
end

defmodule Log do
  def take(n), do: for(_ <- 1..n, do: receive(do: (m -> m), after: (10_000 -> :missing)))
end

Process.register(self(), :log)
children = for id <- [:a, :b, :c], do: Supervisor.child_spec({W, id}, id: id)

for {strategy, events} <- [one_for_one: 1, one_for_all: 5, rest_for_one: 3] do
  {:ok, sup} = Supervisor.start_link(children, strategy: strategy)
  IO.inspect({strategy, Log.take(3)})
  Process.exit(Process.whereis(:b), :kill)
  IO.inspect({strategy, Log.take(events)})
  IO.inspect(Supervisor.which_children(sup) |> Enum.map(fn {id, p, t, m} -> {id, is_pid(p), t, m} end))
  Supervisor.stop(sup)
  IO.inspect({strategy, :stop, Log.take(3)})
end

# expect: {:one_for_one, [started: :a, started: :b, started: :c]}
# expect: {:one_for_one, [started: :b]}
# expect: [{:c, true, :worker, [W]}, {:b, true, :worker, [W]}, {:a, true, :worker, [W]}]
# expect: {:one_for_one, :stop,
# expect:  [
# expect:    {:stopped, :c, :shutdown},
# expect:    {:stopped, :b, :shutdown},
# expect:    {:stopped, :a, :shutdown}
# expect:  ]}
# expect: {:one_for_all, [started: :a, started: :b, started: :c]}
# expect: {:one_for_all,
# expect:  [
# expect:    {:stopped, :c, :shutdown},
# expect:    {:stopped, :a, :shutdown},
# expect:    {:started, :a},
# expect:    {:started, :b},
# expect:    {:started, :c}
# expect:  ]}
# expect: [{:c, true, :worker, [W]}, {:b, true, :worker, [W]}, {:a, true, :worker, [W]}]
# expect: {:one_for_all, :stop,
# expect:  [
# expect:    {:stopped, :c, :shutdown},
# expect:    {:stopped, :b, :shutdown},
# expect:    {:stopped, :a, :shutdown}
# expect:  ]}
# expect: {:rest_for_one, [started: :a, started: :b, started: :c]}
# expect: {:rest_for_one, [{:stopped, :c, :shutdown}, {:started, :b}, {:started, :c}]}
# expect: [{:c, true, :worker, [W]}, {:b, true, :worker, [W]}, {:a, true, :worker, [W]}]
# expect: {:rest_for_one, :stop,
# expect:  [
# expect:    {:stopped, :c, :shutdown},
# expect:    {:stopped, :b, :shutdown},
# expect:    {:stopped, :a, :shutdown}
# expect:  ]}
