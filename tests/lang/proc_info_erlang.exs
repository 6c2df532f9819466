# :erlang.process_info/1,2 of another process asks it for its messages and
# dictionary as Process.info/2 does; Process.info/1 of another process has
# every key Elixir 1.14 gives (values that hold pids are not printed).
parent = self()
other = spawn(fn -> Process.put(:a, 1); send(parent, :ready); receive do :stop -> :ok end end)
receive do :ready -> :ok end
IO.inspect Keyword.keys(Process.info(other))
IO.inspect Keyword.keys(Process.info(self()))
IO.inspect Keyword.keys(:erlang.process_info(other))
IO.inspect Keyword.keys(:erlang.process_info(self()))
Process.register(other, :named)
IO.inspect Keyword.keys(Process.info(other))
send(other, :hello)
send(other, {:x, 1})
IO.inspect :erlang.process_info(other, :messages)
IO.inspect :erlang.process_info(other, [:messages, :message_queue_len, :dictionary])
IO.inspect :erlang.process_info(other, :dictionary)
IO.inspect :erlang.process_info(other, :registered_name)
IO.inspect :erlang.process_info(self(), :registered_name)
IO.inspect Process.info(self(), :registered_name)
IO.inspect :erlang.process_info(self(), [:registered_name])
IO.inspect Process.info(other)[:dictionary]
IO.inspect Process.info(other)[:messages]
IO.inspect Process.info(other)[:message_queue_len]
IO.inspect Process.info(other)[:registered_name]
IO.inspect Process.info(other, [:initial_call, :error_handler, :suspending, :message_queue_len])
IO.inspect :erlang.process_info(other, :initial_call)
{:garbage_collection, gc} = Process.info(other, :garbage_collection)
IO.inspect {Keyword.keys(gc), gc[:max_heap_size], gc[:min_heap_size], gc[:fullsweep_after]}
IO.inspect is_integer(elem(Process.info(other, :stack_size), 1))
defmodule W do
  def loop, do: receive(do: (:stop -> :ok))
end
o2 = spawn(&W.loop/0)
send(o2, :stop_not)
IO.inspect :erlang.process_info(o2, :messages)
{dead, ref} = spawn_monitor(fn -> :ok end)
receive do {:DOWN, ^ref, _, _, _} -> :ok end
IO.inspect {Process.info(dead), :erlang.process_info(dead), :erlang.process_info(dead, :messages), Process.info(dead, :messages)}
IO.inspect(try do :erlang.process_info(self(), :bogus) rescue e -> e.__struct__ end)
IO.inspect(try do :erlang.process_info(:x, :messages) rescue e -> e.__struct__ end)
IO.inspect(try do :erlang.process_info(:x) rescue e -> e.__struct__ end)
IO.inspect(try do Process.info(:x) rescue e -> e.__struct__ end)

# expect: [:current_function, :initial_call, :status, :message_queue_len, :links,
# expect:  :dictionary, :trap_exit, :error_handler, :priority, :group_leader,
# expect:  :total_heap_size, :heap_size, :stack_size, :reductions, :garbage_collection,
# expect:  :suspending]
# expect: [:current_function, :initial_call, :status, :message_queue_len, :links,
# expect:  :dictionary, :trap_exit, :error_handler, :priority, :group_leader,
# expect:  :total_heap_size, :heap_size, :stack_size, :reductions, :garbage_collection,
# expect:  :suspending]
# expect: [:current_function, :initial_call, :status, :message_queue_len, :links,
# expect:  :dictionary, :trap_exit, :error_handler, :priority, :group_leader,
# expect:  :total_heap_size, :heap_size, :stack_size, :reductions, :garbage_collection,
# expect:  :suspending]
# expect: [:current_function, :initial_call, :status, :message_queue_len, :links,
# expect:  :dictionary, :trap_exit, :error_handler, :priority, :group_leader,
# expect:  :total_heap_size, :heap_size, :stack_size, :reductions, :garbage_collection,
# expect:  :suspending]
# expect: [:registered_name, :current_function, :initial_call, :status,
# expect:  :message_queue_len, :links, :dictionary, :trap_exit, :error_handler, :priority,
# expect:  :group_leader, :total_heap_size, :heap_size, :stack_size, :reductions,
# expect:  :garbage_collection, :suspending]
# expect: {:messages, [:hello, {:x, 1}]}
# expect: [messages: [:hello, {:x, 1}], message_queue_len: 2, dictionary: [a: 1]]
# expect: {:dictionary, [a: 1]}
# expect: {:registered_name, :named}
# expect: []
# expect: {:registered_name, []}
# expect: [registered_name: []]
# expect: [a: 1]
# expect: nil
# expect: 2
# expect: :named
# expect: [
# expect:   initial_call: {:erlang, :apply, 2},
# expect:   error_handler: :error_handler,
# expect:   suspending: [],
# expect:   message_queue_len: 2
# expect: ]
# expect: {:initial_call, {:erlang, :apply, 2}}
# expect: {[:max_heap_size, :min_bin_vheap_size, :min_heap_size, :fullsweep_after,
# expect:   :minor_gcs], %{error_logger: true, kill: true, size: 0}, 233, 65535}
# expect: true
# expect: {:messages, [:stop_not]}
# expect: {nil, :undefined, :undefined, nil}
# expect: ArgumentError
# expect: ArgumentError
# expect: ArgumentError
# expect: ArgumentError
