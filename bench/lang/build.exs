# Building a 1M-element list and a 100k-key map: allocation and GC.
defmodule BenchBuild do
  def list(0, acc), do: acc
  def list(n, acc), do: list(n - 1, [n | acc])

  def map(0, acc), do: acc
  def map(n, acc), do: map(n - 1, Map.put(acc, n, n))
end

t0 = System.monotonic_time(:microsecond)
l = BenchBuild.list(1_000_000, [])
t1 = System.monotonic_time(:microsecond)
m = BenchBuild.map(100_000, %{})
t2 = System.monotonic_time(:microsecond)
IO.puts("RESULT check=#{length(l)}+#{map_size(m)}")
IO.puts("RESULT list_us=#{t1 - t0}")
IO.puts("RESULT map_us=#{t2 - t1}")
IO.puts("RESULT time_us=#{t2 - t0}")
