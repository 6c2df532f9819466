# Map: functions on maps, with Elixir 1.14's results and errors. The
# primitives are the Erlang :maps builtins; a missing key is reported as
# Elixir does, with KeyError "key K not found in: MAP".
defmodule Map do
  def new, do: %{}
  def new(%{__struct__: _} = struct), do: new_from(struct, fn pair -> pair end)
  def new(map) when is_map(map), do: map
  def new(enum), do: new_from(enum, fn pair -> pair end)
  def new(enum, fun) when is_function(fun, 1), do: new_from(enum, fun)

  defp new_from(enum, fun) do
    Enum.reduce(enum, %{}, fn x, m ->
      case fun.(x) do
        {k, v} -> :maps.put(k, v, m)
        # What :maps.from_list/1 reports, as Elixir 1.14 shows it.
        _ -> raise ArgumentError, "argument error"
      end
    end)
  end

  def keys(map), do: :maps.keys(map)
  def values(map), do: :maps.values(map)
  def to_list(map), do: :maps.to_list(map)
  def has_key?(map, key), do: :maps.is_key(key, map)
  def put(map, key, value), do: :maps.put(key, value, map)
  def delete(map, key), do: :maps.remove(key, map)
  def merge(map1, map2), do: :maps.merge(map1, map2)
  def equal?(map1, map2) when is_map(map1) and is_map(map2), do: map1 === map2

  def get(map, key, default \\ nil) do
    case :maps.find(key, map) do
      {:ok, value} -> value
      :error -> default
    end
  end

  def fetch(map, key), do: :maps.find(key, map)

  def fetch!(map, key) do
    case :maps.find(key, map) do
      {:ok, value} -> value
      :error -> key_error(key, map)
    end
  end

  # Elixir's KeyError for a key missing from term.
  def key_error(key, term) do
    raise KeyError, key: key, term: term
  end

  def get_lazy(map, key, fun) when is_function(fun, 0) do
    case :maps.find(key, map) do
      {:ok, value} -> value
      :error -> fun.()
    end
  end

  def put_new(map, key, value) do
    if :maps.is_key(key, map), do: map, else: :maps.put(key, value, map)
  end

  def put_new_lazy(map, key, fun) when is_function(fun, 0) do
    if :maps.is_key(key, map), do: map, else: :maps.put(key, fun.(), map)
  end

  def replace(map, key, value) do
    if :maps.is_key(key, map), do: :maps.put(key, value, map), else: map
  end

  def replace!(map, key, value) do
    if :maps.is_key(key, map), do: :maps.put(key, value, map), else: key_error(key, map)
  end

  def replace_lazy(map, key, fun) when is_function(fun, 1) do
    case :maps.find(key, map) do
      {:ok, value} -> :maps.put(key, fun.(value), map)
      :error -> map
    end
  end

  def update(map, key, default, fun) when is_function(fun, 1) do
    case :maps.find(key, map) do
      {:ok, value} -> :maps.put(key, fun.(value), map)
      :error -> :maps.put(key, default, map)
    end
  end

  def update!(map, key, fun) when is_function(fun, 1) do
    case :maps.find(key, map) do
      {:ok, value} -> :maps.put(key, fun.(value), map)
      :error -> key_error(key, map)
    end
  end

  def pop(map, key, default \\ nil) do
    case :maps.find(key, map) do
      {:ok, value} -> {value, :maps.remove(key, map)}
      :error -> {default, map}
    end
  end

  def pop!(map, key) do
    case :maps.find(key, map) do
      {:ok, value} -> {value, :maps.remove(key, map)}
      :error -> key_error(key, map)
    end
  end

  def pop_lazy(map, key, fun) when is_function(fun, 0) do
    case :maps.find(key, map) do
      {:ok, value} -> {value, :maps.remove(key, map)}
      :error -> {fun.(), map}
    end
  end

  def get_and_update(map, key, fun) when is_function(fun, 1) do
    current = get(map, key)

    case fun.(current) do
      {got, value} -> {got, :maps.put(key, value, map)}
      :pop -> {current, :maps.remove(key, map)}
      other -> bad_get_and_update(other)
    end
  end

  def get_and_update!(map, key, fun) when is_function(fun, 1) do
    case :maps.find(key, map) do
      {:ok, current} ->
        case fun.(current) do
          {got, value} -> {got, :maps.put(key, value, map)}
          :pop -> {current, :maps.remove(key, map)}
          other -> bad_get_and_update(other)
        end

      :error ->
        key_error(key, map)
    end
  end

  def bad_get_and_update(other) do
    raise "the given function must return a two-element tuple or :pop, got: #{inspect(other)}"
  end

  def merge(map1, map2, fun) when is_function(fun, 3) do
    if map_size(map1) > map_size(map2) do
      Enum.reduce(map2, map1, fn {k, v2}, acc ->
        case :maps.find(k, acc) do
          {:ok, v1} -> :maps.put(k, fun.(k, v1, v2), acc)
          :error -> :maps.put(k, v2, acc)
        end
      end)
    else
      Enum.reduce(map1, map2, fn {k, v1}, acc ->
        case :maps.find(k, acc) do
          {:ok, v2} -> :maps.put(k, fun.(k, v1, v2), acc)
          :error -> :maps.put(k, v1, acc)
        end
      end)
    end
  end

  def take(map, keys) do
    Enum.reduce(keys, %{}, fn k, acc ->
      case :maps.find(k, map) do
        {:ok, v} -> :maps.put(k, v, acc)
        :error -> acc
      end
    end)
  end

  def drop(map, keys), do: Enum.reduce(keys, map, fn k, acc -> :maps.remove(k, acc) end)

  def split(map, keys) do
    Enum.reduce(keys, {%{}, map}, fn k, {taken, rest} ->
      case :maps.find(k, rest) do
        {:ok, v} -> {:maps.put(k, v, taken), :maps.remove(k, rest)}
        :error -> {taken, rest}
      end
    end)
  end

  def filter(map, fun) when is_map(map) and is_function(fun, 1) do
    :maps.from_list(Enum.filter(:maps.to_list(map), fun))
  end

  def reject(map, fun) when is_map(map) and is_function(fun, 1) do
    :maps.from_list(Enum.reject(:maps.to_list(map), fun))
  end

  def from_struct(%{__struct__: _} = struct), do: :maps.remove(:__struct__, struct)
  def from_struct(module) when is_atom(module), do: from_struct(module.__struct__())

  def from_keys(keys, value) when is_list(keys), do: :maps.from_list(Enum.map(keys, fn k -> {k, value} end))
end
