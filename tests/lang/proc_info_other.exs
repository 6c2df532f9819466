# Process.info of another process: the items only it may read (queue,
# dictionary, monitors held on it) are asked of it.
parent = self()
pid = spawn(fn -> Process.put(:k, 1); send(parent, :ready); receive do :stop -> :ok end end)
receive do :ready -> :ok end
Process.register(pid, :worker_x)
ref = Process.monitor(pid)
Process.link(pid)
show = fn key ->
  v = try do Process.info(pid, key) rescue e -> {:raised, e.__struct__} end
  shape = case v do
    {k, l} when is_list(l) -> {k, Enum.map(l, fn p when is_pid(p) -> :pid; {a, p} when is_pid(p) -> {a, :pid}; x -> x end)}
    {k, p} when is_pid(p) -> {k, :pid}
    other -> other
  end
  IO.inspect(shape)
end
for k <- [:registered_name, :message_queue_len, :messages, :links, :monitors, :monitored_by, :trap_exit, :status, :dictionary, :priority, :bogus] do
  show.(k)
end
IO.inspect(Process.info(pid, [:registered_name, :trap_exit, :messages]))
IO.inspect(Process.info(self(), :monitors) |> elem(1) |> length)
IO.inspect(Process.info(pid, [:monitored_by, :dictionary, :links]) |> Enum.map(&elem(&1, 0)))
IO.inspect(Process.info(self(), [:registered_name]))
IO.inspect(Process.info(pid, []))
send(pid, :stop)
receive do {:DOWN, ^ref, :process, _, r} -> IO.inspect(r) end
IO.inspect(Process.info(pid, :messages))
IO.inspect(Process.info(pid, [:messages]))
IO.inspect(Process.info(pid))
# expect: {:registered_name, :worker_x}
# expect: {:message_queue_len, 0}
# expect: {:messages, []}
# expect: {:links, [:pid]}
# expect: {:monitors, []}
# expect: {:monitored_by, [:pid]}
# expect: {:trap_exit, false}
# expect: {:status, :waiting}
# expect: {:dictionary, [k: 1]}
# expect: {:priority, :normal}
# expect: {:raised, ArgumentError}
# expect: [registered_name: :worker_x, trap_exit: false, messages: []]
# expect: 1
# expect: [:monitored_by, :dictionary, :links]
# expect: [registered_name: []]
# expect: []
# expect: :normal
# expect: nil
# expect: nil
# expect: nil
