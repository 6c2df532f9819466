# A child that fails to start during a restart counts as another restart
# and, with :one_for_all / :rest_for_one, the children already restarted
# are stopped again before the next attempt (OTP's order of events).
defmodule Cnt do
  def next(id), do: Agent.get_and_update(:cnt, fn m -> n = Map.get(m, id, 0); {n, Map.put(m, id, n + 1)} end)
end
defmodule Ch do
  def start_link(id, fail_on) do
    n = Cnt.next(id)
    send(:log, {:start, id, n})
    if n in fail_on do
      {:error, {:refused, id, n}}
    else
      me = self()
      pid = spawn_link(fn ->
        Process.flag(:trap_exit, true)
        send(me, :ready)
        receive do
          :die -> exit(:died)
          {:EXIT, _, r} -> send(:log, {:stop, id, r}); exit(r)
        end
      end)
      receive do: (:ready -> :ok)
      Process.register(pid, id)
      {:ok, pid}
    end
  end
end
Process.register(self(), :log)
Agent.start_link(fn -> %{} end, name: :cnt)
Process.flag(:trap_exit, true)
for strategy <- [:one_for_all, :rest_for_one, :one_for_one] do
  Agent.update(:cnt, fn _ -> %{} end)
  specs = [%{id: :a, start: {Ch, :start_link, [:a, []]}}, %{id: :b, start: {Ch, :start_link, [:b, [1]]}}, %{id: :c, start: {Ch, :start_link, [:c, []]}}]
  {:ok, sup} = Supervisor.start_link(specs, strategy: strategy, max_restarts: 5)
  old_b = Process.whereis(:b)
  send(old_b, :die)

  settled = fn settled ->
    kids = Supervisor.which_children(sup)
    done = Enum.all?(kids, fn {_, p, _, _} -> is_pid(p) end) and List.keyfind(kids, :b, 0) |> elem(1) != old_b
    unless done, do: settled.(settled)
  end

  settled.(settled)
  log = (fn f, acc -> receive do {:start, _, _} = m -> f.(f, [m | acc]); {:stop, _, _} = m -> f.(f, [m | acc]) after 0 -> Enum.reverse(acc) end end)
  IO.inspect {strategy, log.(log, [])}, limit: :infinity
  IO.inspect Supervisor.which_children(sup) |> Enum.map(fn {id, p, _, _} -> {id, is_pid(p)} end)
  Supervisor.stop(sup)
  log.(log, [])
end

# expect: {:one_for_all,
# expect:  [
# expect:    {:start, :a, 0},
# expect:    {:start, :b, 0},
# expect:    {:start, :c, 0},
# expect:    {:stop, :c, :shutdown},
# expect:    {:stop, :a, :shutdown},
# expect:    {:start, :a, 1},
# expect:    {:start, :b, 1},
# expect:    {:stop, :a, :shutdown},
# expect:    {:start, :a, 2},
# expect:    {:start, :b, 2},
# expect:    {:start, :c, 1}
# expect:  ]}
# expect: [c: true, b: true, a: true]
# expect: {:rest_for_one,
# expect:  [
# expect:    {:start, :a, 0},
# expect:    {:start, :b, 0},
# expect:    {:start, :c, 0},
# expect:    {:stop, :c, :shutdown},
# expect:    {:start, :b, 1},
# expect:    {:start, :b, 2},
# expect:    {:start, :c, 1}
# expect:  ]}
# expect: [c: true, b: true, a: true]
# expect: {:one_for_one,
# expect:  [
# expect:    {:start, :a, 0},
# expect:    {:start, :b, 0},
# expect:    {:start, :c, 0},
# expect:    {:start, :b, 1},
# expect:    {:start, :b, 2}
# expect:  ]}
# expect: [c: true, b: true, a: true]
