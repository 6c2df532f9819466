# Spawning N language processes that block in receive: spawn speed and
# bytes per process (the runtime's own count, :erlang.memory(:total)).
n = String.to_integer(System.get_env("BENCH_SPAWN_N") || "1000000")
parent = self()
m0 = :erlang.memory(:total)
t0 = System.monotonic_time(:microsecond)

pids =
  Enum.map(1..n, fn _ ->
    spawn(fn ->
      receive do
        :stop -> send(parent, :done)
      end
    end)
  end)

t1 = System.monotonic_time(:microsecond)
m1 = :erlang.memory(:total)
Enum.each(pids, fn pid -> send(pid, :stop) end)

wait = fn
  0, _ -> :ok
  k, f -> receive do: (:done -> f.(k - 1, f))
end

wait.(n, wait)
t2 = System.monotonic_time(:microsecond)
IO.puts("RESULT check=#{n}")
IO.puts("RESULT spawn_us=#{t1 - t0}")
IO.puts("RESULT bytes_per_proc=#{div(m1 - m0, n)}")
IO.puts("RESULT teardown_us=#{t2 - t1}")
IO.puts("RESULT time_us=#{t2 - t0}")
