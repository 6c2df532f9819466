# The standard protocols' own functions besides the calls themselves:
# impl_for/1, impl_for!/1 and __protocol__/1 as Elixir 1.14 answers them
# (Elixir's impls for the built-in types and structs, a user's defimpl,
# Inspect.Any for any other struct), and the protocol functions a program
# may call by name: Inspect.inspect/2, Collectable.into/1,
# List.Chars.to_charlist/1, String.Chars.to_string/1 (a user's impl, else
# the builtin Kernel.to_string of lib/io.c). Enumerable lives in
# enumerable.ex. Which module implements what is lib/proto.c's answer
# (Protocol.__mote_impl__/3).
defmodule Inspect do
  def impl_for(x), do: Protocol.__mote_impl__(Inspect, x, true)
  def impl_for!(x), do: Protocol.__mote_impl_for__!(Inspect, x, true)
  def __protocol__(:module), do: Inspect
  def __protocol__(:functions), do: [inspect: 2]
  def __protocol__(:consolidated?), do: false

  # A user's impl shows the term itself; anything else is Kernel.inspect's
  # text (a string is a document too).
  def inspect(%{__struct__: s} = x, %Inspect.Opts{} = opts) when is_atom(s) do
    case Protocol.__mote_struct_impl__(Inspect, s) do
      nil -> builtin(x, opts)
      mod -> mod.inspect(x, opts)
    end
  end

  def inspect(x, %Inspect.Opts{} = opts), do: builtin(x, opts)

  defp builtin(x, opts), do: Kernel.inspect(x, limit: opts.limit, width: opts.width, pretty: opts.pretty)
end

defmodule String.Chars do
  def impl_for(x), do: Protocol.__mote_impl__(String.Chars, x, false)
  def impl_for!(x), do: Protocol.__mote_impl_for__!(String.Chars, x, false)
  def __protocol__(:module), do: String.Chars
  def __protocol__(:functions), do: [to_string: 1]
  def __protocol__(:consolidated?), do: false

  # Called by name (&String.Chars.to_string/1, apply) this module's
  # function runs, not the builtin: it tries the user's impl first. The
  # builtin is reached under its Protocol name (lib/io.c), since
  # Kernel.to_string (kernel.ex) comes back here.
  def to_string(x) when is_binary(x), do: x

  def to_string(%{__struct__: s} = x) when is_atom(s) do
    case Protocol.__mote_struct_impl__(String.Chars, s) do
      nil -> builtin(x)
      mod -> mod.to_string(x)
    end
  end

  def to_string(x), do: builtin(x)

  # String.Chars.URI is Elixir code (uri.ex); the other standard impls are C.
  defp builtin(%{__struct__: URI} = uri), do: URI.to_string(uri)
  defp builtin(x), do: Protocol.__mote_builtin_to_string__(x)
end

defmodule List.Chars do
  def impl_for(x), do: Protocol.__mote_impl__(List.Chars, x, false)
  def impl_for!(x), do: Protocol.__mote_impl_for__!(List.Chars, x, false)
  def __protocol__(:module), do: List.Chars
  def __protocol__(:functions), do: [to_charlist: 1]
  def __protocol__(:consolidated?), do: false

  def to_charlist(x) when is_list(x), do: x
  def to_charlist(x) when is_binary(x), do: String.to_charlist(x)
  def to_charlist(x) when is_atom(x), do: Atom.to_charlist(x)
  def to_charlist(x) when is_integer(x), do: Integer.to_charlist(x)
  def to_charlist(x) when is_float(x), do: Float.to_charlist(x)

  def to_charlist(%{__struct__: s} = x) when is_atom(s) do
    case Protocol.__mote_struct_impl__(List.Chars, s) do
      nil -> undefined(x)
      mod -> mod.to_charlist(x)
    end
  end

  def to_charlist(x), do: undefined(x)

  defp undefined(x), do: raise(Protocol.UndefinedError, protocol: List.Chars, value: x, description: "")
end

defmodule Collectable do
  def impl_for(x), do: Protocol.__mote_impl__(Collectable, x, false)
  def impl_for!(x), do: Protocol.__mote_impl_for__!(Collectable, x, false)
  def __protocol__(:module), do: Collectable
  def __protocol__(:functions), do: [into: 1]
  def __protocol__(:consolidated?), do: false

  # {initial, collector}: the collector takes {:cont, x}, then :done (the
  # result) or :halt, as Elixir's.
  def into(list) when is_list(list) do
    {[], fn
      acc, {:cont, x} -> [x | acc]
      acc, :done -> list ++ :lists.reverse(acc)
      _, :halt -> :ok
    end}
  end

  def into(bin) when is_bitstring(bin) do
    {[bin], fn
      acc, {:cont, x} when is_bitstring(x) -> [acc | x]
      acc, :done -> :erlang.iolist_to_binary(acc)
      _, :halt -> :ok
    end}
  end

  def into(%{__struct__: MapSet} = set) do
    {set, fn
      s, {:cont, x} -> MapSet.put(s, x)
      s, :done -> s
      _, :halt -> :ok
    end}
  end

  def into(%{__struct__: s} = x) when is_atom(s) do
    case Protocol.__mote_struct_impl__(Collectable, s) do
      nil -> raise(Protocol.UndefinedError, protocol: Collectable, value: x, description: "")
      mod -> mod.into(x)
    end
  end

  def into(map) when is_map(map) do
    {map, fn
      m, {:cont, {k, v}} -> :maps.put(k, v, m)
      m, :done -> m
      _, :halt -> :ok
    end}
  end

  def into(x), do: raise(Protocol.UndefinedError, protocol: Collectable, value: x, description: "")
end
