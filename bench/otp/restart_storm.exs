# Restart storm: children that crash as soon as they start, under a
# one_for_one supervisor whose intensity allows it; restarts per second
# until M restarts have happened.
defmodule BenchCrasher do
  def start_link(parent) do
    pid = spawn_link(fn ->
      send(parent, :started)
      exit(:crash)
    end)
    {:ok, pid}
  end
end

m = String.to_integer(System.get_env("BENCH_RESTARTS") || "20000")
k = 10
parent = self()
children = for i <- 1..k, do: %{id: i, start: {BenchCrasher, :start_link, [parent]}}
Process.flag(:trap_exit, true)
t0 = System.monotonic_time(:microsecond)
{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one, max_restarts: 10_000_000, max_seconds: 1)
Enum.each(1..(m + k), fn _ -> receive do: (:started -> :ok) end)
t1 = System.monotonic_time(:microsecond)
Supervisor.stop(sup)
IO.puts("RESULT restarts_per_s=#{div(m * 1_000_000, max(t1 - t0, 1))}")
IO.puts("RESULT check=#{m}")
