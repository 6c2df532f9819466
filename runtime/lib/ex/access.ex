# Access: container[key] and the paths of get_in/put_in/update_in/pop_in.
# Maps and keyword lists are containers; nil answers nil to every get; a
# struct is not a container (its fields are reached with Access.key/1).
# An accessor is a function fn op, data, next -> ... end with op :get or
# :get_and_update, as in Elixir.
defmodule Access do
  def get(container, key, default \\ nil)
  def get(%{__struct__: mod}, _key, _default), do: no_access(mod, :fetch, 2)

  def get(map, key, default) when is_map(map) do
    case :maps.find(key, map) do
      {:ok, value} -> value
      :error -> default
    end
  end

  def get(list, key, default) when is_list(list) do
    case fetch(list, key) do
      {:ok, value} -> value
      :error -> default
    end
  end

  def get(nil, _key, default), do: default

  def fetch(%{__struct__: mod}, _key), do: no_access(mod, :fetch, 2)
  def fetch(map, key) when is_map(map), do: :maps.find(key, map)

  def fetch(list, key) when is_list(list) and is_atom(key) do
    case :lists.keyfind(key, 1, list) do
      {_, value} -> {:ok, value}
      false -> :error
    end
  end

  def fetch(list, key) when is_list(list) do
    raise ArgumentError, "the Access calls for keywords expect the key to be an atom, got: " <> inspect(key)
  end

  def fetch(nil, _key), do: :error

  def fetch!(container, key) do
    case fetch(container, key) do
      {:ok, value} -> value
      :error -> Map.key_error(key, container)
    end
  end

  # A struct is not a container: Elixir reports the callback it lacks.
  defp no_access(mod, fun, arity) do
    raise UndefinedFunctionError,
      module: mod,
      function: fun,
      arity: arity,
      reason: "#{inspect(mod)} does not implement the Access behaviour",
      message:
        "function #{inspect(mod)}.#{fun}/#{arity} is undefined (#{inspect(mod)} does not implement the Access behaviour. " <>
          "If you are using get_in/put_in/update_in, you can specify the field to be accessed using Access.key!/1)"
  end

  def get_and_update(%{__struct__: mod}, _key, _fun), do: no_access(mod, :get_and_update, 3)
  def get_and_update(map, key, fun) when is_map(map), do: Map.get_and_update(map, key, fun)
  def get_and_update(list, key, fun) when is_list(list), do: Keyword.get_and_update(list, key, fun)

  def get_and_update(nil, key, _fun) do
    raise ArgumentError, "could not put/update key #{inspect(key)} on a nil value"
  end

  def pop(%{__struct__: mod}, _key), do: no_access(mod, :pop, 2)
  def pop(map, key) when is_map(map), do: Map.pop(map, key)
  def pop(list, key) when is_list(list), do: Keyword.pop(list, key)
  def pop(nil, key), do: raise(ArgumentError, "could not pop key #{inspect(key)} on a nil value")

  # ---- accessors --------------------------------------------------------

  def key(key, default \\ nil) do
    fn
      :get, data, next ->
        next.(Map.get(data, key, default))

      :get_and_update, data, next ->
        value = Map.get(data, key, default)

        case next.(value) do
          {got, new} -> {got, Map.put(data, key, new)}
          :pop -> {value, Map.delete(data, key)}
        end
    end
  end

  def key!(key) do
    fn
      :get, %{} = data, next ->
        next.(Map.fetch!(data, key))

      :get_and_update, %{} = data, next ->
        value = Map.fetch!(data, key)

        case next.(value) do
          {got, new} -> {got, Map.put(data, key, new)}
          :pop -> {value, Map.delete(data, key)}
        end

      _op, data, _next ->
        raise "Access.key!/1 expected a map/struct, got: #{inspect(data)}"
    end
  end

  def elem(index) when is_integer(index) and index >= 0 do
    pos = index + 1

    fn
      :get, data, next when is_tuple(data) ->
        next.(:erlang.element(pos, data))

      :get_and_update, data, next when is_tuple(data) ->
        value = :erlang.element(pos, data)

        case next.(value) do
          {got, new} -> {got, :erlang.setelement(pos, data, new)}
          :pop -> raise "cannot pop data from a tuple"
        end

      _op, data, _next ->
        raise "Access.elem/1 expected a tuple, got: #{inspect(data)}"
    end
  end

  def at(index) when is_integer(index) do
    fn
      :get, data, next when is_list(data) ->
        next.(Enum.at(data, index))

      :get_and_update, data, next when is_list(data) ->
        at_update(data, index, next)

      _op, data, _next ->
        raise "Access.at/1 expected a list, got: #{inspect(data)}"
    end
  end

  defp at_update(list, index, next) when index < 0 do
    n = length(list)
    if n + index >= 0, do: at_update(list, n + index, next), else: {nil, list}
  end

  defp at_update(list, index, next), do: at_update(list, index, next, [])

  defp at_update([], _i, _next, acc), do: {nil, :lists.reverse(acc)}

  defp at_update([h | t], 0, next, acc) do
    case next.(h) do
      {got, new} -> {got, :lists.reverse(acc, [new | t])}
      :pop -> {h, :lists.reverse(acc, t)}
    end
  end

  defp at_update([h | t], i, next, acc), do: at_update(t, i - 1, next, [h | acc])

  def at!(index) when is_integer(index) do
    fn
      :get, data, next when is_list(data) ->
        next.(Enum.fetch!(data, index))

      :get_and_update, data, next when is_list(data) ->
        if Enum.fetch(data, index) == :error, do: raise(Enum.OutOfBoundsError)
        at_update(data, index, next)

      _op, data, _next ->
        raise "Access.at!/1 expected a list, got: #{inspect(data)}"
    end
  end

  # The elements at the positions Enum.slice/2 would take.
  def slice(%{__struct__: Range, step: step} = range) when step < 0 do
    fn _op, _data, _next ->
      raise ArgumentError, "Access.slice/1 does not accept ranges with negative steps, got: #{inspect(range)}"
    end
  end

  def slice(%{__struct__: Range} = range) do
    fn
      :get, data, next when is_list(data) ->
        data |> Enum.slice(range) |> Enum.map(next)

      :get_and_update, data, next when is_list(data) ->
        picked = MapSet.new(Enum.slice(Range.new(0, length(data) - 1, 1), range))
        slice_update(data, picked, next)

      _op, data, _next ->
        raise ArgumentError, "Access.slice/1 expected a list, got: #{inspect(data)}"
    end
  end

  def all do
    fn
      :get, data, next when is_list(data) ->
        Enum.map(data, next)

      :get_and_update, data, next when is_list(data) ->
        each_update(data, fn _ -> true end, next)

      _op, data, _next ->
        raise "Access.all/0 expected a list, got: #{inspect(data)}"
    end
  end

  def filter(pred) when is_function(pred, 1) do
    fn
      :get, data, next when is_list(data) ->
        data |> Enum.filter(pred) |> Enum.map(next)

      :get_and_update, data, next when is_list(data) ->
        each_update(data, pred, next)

      _op, data, _next ->
        raise "Access.filter/1 expected a list, got: #{inspect(data)}"
    end
  end

  # get_and_update over the elements of list that pred selects.
  defp each_update(list, pred, next) do
    {gets, updated} =
      Enum.reduce(list, {[], []}, fn x, {gets, out} ->
        if pred.(x) do
          case next.(x) do
            {got, new} -> {[got | gets], [new | out]}
            :pop -> {[x | gets], out}
          end
        else
          {gets, [x | out]}
        end
      end)

    {:lists.reverse(gets), :lists.reverse(updated)}
  end

  defp slice_update(list, picked, next) do
    {gets, out, _} =
      Enum.reduce(list, {[], [], 0}, fn x, {gets, out, i} ->
        if MapSet.member?(picked, i) do
          case next.(x) do
            {got, new} -> {[got | gets], [new | out], i + 1}
            :pop -> {[x | gets], out, i + 1}
          end
        else
          {gets, [x | out], i + 1}
        end
      end)

    {:lists.reverse(gets), :lists.reverse(out)}
  end
end
