# Registered-name errors, sends and monitors by name, spawn options,
# timers and the caller's own mailbox in Process.info.
defmodule Names do
  def run do
    holder = spawn(fn -> receive do: (:stop -> :ok) end)
    Process.register(holder, :holder)

    try do
      Process.register(self(), :holder)
    rescue
      e in ArgumentError -> IO.puts(String.ends_with?(e.message, "given another name"))
    end

    try do
      Process.register(self(), nil)
    rescue
      e -> IO.inspect(e.__struct__)
    end

    try do
      Process.unregister(:nobody_here)
    rescue
      e -> IO.puts(Exception.message(e))
    end

    IO.inspect(:holder in Process.registered())
    IO.inspect(send({:nobody_here, node()}, :dropped))
    ref = Process.monitor(:nobody_here)

    receive do
      {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason})
    end

    {pid, mref} = Process.spawn(fn -> exit(:opted) end, [:monitor])

    receive do
      {:DOWN, ^mref, :process, ^pid, reason} -> IO.inspect(reason)
    end

    t = Process.send_after(self(), :late, 60_000)
    left = Process.read_timer(t)
    IO.inspect(left > 50_000)
    IO.inspect(Process.cancel_timer(t, info: false))
    :erlang.send_after(5, self(), :erl_order)

    receive do
      :erl_order -> IO.puts("erlang argument order")
    end

    send(self(), :one)
    send(self(), {:two, 2})
    IO.inspect(Process.info(self(), :messages))
    IO.inspect(node(self()) == node())
  end
end

Names.run()
# expect: true
# expect: FunctionClauseError
# expect: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not a pid
# expect:
# expect: true
# expect: :dropped
# expect: {{:nobody_here, :nonode@nohost}, :noproc}
# expect: :opted
# expect: true
# expect: :ok
# expect: erlang argument order
# expect: {:messages, [:one, {:two, 2}]}
# expect: true
