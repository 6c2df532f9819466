# Enum.map |> Enum.reduce over 1M elements: the library's list paths.
t0 = System.monotonic_time(:microsecond)
r = 1..1_000_000 |> Enum.map(fn x -> x * 2 end) |> Enum.reduce(0, fn x, acc -> x + acc end)
t1 = System.monotonic_time(:microsecond)
IO.puts("RESULT check=#{r}")
IO.puts("RESULT time_us=#{t1 - t0}")
