# MapSet: a set kept as the keys of a map, %{__struct__: MapSet, map:
# %{elem => []}, version: 2}, the layout Elixir 1.14 uses.
defmodule MapSet do
  # So that %MapSet{} builds an empty set and matches any set.
  defstruct map: %{}, version: 2

  defp wrap(map), do: %{__struct__: MapSet, map: map, version: 2}

  def new, do: wrap(%{})
  def new(%{__struct__: MapSet} = set), do: set
  def new(enum), do: wrap(Enum.reduce(enum, %{}, fn x, m -> :maps.put(x, [], m) end))
  def new(enum, fun) when is_function(fun, 1), do: wrap(Enum.reduce(enum, %{}, fn x, m -> :maps.put(fun.(x), [], m) end))

  def put(%{__struct__: MapSet, map: m} = set, x), do: %{set | map: :maps.put(x, [], m)}
  def delete(%{__struct__: MapSet, map: m} = set, x), do: %{set | map: :maps.remove(x, m)}
  def member?(%{__struct__: MapSet, map: m}, x), do: :maps.is_key(x, m)
  def size(%{__struct__: MapSet, map: m}), do: map_size(m)
  def to_list(%{__struct__: MapSet, map: m}), do: :maps.keys(m)
  def equal?(%{__struct__: MapSet, map: a}, %{__struct__: MapSet, map: b}), do: a === b

  def union(%{__struct__: MapSet, map: a}, %{__struct__: MapSet, map: b}), do: wrap(:maps.merge(a, b))

  def intersection(%{__struct__: MapSet, map: a}, %{__struct__: MapSet, map: b}) do
    {small, big} = if map_size(a) <= map_size(b), do: {a, b}, else: {b, a}
    wrap(:maps.from_list(for {k, _} <- :maps.to_list(small), :maps.is_key(k, big), do: {k, []}))
  end

  def difference(%{__struct__: MapSet, map: a}, %{__struct__: MapSet, map: b}) do
    wrap(Enum.reduce(:maps.keys(b), a, fn k, acc -> :maps.remove(k, acc) end))
  end

  def symmetric_difference(%{__struct__: MapSet} = a, %{__struct__: MapSet} = b) do
    union(difference(a, b), difference(b, a))
  end

  def subset?(%{__struct__: MapSet, map: a}, %{__struct__: MapSet, map: b}) do
    map_size(a) <= map_size(b) and Enum.all?(:maps.keys(a), fn k -> :maps.is_key(k, b) end)
  end

  def disjoint?(%{__struct__: MapSet, map: a}, %{__struct__: MapSet, map: b}) do
    not Enum.any?(:maps.keys(a), fn k -> :maps.is_key(k, b) end)
  end

  def filter(%{__struct__: MapSet, map: m}, fun) when is_function(fun, 1) do
    wrap(:maps.from_list(for {k, _} <- :maps.to_list(m), fun.(k), do: {k, []}))
  end

  def reject(%{__struct__: MapSet, map: m}, fun) when is_function(fun, 1) do
    wrap(:maps.from_list(for {k, _} <- :maps.to_list(m), !fun.(k), do: {k, []}))
  end
end
