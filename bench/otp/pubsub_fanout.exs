# PubSub fan-out: a broadcast to N (10k) subscribers of one topic, through a
# duplicate-key Registry's dispatch (what mote's PubSub.broadcast is; real
# Elixir has no PubSub module, so both sides run the same Registry code).
n = String.to_integer(System.get_env("BENCH_SUBSCRIBERS") || "10000")
rounds = 20
{:ok, _} = Registry.start_link(keys: :duplicate, name: BenchTopics)
parent = self()
subscriber = fn ->
  Registry.register(BenchTopics, "topic", nil)
  send(parent, :ready)
  loop = fn loop, left ->
    if left == 0 do
      send(parent, :done)
    else
      receive do
        {:msg, _} -> loop.(loop, left - 1)
      end
    end
  end
  loop.(loop, rounds)
end
t0 = System.monotonic_time(:microsecond)
for _ <- 1..n, do: spawn(subscriber)
Enum.each(1..n, fn _ -> receive do: (:ready -> :ok) end)
t1 = System.monotonic_time(:microsecond)
for r <- 1..rounds do
  Registry.dispatch(BenchTopics, "topic", fn entries ->
    Enum.each(entries, fn {pid, _} -> send(pid, {:msg, r}) end)
  end)
end
Enum.each(1..n, fn _ -> receive do: (:done -> :ok) end)
t2 = System.monotonic_time(:microsecond)
IO.puts("RESULT subscribe_ms=#{div(t1 - t0, 1000)}")
IO.puts("RESULT deliveries_per_s=#{div(n * rounds * 1_000_000, max(t2 - t1, 1))}")
IO.puts("RESULT broadcast_us=#{div(t2 - t1, rounds)}")
IO.puts("RESULT check=#{n * rounds}")
