# PartitionSupervisor (Elixir 1.14): partitions of one child spec, reached
# with {:via, PartitionSupervisor, {name, key}} (integer keys only here:
# other keys go through :erlang.phash2).
{:ok, _} = PartitionSupervisor.start_link(child_spec: {Agent, fn -> :x end}, name: P, partitions: 3)
IO.inspect PartitionSupervisor.partitions(P)
IO.inspect PartitionSupervisor.which_children(P) |> Enum.map(fn {id, p, t, m} -> {id, is_pid(p), t, m} end)
IO.inspect PartitionSupervisor.count_children(P)
IO.inspect Agent.get({:via, PartitionSupervisor, {P, 4}}, & &1)
IO.inspect GenServer.whereis({:via, PartitionSupervisor, {P, 1}}) == GenServer.whereis({:via, PartitionSupervisor, {P, 4}})
IO.inspect GenServer.whereis({:via, PartitionSupervisor, {P, -2}}) == GenServer.whereis({:via, PartitionSupervisor, {P, 2}})
IO.inspect PartitionSupervisor.child_spec(name: P, child_spec: Agent)
{:ok, _} = PartitionSupervisor.start_link(child_spec: {Agent, fn -> :x end}, name: P2, partitions: 2, with_arguments: fn [f], p -> [fn -> {f.(), p} end] end)
IO.inspect Agent.get({:via, PartitionSupervisor, {P2, 1}}, & &1)
{:ok, _} = Supervisor.start_link([{PartitionSupervisor, child_spec: DynamicSupervisor, name: DS, partitions: 2}], strategy: :one_for_one)
{:ok, a} = DynamicSupervisor.start_child({:via, PartitionSupervisor, {DS, 0}}, {Agent, fn -> 9 end})
IO.inspect Agent.get(a, & &1)
IO.inspect PartitionSupervisor.stop(P)
IO.inspect(try do PartitionSupervisor.start_link(child_spec: Agent) rescue e -> Exception.message(e) end)
IO.inspect(try do PartitionSupervisor.start_link(child_spec: Agent, name: X, partitions: 0) rescue e -> Exception.message(e) end)

# expect: 3
# expect: [
# expect:   {2, true, :worker, [Agent]},
# expect:   {1, true, :worker, [Agent]},
# expect:   {0, true, :worker, [Agent]}
# expect: ]
# expect: %{active: 3, specs: 3, supervisors: 0, workers: 3}
# expect: :x
# expect: true
# expect: true
# expect: %{
# expect:   id: P,
# expect:   start: {PartitionSupervisor, :start_link, [[name: P, child_spec: Agent]]},
# expect:   type: :supervisor
# expect: }
# expect: {:x, 1}
# expect: 9
# expect: :ok
# expect: "the :name option must be given to PartitionSupervisor"
# expect: "the :partitions option must be a positive integer, got: 0"
