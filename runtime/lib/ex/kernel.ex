# Kernel functions that take funs or walk Access paths. then/2 and tap/2
# are macros in Elixir; as functions they behave the same for callers.
defmodule Kernel do
  def then(value, fun) when is_function(fun, 1), do: fun.(value)

  def tap(value, fun) when is_function(fun, 1) do
    fun.(value)
    value
  end

  def get_in(nil, [_ | _]), do: nil
  def get_in(data, [h]) when is_function(h, 3), do: h.(:get, data, fn x -> x end)
  def get_in(data, [h | t]) when is_function(h, 3), do: h.(:get, data, fn x -> get_in(x, t) end)
  def get_in(data, [h]), do: Access.get(data, h)
  def get_in(data, [h | t]), do: get_in(Access.get(data, h), t)

  def get_and_update_in(data, [h], fun) when is_function(h, 3), do: h.(:get_and_update, data, fun)

  def get_and_update_in(data, [h | t], fun) when is_function(h, 3) do
    h.(:get_and_update, data, fn x -> get_and_update_in(x, t, fun) end)
  end

  def get_and_update_in(data, [h], fun) when is_function(fun, 1), do: Access.get_and_update(data, h, fun)

  def get_and_update_in(data, [h | t], fun) when is_function(fun, 1) do
    Access.get_and_update(data, h, fn x -> get_and_update_in(x, t, fun) end)
  end

  def put_in(data, [_ | _] = keys, value) do
    :erlang.element(2, get_and_update_in(data, keys, fn _ -> {nil, value} end))
  end

  def update_in(data, [_ | _] = keys, fun) when is_function(fun, 1) do
    :erlang.element(2, get_and_update_in(data, keys, fn x -> {nil, fun.(x)} end))
  end

  def pop_in(nil, [key | _]) do
    raise ArgumentError, "could not pop key #{inspect(key)} on a nil value"
  end

  def pop_in(data, [_ | _] = keys), do: pop_path(data, keys)

  defp pop_path(nil, [_ | _]), do: :pop
  defp pop_path(data, [h]) when is_function(h, 3), do: h.(:get_and_update, data, fn _ -> :pop end)
  defp pop_path(data, [h | t]) when is_function(h, 3), do: h.(:get_and_update, data, fn x -> pop_path(x, t) end)
  defp pop_path(data, [key]), do: Access.pop(data, key)
  defp pop_path(data, [key | t]), do: Access.get_and_update(data, key, fn x -> pop_path(x, t) end)
end
