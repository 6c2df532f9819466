# :transient children are restarted only after an abnormal exit,
# :temporary never (and their spec is dropped); the child management
# calls answer as Elixir's Supervisor does.
defmodule T do
  def child_spec(id), do: %{id: id, start: {T, :start_link, [id]}}

  def start_link(id) do
    pid = spawn_link(fn -> receive(do: (:normal -> :ok; :bad -> exit(:bad))) end)
    send(:log, {:started, id})
    {:ok, pid}
  end
end

Process.register(self(), :log)
take = fn -> receive(do: (m -> m), after: (10_000 -> :missing)) end

{:ok, sup} =
  Supervisor.start_link(
    [
      Supervisor.child_spec({T, :t1}, restart: :transient),
      Supervisor.child_spec({T, :t2}, restart: :transient),
      Supervisor.child_spec({T, :t3}, restart: :temporary)
    ],
    strategy: :one_for_one
  )

IO.inspect(for _ <- 1..3, do: take.())
[{:t3, p3, _, _}, {:t2, p2, _, _}, {:t1, p1, _, _}] = Supervisor.which_children(sup)
ref1 = Process.monitor(p1)
ref3 = Process.monitor(p3)
send(p1, :normal)
send(p3, :bad)
receive do: ({:DOWN, ^ref1, _, _, r} -> IO.inspect(r))
receive do: ({:DOWN, ^ref3, _, _, r} -> IO.inspect(r))
send(p2, :bad)
IO.inspect(take.())
IO.inspect(Supervisor.which_children(sup) |> Enum.map(fn {id, p, _, _} -> {id, is_pid(p)} end))
IO.inspect(Supervisor.count_children(sup))
IO.inspect(Supervisor.restart_child(sup, :t1) |> elem(0))
IO.inspect(take.())
IO.inspect(Supervisor.restart_child(sup, :t1))
IO.inspect(Supervisor.restart_child(sup, :t3))
IO.inspect(Supervisor.terminate_child(sup, :t1))
IO.inspect(Supervisor.terminate_child(sup, :nope))
IO.inspect(Supervisor.delete_child(sup, :t2))
IO.inspect(Supervisor.terminate_child(sup, :t2))
IO.inspect(Supervisor.delete_child(sup, :t2))
IO.inspect(Supervisor.delete_child(sup, :t2))
IO.inspect(Supervisor.start_child(sup, {T, :t4}) |> elem(0))
IO.inspect(take.())
{:error, {:already_started, p4}} = Supervisor.start_child(sup, {T, :t4})
IO.inspect(is_pid(p4))
IO.inspect(Supervisor.which_children(sup) |> Enum.map(&elem(&1, 0)))
IO.inspect(Supervisor.count_children(sup))
:ok = Supervisor.terminate_child(sup, :t4)
IO.inspect(Supervisor.start_child(sup, {T, :t4}))

# expect: [started: :t1, started: :t2, started: :t3]
# expect: :normal
# expect: :bad
# expect: {:started, :t2}
# expect: [t2: true, t1: false]
# expect: %{active: 1, specs: 2, supervisors: 0, workers: 2}
# expect: :ok
# expect: {:started, :t1}
# expect: {:error, :running}
# expect: {:error, :not_found}
# expect: :ok
# expect: {:error, :not_found}
# expect: {:error, :running}
# expect: :ok
# expect: :ok
# expect: {:error, :not_found}
# expect: :ok
# expect: {:started, :t4}
# expect: true
# expect: [:t4, :t1]
# expect: %{active: 1, specs: 2, supervisors: 0, workers: 2}
# expect: {:error, :already_present}
