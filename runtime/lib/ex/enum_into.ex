# Enum.Into: Enum.into/3 over the collectables mote knows (lists, maps,
# MapSet, binaries); there is no Collectable protocol, so the shapes are
# matched here, and any other struct is Protocol.UndefinedError.
defmodule Enum.Into do
  def into(enum, list, fun) when is_list(list), do: list ++ Enum.map(enum, fun)

  def into(enum, %{__struct__: MapSet, map: map} = set, fun) do
    %{set | map: Enum.reduce(enum, map, fn x, m -> :maps.put(fun.(x), [], m) end)}
  end

  def into(_enum, %{__struct__: _} = struct, _fun) do
    raise Protocol.UndefinedError, protocol: Collectable, value: struct, description: ""
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
