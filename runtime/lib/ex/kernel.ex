# Kernel functions that take funs, walk Access paths, or are plain
# Elixir: then/2, tap/2, is_struct/is_exception are macros in Elixir; as
# functions they behave the same outside guards.
defmodule Kernel do
  def then(value, fun) when is_function(fun, 1), do: fun.(value)

  # Elixir's order is (map, key); :erlang.is_map_key, which an unknown
  # Kernel name would fall through to, takes (key, map).
  def is_map_key(map, key), do: :erlang.is_map_key(key, map)

  # The builtins (lib/io.c) know no user impls. A direct call is compiled
  # to Protocol's checks; these reach them from a capture
  # (&Kernel.inspect/1, &to_string/1) or an apply, which run the module's
  # function.
  def inspect(term, opts \\ []), do: Protocol.__mote_inspect__(term, opts)
  def to_string(term), do: Protocol.__mote_to_string__(term)

  # %Mod{base | k: v} (the compiler calls this on base): a Mod struct, or
  # BadStructError as Elixir raises it.
  def __mote_struct_base__(%{__struct__: mod} = s, mod), do: s
  def __mote_struct_base__(other, mod), do: :erlang.error({:badstruct, mod, other})

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

  def is_struct(term), do: is_map(term) and is_atom(Map.get(term, :__struct__)) and Map.has_key?(term, :__struct__)
  def is_struct(term, name) when is_atom(name), do: is_struct(term) and :maps.get(:__struct__, term) == name

  def is_exception(term), do: is_struct(term) and Map.get(term, :__exception__) == true
  def is_exception(term, name) when is_atom(name), do: is_exception(term) and :maps.get(:__struct__, term) == name

  # Byte slices, with String.slice's rules for negative positions.
  def binary_slice(binary, start, size)
      when is_binary(binary) and is_integer(start) and is_integer(size) and size >= 0 do
    total = byte_size(binary)
    start = if start < 0, do: :erlang.max(total + start, 0), else: start
    if start < total, do: :erlang.binary_part(binary, start, :erlang.min(size, total - start)), else: ""
  end

  def binary_slice(binary, %{__struct__: Range, first: first, last: last, step: step})
      when is_binary(binary) and step > 0 do
    total = byte_size(binary)
    first = if first < 0, do: :erlang.max(first + total, 0), else: first
    last = if last < 0, do: last + total, else: last
    amount = last - first + 1

    cond do
      first >= total or amount <= 0 -> ""
      step == 1 -> :erlang.binary_part(binary, first, :erlang.min(amount, total - first))
      true -> every_byte(:erlang.binary_part(binary, first, :erlang.min(amount, total - first)), step)
    end
  end

  def binary_slice(binary, %{__struct__: Range, first: first, last: last, step: step}) when is_binary(binary) do
    raise ArgumentError,
          "binary_slice/2 does not accept ranges with negative steps, got: #{first}..#{last}//#{step}"
  end

  defp every_byte(bin, step) do
    bin |> :erlang.binary_to_list() |> Enum.take_every(step) |> :erlang.list_to_binary()
  end

  # The calendar sigils parse ISO 8601 (lib/ex/calendar.ex); Elixir does
  # it at compile time, with the same errors.
  def sigil_D(string, _modifiers), do: Date.from_iso8601!(string)
  def sigil_T(string, _modifiers), do: Time.from_iso8601!(string)
  def sigil_N(string, _modifiers), do: NaiveDateTime.from_iso8601!(string)

  def sigil_U(string, _modifiers) do
    case DateTime.from_iso8601(string) do
      {:ok, dt, 0} -> dt
      {:ok, _, _} -> raise ArgumentError, "cannot parse #{inspect(string)} as UTC DateTime, reason: :non_utc_offset"
      {:error, reason} -> Calendar.ISO.parse_error("UTC DateTime", string, reason)
    end
  end

  # Elixir 1.14's public macros of Kernel and Kernel.SpecialForms, as
  # name/arity. mote compiles them as special forms, so no module holds
  # them; user modules cannot define macros (defmacro is refused).
  @kernel_macros [
    {:!, 1}, {:&&, 2}, {:.., 0}, {:.., 2}, {:"..//", 3}, {:<>, 2}, {:@, 1}, {:alias!, 1},
    {:and, 2}, {:binding, 0}, {:binding, 1}, {:dbg, 0}, {:dbg, 1}, {:dbg, 2}, {:def, 1},
    {:def, 2}, {:defdelegate, 2}, {:defexception, 1}, {:defguard, 1}, {:defguardp, 1},
    {:defimpl, 2}, {:defimpl, 3}, {:defmacro, 1}, {:defmacro, 2}, {:defmacrop, 1},
    {:defmacrop, 2}, {:defmodule, 2}, {:defoverridable, 1}, {:defp, 1}, {:defp, 2},
    {:defprotocol, 2}, {:defstruct, 1}, {:destructure, 2}, {:get_and_update_in, 2},
    {:if, 2}, {:in, 2}, {:is_exception, 1}, {:is_exception, 2}, {:is_nil, 1},
    {:is_struct, 1}, {:is_struct, 2}, {:match?, 2}, {:or, 2}, {:pop_in, 1}, {:put_in, 2},
    {:raise, 1}, {:raise, 2}, {:reraise, 2}, {:reraise, 3}, {:sigil_C, 2}, {:sigil_D, 2},
    {:sigil_N, 2}, {:sigil_R, 2}, {:sigil_S, 2}, {:sigil_T, 2}, {:sigil_U, 2}, {:sigil_W, 2},
    {:sigil_c, 2}, {:sigil_r, 2}, {:sigil_s, 2}, {:sigil_w, 2}, {:tap, 2}, {:then, 2},
    {:to_charlist, 1}, {:to_string, 1}, {:unless, 2}, {:update_in, 2}, {:use, 1}, {:use, 2},
    {:var!, 1}, {:var!, 2}, {:|>, 2}, {:||, 2}
  ]
  @special_forms [
    {:%, 2}, {:%{}, -1}, {:&, 1}, {:., 2}, {:__CALLER__, 0}, {:__DIR__, 0}, {:__ENV__, 0},
    {:__MODULE__, 0}, {:__STACKTRACE__, 0}, {:__aliases__, -1}, {:__block__, -1},
    {:"::", 2}, {:<<>>, -1}, {:=, 2}, {:^, 1}, {:alias, 1}, {:alias, 2}, {:case, 2},
    {:cond, 1}, {:fn, -1}, {:for, -1}, {:import, 1}, {:import, 2}, {:quote, 1}, {:quote, 2},
    {:receive, 1}, {:require, 1}, {:require, 2}, {:super, -1}, {:try, 1}, {:unquote, 1},
    {:unquote_splicing, 1}, {:with, -1}, {:{}, -1}
  ]

  def macro_exported?(module, name, arity)
      when is_atom(module) and is_atom(name) and is_integer(arity) and arity >= 0 and arity <= 255 do
    case module do
      Kernel -> {name, arity} in @kernel_macros
      Kernel.SpecialForms -> {name, arity} in @special_forms or {name, -1} in @special_forms
      _ -> false
    end
  end

  # struct/1,2 and struct!/1,2: a module's (or a struct's) fields filled
  # from an enumerable of pairs. struct/2 skips keys the struct lacks,
  # struct!/2 raises KeyError for them (term nil when given a module, as
  # Mod.__struct__/1 raises it); :__struct__ itself is never overwritten.
  def struct(struct, fields \\ []), do: fill_struct(struct, fields, false)
  def struct!(struct, fields \\ []), do: fill_struct(struct, fields, true)

  defp fill_struct(mod, fields, strict) when is_atom(mod) do
    if strict, do: check_enforced(mod, fields)
    fill_fields(mod.__struct__(), fields, strict, nil)
  end
  defp fill_struct(%{__struct__: _} = s, fields, strict), do: fill_fields(s, fields, strict, s)
  defp fill_struct(_other, _fields, _strict), do: raise(FunctionClauseError, module: Kernel, function: :struct, arity: 3)

  # A struct compiled by mote lists its @enforce_keys in __enforce_keys__/0.
  defp check_enforced(mod, fields) do
    if function_exported?(mod, :__enforce_keys__, 0) do
      given = Enum.map(fields, fn {k, _} -> k end)
      case Enum.reject(mod.__enforce_keys__(), &(&1 in given)) do
        [] -> :ok
        missing ->
          raise ArgumentError,
                "the following keys must also be given when building struct #{inspect(mod)}: #{inspect(missing)}"
      end
    end
  end

  defp fill_fields(s, fields, strict, term) do
    Enum.reduce(fields, s, fn
      {:__struct__, _}, acc ->
        acc

      {k, v}, acc ->
        cond do
          :maps.is_key(k, acc) -> :maps.put(k, v, acc)
          strict -> raise KeyError, key: k, term: term
          true -> acc
        end
    end)
  end
end
