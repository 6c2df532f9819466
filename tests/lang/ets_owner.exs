# A table dies with its owner; a public table takes writes from anyone.
parent = self()
owner = spawn(fn ->
  t = :ets.new(:owned, [:named_table, :public])
  :ets.insert(t, {:k, 1})
  send(parent, :made)
  receive do: (:stop -> :ok)
end)
receive do: (:made -> :ok)
IO.inspect(:ets.lookup(:owned, :k))
IO.inspect(:ets.insert(:owned, {:j, 2}))
IO.inspect(:ets.info(:owned, :owner) == owner)
ref = Process.monitor(owner)
send(owner, :stop)
receive do: ({:DOWN, ^ref, _, _, _} -> :ok)
IO.inspect(:ets.info(:owned, :size))
IO.inspect(:ets.whereis(:owned))
# Protected tables refuse writes from others but allow reads.
prot = :ets.new(:prot, [])
:ets.insert(prot, {:a, 1})
task = spawn(fn ->
  r1 = :ets.lookup(prot, :a)
  r2 = try do
    :ets.insert(prot, {:b, 2})
  rescue
    e -> Exception.message(e)
  end
  send(parent, {r1, r2})
end)
receive do: ({r1, r2} -> IO.inspect(r1); IO.puts(r2))
_ = task
# Many writers on one public table.
pub = :ets.new(:pub, [:public])
pids = for i <- 1..8 do
  spawn(fn ->
    for j <- 1..500, do: :ets.insert(pub, {{i, j}, j})
    for _ <- 1..500, do: :ets.update_counter(pub, :total, 1, {:total, 0})
    send(parent, :done)
  end)
end
Enum.each(pids, fn _ -> receive do: (:done -> :ok) end)
IO.inspect(:ets.info(pub, :size))
IO.inspect(:ets.lookup(pub, :total))
IO.inspect(:ets.select_count(pub, [{{{:"$1", :_}, :_}, [{:==, :"$1", 3}], [true]}]))
IO.inspect(:ets.select_delete(pub, [{{{:_, :"$1"}, :_}, [{:>, :"$1", 250}], [true]}]))
IO.inspect(:ets.info(pub, :size))
# Binaries large and small survive copies in and out.
big = String.duplicate("x", 10_000)
:ets.insert(pub, {:big, big, "small"})
[{:big, b2, s2}] = :ets.lookup(pub, :big)
IO.inspect({byte_size(b2), s2, b2 == big})
:ets.delete(pub)
IO.inspect(:ets.info(pub, :size))
# expect: [k: 1]
# expect: true
# expect: true
# expect: :undefined
# expect: :undefined
# expect: [a: 1]
# expect: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: the table identifier refers to an ETS table with insufficient access rights
# expect:
# expect: 4001
# expect: [total: 4000]
# expect: 500
# expect: 2000
# expect: 2001
# expect: {10000, "small", true}
# expect: :undefined
