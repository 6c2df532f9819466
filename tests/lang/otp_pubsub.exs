# PubSub (mote's own module): subscribe, broadcast, broadcast_from,
# unsubscribe, cleanup of dead subscribers, 10k subscribers.
{:ok, _} = PubSub.start_link(name: :news)
parent = self()
:ok = PubSub.subscribe(:news, "sports")
IO.inspect(PubSub.broadcast(:news, "sports", :goal))
receive do: (m -> IO.inspect(m))
IO.inspect(PubSub.broadcast_from(:news, self(), "sports", :own))
receive do
  m -> IO.inspect({:unexpected, m})
after
  50 -> IO.puts("broadcast_from skipped the sender")
end
IO.inspect(PubSub.broadcast(:news, "nobody", :lost))
:ok = PubSub.unsubscribe(:news, "sports")
IO.inspect(PubSub.subscribers(:news, "sports"))

# Subscribers that exit are unsubscribed by the registry (a smaller set:
# the registry removes each one with a scan of the topic, as Elixir's does).
few = for _ <- 1..200 do
  spawn(fn ->
    :ok = PubSub.subscribe(:news, "few")
    send(parent, :subscribed)
    receive do: (:stop -> :ok)
  end)
end
Enum.each(few, fn _ -> receive do: (:subscribed -> :ok) end)
IO.inspect(length(PubSub.subscribers(:news, "few")))
Enum.each(few, &send(&1, :stop))
wait = fn wait, k ->
  left = length(PubSub.subscribers(:news, "few"))
  if left == 0 or k == 0, do: left, else: (Process.sleep(10); wait.(wait, k - 1))
end
IO.inspect(wait.(wait, 1500))

# Fan-out to 10k subscribers.
n = 10_000
subs = for i <- 1..n do
  spawn(fn ->
    :ok = PubSub.subscribe(:news, "all")
    if rem(i, 2) == 0, do: PubSub.subscribe(:news, "even")
    send(parent, :subscribed)
    receive do
      {:msg, x} -> send(parent, {:ack, x})
    end
    receive do: (:stop -> :ok)
  end)
end
Enum.each(subs, fn _ -> receive do: (:subscribed -> :ok) end)
IO.inspect(length(PubSub.subscribers(:news, "all")))
IO.inspect(length(PubSub.subscribers(:news, "even")))
:ok = PubSub.broadcast(:news, "all", {:msg, 1})
acks = Enum.reduce(1..n, 0, fn _, acc -> receive do: ({:ack, 1} -> acc + 1) end)
IO.inspect(acks)
# expect: :ok
# expect: :goal
# expect: :ok
# expect: broadcast_from skipped the sender
# expect: :ok
# expect: []
# expect: 200
# expect: 0
# expect: 10000
# expect: 5000
# expect: 10000
