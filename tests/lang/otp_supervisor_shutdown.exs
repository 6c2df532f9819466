# Stopping a supervisor stops its children in reverse start order, each
# per its :shutdown: a timeout (the child that ignores :shutdown is killed
# when it runs out), :infinity, or :brutal_kill (killed at once).
defmodule C do
  def start_link(id, mode) do
    pid = spawn_link(fn -> init(id, mode) end)
    {:ok, pid}
  end

  defp init(id, mode) do
    Process.flag(:trap_exit, true)
    send(:log, {:up, id})
    loop(id, mode)
  end

  defp loop(id, mode) do
    receive do
      {:EXIT, _, :shutdown} ->
        send(:log, {:asked_to_stop, id})
        if mode == :stubborn, do: loop(id, mode), else: exit(:shutdown)
    end
  end
end

Process.register(self(), :log)
spec = fn id, mode, shutdown -> %{id: id, start: {C, :start_link, [id, mode]}, shutdown: shutdown} end

children = [
  spec.(:brutal, :polite, :brutal_kill),
  spec.(:stubborn, :stubborn, 200),
  spec.(:patient, :polite, :infinity),
  spec.(:polite, :polite, 5000)
]

{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
ups = for _ <- 1..4, do: receive(do: ({:up, id} -> id))
IO.inspect(Enum.sort(ups))

for {id, pid, _, _} <- Supervisor.which_children(sup), do: Process.monitor(pid) |> then(&Process.put(&1, id))

:ok = Supervisor.stop(sup)

events =
  for _ <- 1..7 do
    receive do
      {:asked_to_stop, id} -> {:asked, id}
      {:DOWN, ref, :process, _, reason} -> {:down, Process.get(ref), reason}
    after
      10_000 -> :missing
    end
  end

IO.inspect(events)

# expect: [:brutal, :patient, :polite, :stubborn]
# expect: [
# expect:   {:asked, :polite},
# expect:   {:down, :polite, :shutdown},
# expect:   {:asked, :patient},
# expect:   {:down, :patient, :shutdown},
# expect:   {:asked, :stubborn},
# expect:   {:down, :stubborn, :killed},
# expect:   {:down, :brutal, :killed}
# expect: ]
