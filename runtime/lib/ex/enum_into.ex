# Enum.Into: Enum.into/3 over the collectables mote knows (lists, maps,
# MapSet, binaries) matched here; any other struct uses its own
# `defimpl Collectable`, or is Protocol.UndefinedError.
defmodule Enum.Into do
  def into(enum, list, fun) when is_list(list), do: list ++ Enum.map(enum, fun)

  def into(enum, %{__struct__: MapSet, map: map} = set, fun) do
    %{set | map: Enum.reduce(enum, map, fn x, m -> :maps.put(fun.(x), [], m) end)}
  end

  # Any other struct: its `defimpl Collectable` (Collectable.Mod), whose
  # into/1 answers {acc, fun}; fun takes {:cont, x}, then :done.
  def into(enum, %{__struct__: s} = struct, fun) do
    case Protocol.__mote_struct_impl__(Collectable, s) do
      nil ->
        raise Protocol.UndefinedError, protocol: Collectable, value: struct, description: ""

      mod ->
        {acc, into_fun} = mod.into(struct)
        acc = Enum.reduce(enum, acc, fn x, a -> into_fun.(a, {:cont, fun.(x)}) end)
        into_fun.(acc, :done)
    end
  end

  def into(enum, map, fun) when is_map(map) do
    Enum.reduce(enum, map, fn x, m ->
      case fun.(x) do
        {k, v} -> :maps.put(k, v, m)
        # What :maps.from_list/1 reports, as Elixir 1.14 shows it.
        _ -> raise ArgumentError, "argument error"
      end
    end)
  end

  def into(enum, bin, fun) when is_binary(bin) do
    :erlang.iolist_to_binary([bin | Enum.map(enum, fun)])
  end

  def into(_enum, other, _fun) do
    raise Protocol.UndefinedError, protocol: Collectable, value: other, description: ""
  end
end
