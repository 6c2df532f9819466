# The logger reports elixir prints for the crashes (timestamped) are left out.
# catch binds the Erlang error term (rescue gets the exception struct), so
# the exit reasons of GenServer, Task and Agent crashes are OTP's too.
defmodule Calc do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call({:div, k}, _from, n), do: {:reply, div(k, n), n}
end

defmodule CatchTerms do
  def caught(fun) do
    try do
      fun.()
    catch
      :error, reason -> reason
    end
  end

  def run do
    zero = Enum.count([])
    IO.inspect(caught(fn -> 5 / zero end))
    IO.inspect(caught(fn -> Map.fetch!(%{x: 1}, :y) end))
    IO.inspect(caught(fn -> {:ok, _} = {:error, zero} end))
    IO.inspect(caught(fn -> apply(NoSuchModule, :f, []) end))
    IO.inspect(caught(fn -> raise "still a struct" end))

    r =
      try do
        5 / zero
      rescue
        e -> e
      end

    IO.inspect(r)

    {:ok, calc} = GenServer.start(Calc, zero)

    case catch_exit(fn -> GenServer.call(calc, {:div, 1}) end) do
      {{:badarith, st}, {GenServer, :call, _}} when is_list(st) -> IO.puts("call: badarith")
      other -> IO.inspect(other)
    end

    Process.flag(:trap_exit, true)
    task = Task.async(fn -> Map.fetch!(%{}, :missing) end)

    case Task.yield(task, 1000) do
      {:exit, {{:badkey, key}, _}} -> IO.inspect({:task_exit, key})
      other -> IO.inspect(other)
    end

    {:ok, agent} = Agent.start(fn -> 1 end)

    case catch_exit(fn -> Agent.get(agent, fn s -> s + zero + :a end) end) do
      {{reason, _}, _} -> IO.inspect({:agent, reason})
    end
  end

  defp catch_exit(fun) do
    try do
      fun.()
    catch
      :exit, reason -> reason
    end
  end
end

CatchTerms.run()
# expect: :badarith
# expect: {:badkey, :y}
# expect: {:badmatch, {:error, 0}}
# expect: :undef
# expect: %RuntimeError{message: "still a struct"}
# expect: %ArithmeticError{message: "bad argument in arithmetic expression"}
# expect: call: badarith
# expect: {:task_exit, :missing}
# expect: {:agent, :badarith}
