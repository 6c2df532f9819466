# Enumerable: the one reduce every Enum and Stream function is built on.
#
# The built-in shapes are matched here in ordinary clauses: lists, maps
# (as their {key, value} pairs), ranges, MapSets, and functions of arity 2
# (streams: Elixir's Enumerable for functions, f.(acc, reducer)); any
# other struct goes to its `defimpl Enumerable` module (Enumerable.Mod).
#
# The accumulator protocol is Elixir's: the reducer returns {:cont, acc},
# {:halt, acc} or {:suspend, acc}; reduce/3 answers {:done, acc},
# {:halted, acc} or {:suspended, acc, continuation}, where the
# continuation takes the next {:cont | :halt | :suspend, acc}.
defmodule Enumerable do
  # As a protocol module answers (lib/proto.c knows Elixir's own impls).
  def impl_for(x), do: Protocol.__mote_impl__(Enumerable, x, false)
  def impl_for!(x), do: Protocol.__mote_impl_for__!(Enumerable, x, false)
  def __protocol__(:module), do: Enumerable
  def __protocol__(:functions), do: [count: 1, member?: 2, reduce: 3, slice: 1]
  def __protocol__(:consolidated?), do: false

  # A function enumerable sees every command itself, :halt included, so a
  # resource it opened can be closed.
  def reduce(fun, acc, reducer) when is_function(fun, 2), do: fun.(acc, reducer)
  def reduce(_enum, {:halt, acc}, _reducer), do: {:halted, acc}

  def reduce(enum, {:suspend, acc}, reducer) do
    {:suspended, acc, fn next -> reduce(enum, next, reducer) end}
  end

  def reduce(list, acc, reducer) when is_list(list), do: reduce_list(list, acc, reducer)

  def reduce(%{__struct__: Range, first: first, last: last, step: step}, acc, reducer) do
    reduce_range(first, last, step, acc, reducer)
  end

  def reduce(%{__struct__: MapSet, map: map}, acc, reducer) do
    reduce_list(:maps.keys(map), acc, reducer)
  end

  def reduce(%{__struct__: Date.Range, first: %{calendar: cal}} = r, acc, reducer) do
    %{first_in_iso_days: first, last_in_iso_days: last, step: step} = r
    reduce_range(first, last, step, acc, fn days, a -> reducer.(Date.from_gregorian_days(days, cal), a) end)
  end

  def reduce(%{__struct__: s} = struct, acc, reducer) do
    case Protocol.__mote_struct_impl__(Enumerable, s) do
      nil -> undefined(struct)
      mod -> mod.reduce(struct, acc, reducer)
    end
  end
  def reduce(map, acc, reducer) when is_map(map), do: reduce_list(:maps.to_list(map), acc, reducer)
  def reduce(other, _acc, _reducer), do: undefined(other)

  # The number of elements, or {:error, __MODULE__} when only a full
  # reduce can tell (streams), as Elixir's Enumerable.count/1 answers.
  def count(list) when is_list(list), do: {:ok, length(list)}

  def count(%{__struct__: Range, first: first, last: last, step: step}) do
    {:ok, range_size(first, last, step)}
  end

  def count(%{__struct__: MapSet, map: map}), do: {:ok, map_size(map)}

  def count(%{__struct__: Date.Range, first_in_iso_days: first, last_in_iso_days: last, step: step}) do
    {:ok, range_size(first, last, step)}
  end
  def count(fun) when is_function(fun, 2), do: {:error, __MODULE__}
  def count(%{__struct__: s} = struct) do
    case Protocol.__mote_struct_impl__(Enumerable, s) do
      nil -> undefined(struct)
      mod -> mod.count(struct)
    end
  end
  def count(map) when is_map(map), do: {:ok, map_size(map)}
  def count(other), do: undefined(other)

  # {:ok, boolean} when the shape answers directly, {:error, __MODULE__}
  # when a linear search is needed.
  def member?(%{__struct__: Range, first: first, last: last, step: step}, x) do
    {:ok, is_integer(x) and range_member(first, last, step, x)}
  end

  def member?(%{__struct__: MapSet, map: map}, x), do: {:ok, :maps.is_key(x, map)}

  def member?(%{__struct__: Date.Range, first: %{calendar: cal}} = r, %{__struct__: Date, calendar: cal} = d) do
    %{first_in_iso_days: first, last_in_iso_days: last, step: step} = r
    {:ok, range_member(first, last, step, Date.to_gregorian_days(d))}
  end

  def member?(%{__struct__: Date.Range}, _x), do: {:ok, false}
  def member?(fun, _x) when is_function(fun, 2), do: {:error, __MODULE__}
  def member?(list, _x) when is_list(list), do: {:error, __MODULE__}
  def member?(%{__struct__: s} = struct, x) do
    case Protocol.__mote_struct_impl__(Enumerable, s) do
      nil -> undefined(struct)
      mod -> mod.member?(struct, x)
    end
  end

  def member?(map, {key, value}) when is_map(map) do
    case :maps.find(key, map) do
      {:ok, ^value} -> {:ok, true}
      _ -> {:ok, false}
    end
  end

  def member?(map, _x) when is_map(map), do: {:ok, false}
  def member?(other, _x), do: undefined(other)

  # Size of first..last//step (0 when empty).
  def range_size(first, last, step) when step > 0 and first > last, do: 0
  def range_size(first, last, step) when step < 0 and first < last, do: 0
  def range_size(first, last, step), do: div(last - first, step) + 1

  defp range_member(first, last, step, x) when step > 0 do
    x >= first and x <= last and rem(x - first, step) == 0
  end

  defp range_member(first, last, step, x) do
    x <= first and x >= last and rem(first - x, -step) == 0
  end

  defp reduce_list(_list, {:halt, acc}, _reducer), do: {:halted, acc}

  defp reduce_list(list, {:suspend, acc}, reducer) do
    {:suspended, acc, fn next -> reduce_list(list, next, reducer) end}
  end

  defp reduce_list([], {:cont, acc}, _reducer), do: {:done, acc}
  defp reduce_list([h | t], {:cont, acc}, reducer), do: reduce_list(t, reducer.(h, acc), reducer)

  defp reduce_range(_first, _last, _step, {:halt, acc}, _reducer), do: {:halted, acc}

  defp reduce_range(first, last, step, {:suspend, acc}, reducer) do
    {:suspended, acc, fn next -> reduce_range(first, last, step, next, reducer) end}
  end

  defp reduce_range(first, last, step, {:cont, acc}, reducer)
       when (step > 0 and first <= last) or (step < 0 and first >= last) do
    reduce_range(first + step, last, step, reducer.(first, acc), reducer)
  end

  defp reduce_range(_first, _last, _step, {:cont, acc}, _reducer), do: {:done, acc}

  # Protocol.UndefinedError builds Elixir's message from these fields.
  def undefined(value) do
    raise Protocol.UndefinedError,
      protocol: Enumerable,
      value: value,
      description: ""
  end
end

# The built-in implementations under their Elixir names, so that a user's
# impl can delegate (`Enumerable.List.reduce(items, acc, fun)`).
defmodule Enumerable.List do
  def __impl__(:for), do: List
  def __impl__(:protocol), do: Enumerable
  def reduce(list, acc, fun) when is_list(list), do: Enumerable.reduce(list, acc, fun)
  def count(list) when is_list(list), do: {:ok, length(list)}
  def member?(list, _x) when is_list(list), do: {:error, __MODULE__}
  def slice(list) when is_list(list), do: {:error, __MODULE__}
end

defmodule Enumerable.Map do
  def __impl__(:for), do: Map
  def __impl__(:protocol), do: Enumerable
  def reduce(map, acc, fun) when is_map(map), do: Enumerable.reduce(map, acc, fun)
  def count(map) when is_map(map), do: {:ok, map_size(map)}
  def member?(map, x) when is_map(map), do: Enumerable.member?(map, x)
  def slice(map) when is_map(map), do: {:error, __MODULE__}
end
