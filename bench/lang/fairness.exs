# Fairness: one busy-looping process per scheduler, and a ping-pong pair
# that must still answer promptly. Prints the round trip's p99 (and worst)
# in microseconds; the aim is p99 under 10 ms.
defmodule BenchFair do
  def spin(n), do: spin(n + 1)

  def echo do
    receive do
      {:ping, from} -> send(from, :pong); echo()
      :stop -> :ok
    end
  end

  def rounds(_echo, 0, acc), do: acc

  def rounds(echo, k, acc) do
    t0 = System.monotonic_time(:microsecond)
    send(echo, {:ping, self()})
    receive do: (:pong -> :ok)
    t1 = System.monotonic_time(:microsecond)
    rounds(echo, k - 1, [t1 - t0 | acc])
  end
end

s = System.schedulers_online()
busy = Enum.map(1..s, fn _ -> spawn(fn -> BenchFair.spin(0) end) end)
echo = spawn(fn -> BenchFair.echo() end)
n = 2000
t0 = System.monotonic_time(:microsecond)
lat = Enum.sort(BenchFair.rounds(echo, n, []))
t1 = System.monotonic_time(:microsecond)
Enum.each(busy, fn pid -> Process.exit(pid, :kill) end)
send(echo, :stop)
p99 = Enum.at(lat, div(n * 99, 100))
IO.puts("RESULT check=#{s}")
IO.puts("RESULT p99_us=#{p99}")
IO.puts("RESULT max_us=#{List.last(lat)}")
IO.puts("RESULT p99_under_10ms=#{p99 < 10_000}")
IO.puts("RESULT time_us=#{t1 - t0}")
