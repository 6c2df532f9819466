# A tail-recursive loop of 10M iterations: the interpreter's dispatch speed.
defmodule BenchLoop do
  def loop(0, acc), do: acc
  def loop(n, acc), do: loop(n - 1, acc + 1)
end

t0 = System.monotonic_time(:microsecond)
r = BenchLoop.loop(10_000_000, 0)
t1 = System.monotonic_time(:microsecond)
IO.puts("RESULT check=#{r}")
IO.puts("RESULT time_us=#{t1 - t0}")
