# How a child's start function failing is reported. Supervisor calls it
# under Erlang's catch: an exit comes back as {:EXIT, reason}, an error as
# {:EXIT, {error, stacktrace}}, a throw as if returned; start_child adds
# OTP's child record. DynamicSupervisor gives Elixir's plain shapes.
defmodule Starter do
  def quits, do: exit(:went_away)
  def tosses, do: throw(:caught_value)
  def odd, do: {:strange, 1}
  def fails, do: raise(ArgumentError, "cannot start")
end

{:ok, sup} = Supervisor.start_link([], strategy: :one_for_one)
{:error, {r, rec}} = Supervisor.start_child(sup, %{id: :q, start: {Starter, :quits, []}})
IO.inspect(r)
IO.inspect(rec)
{:error, {r, _}} = Supervisor.start_child(sup, %{id: :t, start: {Starter, :tosses, []}})
IO.inspect(r)
{:error, {r, _}} = Supervisor.start_child(sup, %{id: :o, start: {Starter, :odd, []}, restart: :temporary})
IO.inspect(r)
{:error, {{:EXIT, {e, [_ | _]}}, _}} = Supervisor.start_child(sup, %{id: :f, start: {Starter, :fails, []}})
IO.inspect(e)
IO.inspect(Supervisor.count_children(sup).specs)

{:ok, ds} = DynamicSupervisor.start_link(strategy: :one_for_one)
IO.inspect(DynamicSupervisor.start_child(ds, %{id: :q, start: {Starter, :quits, []}}))
{:error, {{:nocatch, v}, [_ | _]}} = DynamicSupervisor.start_child(ds, %{id: :t, start: {Starter, :tosses, []}})
IO.inspect(v)
{:error, {e, [_ | _]}} = DynamicSupervisor.start_child(ds, %{id: :f, start: {Starter, :fails, []}})
IO.inspect(e)

Process.flag(:trap_exit, true)
IO.inspect(Supervisor.start_link([%{id: :first, start: {Starter, :quits, []}}], strategy: :one_for_one))
# expect: {:EXIT, :went_away}
# expect: {:child, :undefined, :q, {Starter, :quits, []}, :permanent, false, 5000,
# expect:  :worker, [Starter]}
# expect: :caught_value
# expect: {:strange, 1}
# expect: %ArgumentError{message: "cannot start"}
# expect: 0
# expect: {:error, :went_away}
# expect: :caught_value
# expect: %ArgumentError{message: "cannot start"}
# expect: {:error, {:shutdown, {:failed_to_start_child, :first, {:EXIT, :went_away}}}}
