# Enum.map |> Enum.reduce over 1M elements: the library's list paths.
# The work sits in a module on both sides: elixir runs a script's top
# level (and the fns written there) through its evaluator, not its JIT.
defmodule BenchEnum do
  def run(n), do: 1..n |> Enum.map(fn x -> x * 2 end) |> Enum.reduce(0, fn x, acc -> x + acc end)
end

t0 = System.monotonic_time(:microsecond)
r = BenchEnum.run(1_000_000)
t1 = System.monotonic_time(:microsecond)
IO.puts("RESULT check=#{r}")
IO.puts("RESULT time_us=#{t1 - t0}")
