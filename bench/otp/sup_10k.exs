# A supervisor with N (10k) worker children: start and shutdown time.
defmodule BenchWorker do
  use GenServer
  def start_link(i), do: GenServer.start_link(__MODULE__, i)
  def init(i), do: {:ok, i}
end

n = String.to_integer(System.get_env("BENCH_CHILDREN") || "10000")
children = for i <- 1..n, do: %{id: i, start: {BenchWorker, :start_link, [i]}}
Process.flag(:trap_exit, true)
t0 = System.monotonic_time(:microsecond)
{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
t1 = System.monotonic_time(:microsecond)
count = Supervisor.count_children(sup).active
t2 = System.monotonic_time(:microsecond)
:ok = Supervisor.stop(sup)
t3 = System.monotonic_time(:microsecond)
IO.puts("RESULT start_ms=#{div(t1 - t0, 1000)}")
IO.puts("RESULT shutdown_ms=#{div(t3 - t2, 1000)}")
IO.puts("RESULT check=#{count}")
