# GenServer.call round trips: one client calls one server N times.
defmodule BenchEcho do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:ping, _from, n), do: {:reply, n, n + 1}
end

n = String.to_integer(System.get_env("BENCH_CALLS") || "200000")
{:ok, pid} = GenServer.start_link(BenchEcho, 0)
for _ <- 1..1000, do: GenServer.call(pid, :ping)
t0 = System.monotonic_time(:microsecond)
last = Enum.reduce(1..n, 0, fn _, _ -> GenServer.call(pid, :ping) end)
t1 = System.monotonic_time(:microsecond)
IO.puts("RESULT calls_per_s=#{div(n * 1_000_000, max(t1 - t0, 1))}")
IO.puts("RESULT check=#{last}")
