# The ring: N processes in a circle pass one token round M times (N*M hops).
defmodule BenchRing do
  def node(next, parent) do
    receive do
      {:link, nxt} -> node(nxt, parent)
      0 -> send(parent, :done)
      k -> send(next, k - 1); node(next, parent)
    end
  end

  # Each new process forwards to the one spawned before it; the first one is
  # then linked to the last, closing the circle.
  def start(n, parent) do
    first = spawn(fn -> node(nil, parent) end)
    last = Enum.reduce(2..n, first, fn _, prev -> spawn(fn -> node(prev, parent) end) end)
    send(first, {:link, last})
    first
  end
end

n = 1000
m = 1000
first = BenchRing.start(n, self())
t0 = System.monotonic_time(:microsecond)
send(first, n * m)
receive do: (:done -> :ok)
t1 = System.monotonic_time(:microsecond)
IO.puts("RESULT check=#{n}x#{m}")
IO.puts("RESULT hops_per_s=#{div(n * m * 1_000_000, max(t1 - t0, 1))}")
IO.puts("RESULT time_us=#{t1 - t0}")
