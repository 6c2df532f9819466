# Naive doubly-recursive fib(30): 1.6M calls, function-call speed.
defmodule BenchFib do
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)
end

t0 = System.monotonic_time(:microsecond)
r = BenchFib.fib(30)
t1 = System.monotonic_time(:microsecond)
IO.puts("RESULT check=#{r}")
IO.puts("RESULT time_us=#{t1 - t0}")
