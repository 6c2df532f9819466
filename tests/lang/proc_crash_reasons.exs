# The logger reports elixir prints for each crash (timestamped) are left out.
# What a trapping parent sees in {:EXIT, pid, {reason, stack}} when a
# linked child crashes: the Erlang term for errors the runtime raises,
# the exception struct for raise.
defmodule Crash do
  def one(1), do: :one

  def watch(fun) do
    pid = spawn_link(fun)

    receive do
      {:EXIT, ^pid, {reason, stack}} when is_list(stack) -> reason
    end
  end

  def run do
    Process.flag(:trap_exit, true)
    IO.inspect(watch(fn -> 10 / Enum.count([]) end))
    IO.inspect(watch(fn -> Map.fetch!(%{a: 1}, :b) end))
    IO.inspect(watch(fn -> {:ok, _} = {:error, Enum.count([1, 2])} end))
    IO.inspect(watch(fn -> case Enum.count([1]) do 2 -> :two end end))
    IO.inspect(watch(fn -> one(Enum.count([1, 2])) end))
    IO.inspect(watch(fn -> apply(Crash, :missing, []) end))
    IO.inspect(watch(fn -> raise "plain" end))
    IO.inspect(watch(fn -> raise ArgumentError, "mine" end))
    IO.inspect(watch(fn -> throw(:ball) end))
  end
end

Crash.run()
# expect: :badarith
# expect: {:badkey, :b}
# expect: {:badmatch, {:error, 2}}
# expect: {:case_clause, 1}
# expect: :function_clause
# expect: :undef
# expect: %RuntimeError{message: "plain"}
# expect: %ArgumentError{message: "mine"}
# expect: {:nocatch, :ball}
