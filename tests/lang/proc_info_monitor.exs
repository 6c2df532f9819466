# Process.info of another process's :messages, Process.monitor of a
# registered name (its DOWN names {name, node}), Process.hibernate/3.
defmodule H do
  def woke(parent, tag) do
    receive do
      m -> send(parent, {tag, :got, m})
    end
  end
end

pid = spawn(fn -> receive do :never -> :ok end end)
send(pid, :a)
send(pid, {:b, [1, 2]})
send(pid, "c")
IO.inspect(Process.info(pid, :messages))
IO.inspect(Process.info(pid, [:message_queue_len, :messages, :trap_exit]))
IO.inspect(Process.info(pid, [:messages]))
IO.inspect(Process.info(self(), :messages))
send(self(), :mine)
IO.inspect(Process.info(self(), [:messages, :message_queue_len]))
receive do :mine -> :ok end
IO.inspect(Process.info(pid, :message_queue_len))
dref = Process.monitor(pid)
Process.exit(pid, :kill)
receive do
  {:DOWN, ^dref, :process, _, :killed} -> :ok
end
IO.inspect(Process.info(pid, :messages))
IO.inspect(Process.info(pid, [:messages]))

q = spawn(fn -> Process.sleep(:infinity) end)
Process.register(q, :reg_q)
ref = Process.monitor(:reg_q)
Process.exit(q, :boom)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
end
ref = Process.monitor(:nobody_here)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
end
r = spawn(fn -> Process.sleep(:infinity) end)
Process.register(r, :reg_r)
ref = :erlang.monitor(:process, {:reg_r, node()})
Process.exit(r, :bye)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
end
try do
  :erlang.monitor(:process, {:x, :other@host})
rescue
  e in ArgumentError -> IO.puts(Exception.message(e))
end
s = spawn(fn -> Process.sleep(:infinity) end)
Process.register(s, :reg_s)
ref = Process.monitor(:reg_s)
IO.inspect(Process.demonitor(ref, [:flush, :info]))
ref2 = Process.monitor(s)
Process.exit(s, :kill)
receive do
  {:DOWN, ^ref2, :process, who, reason} -> IO.inspect({who == s, reason})
end

parent = self()
h = spawn(fn -> Process.hibernate(H, :woke, [parent, :h]); IO.puts("never") end)
mref = Process.monitor(h)
IO.inspect(Process.alive?(h))
send(h, :wake)
receive do
  {:h, :got, m} -> IO.inspect(m)
end
receive do
  {:DOWN, ^mref, :process, _, reason} -> IO.inspect(reason)
end
# expect: {:messages, [:a, {:b, [1, 2]}, "c"]}
# expect: [message_queue_len: 3, messages: [:a, {:b, [1, 2]}, "c"], trap_exit: false]
# expect: [messages: [:a, {:b, [1, 2]}, "c"]]
# expect: {:messages, []}
# expect: [messages: [:mine], message_queue_len: 1]
# expect: {:message_queue_len, 3}
# expect: nil
# expect: nil
# expect: {{:reg_q, :nonode@nohost}, :boom}
# expect: {{:nobody_here, :nonode@nohost}, :noproc}
# expect: {{:reg_r, :nonode@nohost}, :bye}
# expect: errors were found at the given arguments:
# expect:
# expect:   * 2nd argument: not a pid
# expect:
# expect: true
# expect: {true, :killed}
# expect: true
# expect: :wake
# expect: :normal
