# Pids order as the BEAM orders them: by serial (the last number) before
# the process number, so <0.5.0> sorts before <0.4.1> and a reused slot's
# new pid after the older ones. A child that a DynamicSupervisor restarted
# is then listed after its siblings (its children are a map keyed by pid).

{:ok, sup} = DynamicSupervisor.start_link(strategy: :one_for_one)
{:ok, first} = DynamicSupervisor.start_child(sup, {Agent, fn -> :first end})
{:ok, _} = DynamicSupervisor.start_child(sup, {Agent, fn -> :second end})
ref = Process.monitor(first)
Process.exit(first, :kill)
receive do {:DOWN, ^ref, _, _, _} -> :ok end
# which_children waits for the supervisor, which has restarted by then
children = DynamicSupervisor.which_children(sup)
IO.inspect(Enum.map(children, fn {_, pid, _, _} -> Agent.get(pid, & &1) end))
# expect: [:second, :first]
