# spawn, send, receive with after, links and monitors.
parent = self()
pid = spawn(fn ->
  receive do
    {:ping, from} -> send(from, {:pong, self()})
  end
end)
send(pid, {:ping, parent})
receive do
  {:pong, ^pid} -> IO.puts("pong")
end
receive do
  :nothing -> :never
after
  10 -> IO.puts("timed out")
end
{pid2, ref} = spawn_monitor(fn -> exit(:bye) end)
receive do
  {:DOWN, ^ref, :process, ^pid2, reason} -> IO.inspect(reason)
end
Process.flag(:trap_exit, true)
p3 = spawn_link(fn -> raise "linked crash" end)
receive do
  {:EXIT, ^p3, {%RuntimeError{message: m}, _}} -> IO.puts("exit: " <> m)
end
# selective receive leaves other messages queued
send(self(), :first)
send(self(), :second)
receive do
  :second -> IO.puts("second")
end
receive do
  :first -> IO.puts("first")
end
# many processes
me = self()
for i <- 1..1000, do: spawn(fn -> send(me, i) end)
total = Enum.reduce(1..1000, 0, fn _, acc -> receive do n -> acc + n end end)
IO.inspect(total)
Process.register(self(), :main_proc)
send(:main_proc, :named)
receive do
  :named -> IO.puts("named")
end
Process.sleep(5)
IO.inspect(Process.alive?(self()))
# expect: pong
# expect: timed out
# expect: :bye
# expect: exit: linked crash
# expect: second
# expect: first
# expect: 500500
# expect: named
# expect: true

# A message already sent is seen by a receive with `after 0`.
send(self(), :already_here)
receive do
  m -> IO.inspect(m)
after
  0 -> IO.puts("none")
end
# expect: :already_here
receive do
  m -> IO.inspect(m)
after
  0 -> IO.puts("none")
end
# expect: none
