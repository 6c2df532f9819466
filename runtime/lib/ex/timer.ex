# :timer — the parts of Erlang's timer module programs use for timing and
# waiting: tc/1,2,3 (microseconds and the result), sleep/1 and the unit
# conversions. The timer-server functions (apply_after, send_interval)
# are not here; Process.send_after/3 covers the common case.
defmodule :timer do
  def tc(fun) when is_function(fun, 0), do: time(fn -> fun.() end)
  def tc(fun, args) when is_function(fun) and is_list(args), do: time(fn -> apply(fun, args) end)
  def tc(m, f, args) when is_atom(m) and is_atom(f) and is_list(args), do: time(fn -> apply(m, f, args) end)

  defp time(run) do
    t0 = :erlang.monotonic_time(:microsecond)
    value = run.()
    {:erlang.monotonic_time(:microsecond) - t0, value}
  end

  def sleep(ms) when is_integer(ms) and ms >= 0, do: Process.sleep(ms)
  def sleep(:infinity), do: Process.sleep(:infinity)

  def seconds(s), do: s * 1000
  def minutes(m), do: m * 60_000
  def hours(h), do: h * 3_600_000
  def hms(h, m, s), do: hours(h) + minutes(m) + seconds(s)
end
